/**
 * The monthly subsidy run and the dashboard in a real browser, on a runtime of its own (the run closes April 2025 for
 * every child, and e2e files run two at a time: another file's children must not enter it): a small synthetic
 * population (12 children, written directly like the integration test does) for April 2025; the DAS coordinator
 * starts the run from the UI, follows its progress, excludes an eligible child with a written reason, meets the
 * "changed meanwhile" refusal, approves, and downloads the CSV payment file, which is parsed back. The project manager
 * opens the dashboard (charts, axe), and centre staff are refused the runs page. Screenshots into test-results/.
 */
import { currentMonth } from '../../shared/platform/calendar.js';
import { testClock } from '../support/fixtures.js';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Api } from '../support/api.js';
import { startRuntimeProcess, tempDataDir, type RuntimeProcess, type RuntimeUrls } from '../support/runtime.js';
import { allLines, parseCsv, population, seedChildren, waitRun, type SeededChild } from '../support/subsidy.js';
import { formatLei } from '../../shared/platform/calendar.js';
import { paymentHeaders } from '../../shared/subsidies/payment-file.js';
import { describeViolations, launch, clickMenu, menuLink, newContext, screenshot, seriousViolations, signIn, watchErrors } from './support.js';

let rt: RuntimeProcess;
let urls: RuntimeUrls;
let api: Api;
const APRIL = '2025-04';
let browser: Browser;
let kids: SeededChild[] = [];
let runId = '';

beforeAll(async () => {
  [browser, rt] = await Promise.all([launch(), startRuntimeProcess({ dataDir: tempDataDir('monthly-run-e2e') })]);
  urls = rt.urls;
  api = new Api(urls);
  // small on purpose: the seeded children carry cohorts (and their quotas), and the browser reads every line
  kids = await seedChildren(urls, population(12, 11), [APRIL]);
});
afterAll(async () => {
  await browser?.close();
  await rt?.stop();
});

async function expectAccessible(page: Page, name: string) {
  const v = await seriousViolations(page);
  expect(v, `axe on ${name}:\n${describeViolations(v)}`).toEqual([]);
  await screenshot(page, name);
}

const waitHeading = (page: Page, text: string | RegExp) => page.locator('main h1', { hasText: text }).waitFor();
/** '1.234,50 lei' or '1234,50' → 1234.5 */
const lei = (s: string) => Number(s.replace(/\s*lei$/, '').replace(/\./g, '').replace(',', '.'));
/** A definition list as { term: description }. */
const facts = (page: Page, selector: string) =>
  page.locator(selector).evaluate((dl) => {
    const out: Record<string, string> = {};
    for (const dt of dl.querySelectorAll('dt')) out[(dt as HTMLElement).innerText.trim()] = ((dt.nextElementSibling as HTMLElement | null)?.innerText ?? '').trim();
    return out;
  });
const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('monthly subsidy run in the browser', () => {
  it('starts the run for April 2025, follows its progress, excludes a child, approves and downloads the CSV', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, urls.web, 'coord.das', '#/subventii');
    await waitHeading(page, /^Subvenții — rulări lunare$/);
    // the coordinator's long menu holds the runs under „Subvenții” (a disclosure group marked as holding this page)
    const menu = page.getByRole('navigation', { name: 'Meniul principal' });
    await expect(menu.getByRole('button', { name: 'Subvenții' }).getAttribute('class')).resolves.toMatch(/\bcurrent\b/);
    await expect((await menuLink(page, 'Rulările lunare')).getAttribute('aria-current')).resolves.toBe('page');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'Bugetul subvenției' }).waitFor();
    await expect(page.locator('.budget svg[role="img"]').getAttribute('aria-label')).resolves.toMatch(/^Bugetul subvenției: 0,00 lei plătit/);

    // start: only finished months of the project period are offered
    const offered = await page.locator('#f-month option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(offered).toContain(APRIL);
    expect(offered.at(-1)).toBe('2025-03');
    expect(offered.every((m) => m < currentMonth(testClock()))).toBe(true);
    await page.locator('#f-month').selectOption(APRIL);
    await expectAccessible(page, '40-subsidy-runs-start');
    await page.getByRole('button', { name: 'Pornește rularea' }).click();
    await page.waitForURL(/#\/subventii\/2025-04-\d+$/);
    runId = decodeURIComponent(page.url().split('/').pop()!);
    await waitHeading(page, /^Rularea pentru aprilie 2025/);

    // while it runs: stage and progress, refreshed without reloading the page; then the summary
    const sawProgress = await page.locator('#run-progress').isVisible();
    if (sawProgress) {
      await expect(page.getByRole('status').filter({ hasText: 'Etapa:' }).innerText()).resolves.toMatch(/Etapa: .+/);
      await screenshot(page, '41-subsidy-run-progress');
    }
    await page.getByRole('heading', { name: 'Rezumatul rulării' }).waitFor({ timeout: 120_000 });
    // the summary may show a moment before the run leaves the evaluation; then the progress bar goes away
    await page.locator('#run-progress').waitFor({ state: 'detached', timeout: 120_000 });
    await page.getByRole('button', { name: 'Aprobă rularea' }).waitFor();
    const run = (await api.get(`/subsidy-runs/${runId}`, 'coord.das')).body.run;
    expect(run.status).toBe('awaiting_approval');
    expect(run.progress.evaluated).toBe(run.progress.total);
    expect(run.progress.total).toBeGreaterThanOrEqual(kids.length);
    await expect(page.locator('[data-testid="run-net"]').innerText()).resolves.toBe(formatLei(run.summary.netLei));
    expect((await facts(page, '.run-totals')).Eligibili).toBe(`${run.summary.totals.eligible} · ${formatLei(run.summary.totals.monthlyLei)}`);
    // ineligible by reason, with the labels of the summary
    for (const r of run.summary.byReason) await page.locator('table.by-reason th', { hasText: r.label }).first().waitFor();

    // the lines: every seeded child once, with reasons
    const lines = await allLines(api, runId);
    const ours = lines.filter((l) => kids.some((k) => k.caseId === l.caseId));
    expect(ours).toHaveLength(kids.length);
    const eligibleBefore = lines.filter((l) => l.kind === 'monthly' && l.eligible);
    expect(eligibleBefore.length).toBeGreaterThanOrEqual(2);
    await page.locator('table.lines tbody tr[data-case]').first().waitFor();
    expect(await page.locator('table.lines tbody tr[data-case]').count()).toBe(Math.min(lines.length, 50));

    // exclude one eligible child: a reason is required, then the row and the totals change
    const target = eligibleBefore[0]!;
    const row = page.locator(`tr[data-case="${target.caseNumber}"]`);
    await row.getByRole('button', { name: `Exclude: cazul ${target.caseNumber}` }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'f-overrideReason');
    await page.locator('#f-overrideReason').fill('scurt');
    await page.getByRole('button', { name: 'Confirmă excluderea' }).click();
    await expect(page.locator('#f-overrideReason-err').innerText()).resolves.toContain('cel puțin 10 caractere');
    await expect(page.locator('#f-overrideReason').getAttribute('aria-invalid')).resolves.toBe('true');
    const reason = 'Familia a cerut suspendarea plății pentru această lună (test E2E).';
    await page.locator('#f-overrideReason').fill(reason);
    await page.getByRole('button', { name: 'Confirmă excluderea' }).click();
    await page.getByText(`Cazul ${target.caseNumber} a fost exclus din plată.`).waitFor();
    await expect(page.locator(`tr.line-ineligible[data-case="${target.caseNumber}"] .override-note`).innerText()).resolves.toContain(reason);
    const after = await facts(page, '.run-totals');
    expect(after.Eligibili).toMatch(new RegExp(`^${eligibleBefore.length - 1} · `));
    expect(after['Decizii manuale']).toBe('0 includeri · 1 excludere');
    // the budget of the run counts what it would now pay as committed
    const netAfter = (await api.get(`/subsidy-runs/${runId}`, 'coord.das')).body.run.summary.netLei as number;
    expect(netAfter).toBe(run.summary.netLei - target.amountLei);
    await page.waitForFunction((text) => document.querySelector('#buget-rulare-title')?.closest('section')?.querySelector('.budget-facts')?.textContent?.includes(text), `Angajat (aprobat sau în curs de aprobare)${formatLei(netAfter)}`);
    await expectAccessible(page, '42-subsidy-run-review');

    // someone changes the run meanwhile (exclude and undo another child): the approval of the old version is refused
    const other = eligibleBefore[1]!;
    const seen = (await api.get(`/subsidy-runs/${runId}`, 'coord.das')).body.run;
    const ex = await api.post(`/subsidy-runs/${runId}/lines/${other.caseId}/override`, 'coord.das', { decision: 'exclude', reason: 'Verificare paralelă a dosarului (test E2E).', expectedVersion: other.version });
    expect(ex.status).toBe(200);
    const undo = await api.post(`/subsidy-runs/${runId}/lines/${other.caseId}/override`, 'coord.das', { decision: 'clear', reason: 'Verificare paralelă încheiată (test E2E).', expectedVersion: ex.body.line.version });
    expect(undo.status).toBe(200);
    await page.getByRole('button', { name: 'Aprobă rularea' }).click();
    await page.getByRole('alert').filter({ hasText: 'Rularea a fost modificată între timp' }).waitFor();
    expect((await api.get(`/subsidy-runs/${runId}`, 'coord.das')).body.run.status).toBe('awaiting_approval');

    // approve what is now shown: the run is locked, the payments are written, the file becomes available
    const approved = (await api.get(`/subsidy-runs/${runId}`, 'coord.das')).body.run;
    expect(approved.version).toBe(seen.version + 2);
    await page.getByRole('button', { name: 'Aprobă rularea' }).click();
    await page.getByRole('button', { name: 'Descarcă CSV' }).waitFor({ timeout: 120_000 });
    expect(await page.getByRole('button', { name: 'Aprobă rularea' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Exclude:/ }).count()).toBe(0);
    const done = await waitRun(api, runId, ['completed']);
    expect(done.approval.decision).toBe('approved');
    expect(done.summary.netLei).toBe(approved.summary.netLei);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descarcă CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^plati-subventie-2025-04-\d+\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    const rows = parseCsv(text).filter((r) => r.length > 1);
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${paymentHeaders.join(';')}`);
    expect(rows[0]).toEqual([...paymentHeaders]);
    const data = rows.slice(1);
    expect(data.length).toBe(done.payment.paidCount);
    expect(data.length).toBe(approved.summary.totals.eligible + approved.summary.totals.arrearsCount);
    const caseNumbers = data.map((r) => r[5]);
    expect(new Set(caseNumbers).size).toBe(data.length); // no child twice
    expect(caseNumbers).not.toContain(target.caseNumber);
    expect(caseNumbers).toContain(other.caseNumber);
    const total = Math.round(data.reduce((s, r) => s + lei(r[3]!), 0) * 100) / 100;
    expect(total).toBe(approved.summary.netLei);
    expect(total).toBe(done.payment.paidAmountLei);
    for (const r of data) expect(r[4]).toBe(APRIL);
    for (const k of kids) expect(text).not.toContain(k.childFirstName);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descarcă XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    await expectAccessible(page, '43-subsidy-run-approved');

    // the list shows the completed run
    await page.getByRole('link', { name: '← Toate rulările' }).click();
    await waitHeading(page, /^Subvenții — rulări lunare$/);
    const listed = page.locator('table.runs tr', { hasText: 'aprilie 2025' });
    await listed.getByText('Finalizată').waitFor();
    // what the ledger paid, said as paid (not the figure proposed for approval)
    expect(await listed.locator('[data-testid="runs-net"]').innerText()).toBe(`${formatLei(done.payment.paidAmountLei + done.payment.recoveredAmountLei)} · plătit`);
    await expectAccessible(page, '44-subsidy-runs-list');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('shows the project manager the run without the coordinator buttons, and the dashboard with accessible charts', async () => {
    expect(runId).not.toBe('');
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, urls.web, 'manager.proiect', `#/subventii/${runId}`);
    await page.getByRole('heading', { name: 'Rezumatul rulării' }).waitFor();
    await page.getByRole('button', { name: 'Descarcă CSV' }).waitFor();
    expect(await page.getByRole('button', { name: 'Aprobă rularea' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Pornește rularea' }).count()).toBe(0);
    const nav = page.getByRole('navigation', { name: 'Meniul principal' });
    expect(await nav.getByRole('link', { name: 'Tablou de bord', includeHidden: true }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Rulările lunare', includeHidden: true }).count()).toBe(1);

    await clickMenu(page, 'Tablou de bord');
    await waitHeading(page, /^Tablou de bord$/);
    await page.locator('figure.chart').first().waitFor();
    const titles = await page.locator('figure.chart .chart-title').allInnerTexts();
    expect(titles).toEqual(expect.arrayContaining([
      'Copii înscriși pe servicii, față de minimele proiectului',
      'Copii romi (etnie declarată) față de ținta de 27',
      'Copii în cohortele de subvenție față de cote (187 / 79)',
      'Subvenții plătite față de minimul de 1.725.600 lei',
    ]));
    // every chart: a title, a picture named for screen readers, and the values in a table
    for (const fig of await page.locator('figure.chart').all()) {
      const label = await fig.locator('svg[role="img"]').getAttribute('aria-label');
      expect(label).toMatch(/\S+: /);
      expect(await fig.locator('details table tbody tr').count()).toBeGreaterThan(0);
    }
    // the subsidies paid include this run's payments, in ro-RO figures
    const paidChart = page.locator('figure[data-chart="grafic-subsidies"]');
    await paidChart.locator('summary').click();
    const paidCell = await paidChart.locator('tbody td').first().innerText();
    const net = (await api.get(`/subsidy-runs/${runId}`, 'manager.proiect')).body.run.summary.netLei as number;
    expect(paidCell).toMatch(/^\d{1,3}(\.\d{3})*,\d{2}$/);
    expect(lei(paidCell)).toBeGreaterThanOrEqual(net);
    await expectAccessible(page, '45-dashboard');

    // a tablet in portrait: no horizontal scrolling on the dashboard and on the run
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await noHorizontalScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, '46-tablet-dashboard');
    await page.goto(`${urls.web}/#/subventii/${runId}`);
    await page.getByRole('heading', { name: 'Rezumatul rulării' }).waitFor();
    await page.locator('table.lines tbody tr').first().waitFor();
    expect(await noHorizontalScroll(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, '47-tablet-subsidy-run');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('refuses the runs page to staff without the run action', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, urls.web, 'centru.kuncz', '#/subventii');
    await waitHeading(page, /^Nu aveți acces$/);
    const menu = await page.getByRole('navigation', { name: 'Meniul principal' }).getByRole('link').allInnerTexts();
    expect(menu).not.toContain('Subvenții');
    expect(menu).not.toContain('Tablou de bord');
    await page.goto(`${urls.web}/#/tablou`);
    await waitHeading(page, /^Nu aveți acces$/);
    await ctx.close();
  });
});
