/**
 * Participation screens in a real browser: the centre educator fills the attendance sheet of a day-centre group
 * (keyboard radio groups, "Toți prezenți", an excused absence with its reason, one save), meets a version conflict,
 * records a session, and sees the child's participation on the case page; finance gets "Nu aveți acces".
 */
import { currentMonth, isoWeekday } from '../../shared/platform/calendar.js';
import { testClock } from '../support/fixtures.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getService } from '../../shared/services/catalogue.js';
import { Api } from '../support/api.js';
import { caseWithApprovedPlan, enrolFrom, lastOpenDay, type ServiceCase } from '../support/services.js';
import { describeViolations, launch, newContext, screenshot, seriousViolations, signIn, watchErrors } from './support.js';

const urls = inject('urls');
const api = new Api(urls);
const SERVICE = 'cz-kuncz';
const GROUP = 'g2';
const day = lastOpenDay(getService(SERVICE)!.schedule.daysOpen);
const sheetHash = `#/prezenta/${SERVICE}/${GROUP}/${day}`;
const sheetPath = `/services/${SERVICE}/groups/${GROUP}/attendance/${day}`;
let browser: Browser;
let kids: ServiceCase[] = [];

beforeAll(async () => {
  browser = await launch();
  // three children with approved plans for the Kuncz centre, group g2, holding their place on the sheet's day
  kids = await Promise.all([0, 1, 2].map(() => caseWithApprovedPlan(api, { serviceId: SERVICE, groupId: GROUP, consentDate: day })));
  for (const k of kids) expect((await enrolFrom(api, k, day)).from <= day).toBe(true);
});
afterAll(async () => {
  await browser?.close();
});

async function expectAccessible(page: Page, name: string) {
  const v = await seriousViolations(page);
  expect(v, `axe on ${name}:\n${describeViolations(v)}`).toEqual([]);
  await screenshot(page, name);
}

const waitHeading = (page: Page, text: string | RegExp) => page.locator('main h1', { hasText: text }).waitFor();
const row = (page: Page, k: ServiceCase) => page.locator('table.sheet-table tbody tr', { hasText: k.caseNumber });
type Row = { caseId: string; mark: { status: string; excuseReason?: string } | null };
const marksOf = (rows: Row[]) => Object.fromEntries(kids.map((k) => [k.caseId, rows.find((r) => r.caseId === k.caseId)?.mark ?? null]));

describe('attendance sheet in the browser', () => {
  it('fills the sheet with the keyboard and one save, then meets a conflict with a clear message', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, urls.web, 'centru.kuncz');

    // the menu entry leads to the chooser: centre, group, one of the open days
    await page.getByRole('navigation', { name: 'Meniul principal' }).getByRole('link', { name: 'Prezență' }).click();
    await waitHeading(page, /^Prezență$/);
    await page.getByLabel('Grupa').selectOption(GROUP);
    const offered = await page.getByLabel('Ziua').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(offered[0]).toBe(day);
    for (const d of offered) expect([6, 7]).not.toContain(isoWeekday(d)); // Kuncz is open Monday–Friday
    await expectAccessible(page, '60-attendance-chooser');
    await page.getByRole('button', { name: 'Deschide foaia' }).click();
    await page.waitForURL(new RegExp(`${sheetHash}$`));
    await waitHeading(page, /^Foaia de prezență$/);
    for (const k of kids) await row(page, k).waitFor();

    // "Toți prezenți", then the arrow keys move within a child's radio group
    await page.getByRole('button', { name: 'Toți prezenți' }).click();
    for (const k of kids) expect(await row(page, k).getByLabel('Prezent', { exact: true }).isChecked()).toBe(true);
    await row(page, kids[1]!).getByLabel('Prezent', { exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await row(page, kids[1]!).getByLabel('Absent', { exact: true }).isChecked()).toBe(true);
    await page.keyboard.press('ArrowLeft');
    expect(await row(page, kids[1]!).getByLabel('Prezent', { exact: true }).isChecked()).toBe(true);

    // an excused absence needs its reason: the form says so before anything is sent
    await row(page, kids[0]!).getByLabel('Absență motivată').check();
    await page.getByRole('button', { name: 'Salvează foaia' }).click();
    await page.locator('.error-summary').waitFor();
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('Alegeți motivul absenței');
    await page.waitForFunction(() => document.activeElement?.tagName === 'SELECT');
    await row(page, kids[0]!).getByLabel('Motivul').selectOption('medical');
    await expectAccessible(page, '61-attendance-sheet');
    await page.getByRole('button', { name: 'Salvează foaia' }).click();
    await page.getByText(/^Foaia a fost salvată/).waitFor();

    // stored as marked (read back through the API as the educator)
    const saved = await api.get(sheetPath, 'centru.kuncz');
    expect(saved.status).toBe(200);
    expect(marksOf(saved.body.rows)).toEqual({
      [kids[0]!.caseId]: { status: 'excused', excuseReason: 'medical' },
      [kids[1]!.caseId]: { status: 'present' },
      [kids[2]!.caseId]: { status: 'present' },
    });
    await screenshot(page, '62-attendance-saved');

    // someone else saves meanwhile: the stale sheet is refused with a clear message and can be reloaded
    const other = await api.put(sheetPath, 'coord.das', {
      version: saved.body.version,
      marks: saved.body.rows.map((r: Row) => ({ caseId: r.caseId, mark: r.caseId === kids[2]!.caseId ? { status: 'absent' } : r.mark })),
    });
    expect(other.status, JSON.stringify(other.body)).toBe(200);
    await row(page, kids[1]!).getByLabel('Absent', { exact: true }).check();
    await page.getByRole('button', { name: 'Salvează foaia' }).click();
    const alert = page.locator('.banner-error', { hasText: 'Foaia nu a fost salvată' });
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toContain('modificată de altcineva');
    // …and names the one row the colleague changed, as this user's sheet labels that child (one full stop after an initial)
    const changedLabel = (await row(page, kids[2]!).locator('.child-name').innerText()).trim();
    const shown = await alert.innerText();
    expect(shown).toContain(`Rândul schimbat între timp: ${changedLabel.endsWith('.') ? changedLabel : `${changedLabel}.`}`);
    expect(shown).not.toContain('..');
    await expectAccessible(page, '63-attendance-conflict');
    await alert.getByRole('button', { name: /Reîncarcă foaia/ }).click();
    await expect.poll(() => row(page, kids[2]!).getByLabel('Absent', { exact: true }).isChecked(), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('.banner-error').count()).toBe(0);
    expect(await row(page, kids[1]!).getByLabel('Prezent', { exact: true }).isChecked()).toBe(true);

    // the case page shows the child's enrolment and this month's participation
    if (day.slice(0, 7) === currentMonth(testClock())) {
      await page.goto(`${urls.web}/#/cazuri/${kids[0]!.caseId}`);
      const section = page.locator('[data-section="participation"]');
      await section.getByText('CZ Kuncz', { exact: false }).first().waitFor();
      await section.getByText(/1 motivată/).waitFor();
      await expectAccessible(page, '64-case-participation');
    }
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('shows a closed month with its correction reason, and the API’s field errors on the rows (768 px)', async () => {
    // the shared runtime's months stay open for the other tests: the answers of a closed month are simulated here
    const ctx = await newContext(browser, { width: 768, height: 1024 });
    const page = await ctx.newPage();
    const sent: Record<string, unknown>[] = [];
    await page.route(`**/api${sheetPath}`, async (route) => {
      if (route.request().method() === 'GET') {
        const real = await route.fetch();
        return route.fulfill({ response: real, json: { ...(await real.json()), monthClosed: true } });
      }
      sent.push(route.request().postDataJSON() as Record<string, unknown>);
      return route.fulfill({
        status: 422,
        json: { error: { code: 'NOT_ENROLLED_ON_DATE', message: 'Foaia de prezență conține erori. Verificați rândurile marcate.', fields: [{ path: 'marks.0.caseId', message: 'Copilul nu este înscris în această grupă în ziua respectivă', code: 'NOT_ENROLLED_ON_DATE' }] } },
      });
    });
    await signIn(page, urls.web, 'centru.kuncz', sheetHash);
    await waitHeading(page, /^Foaia de prezență$/);
    await page.getByText(/^Luna .* este închisă$/).waitFor();
    await row(page, kids[1]!).getByLabel('Absent', { exact: true }).check();
    // a change in a closed month needs the reason before it is sent
    await page.getByRole('button', { name: 'Salvează foaia' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'f-correctionReason');
    expect(sent).toHaveLength(0);
    await page.getByLabel('Motivul corecturii').fill('Marcaj greșit, corectat după verificarea condicii');
    await page.getByRole('button', { name: 'Salvează foaia' }).click();
    await page.locator('.error-summary', { hasText: 'Copilul nu este înscris în această grupă' }).waitFor();
    expect(sent[0]).toMatchObject({ correctionReason: 'Marcaj greșit, corectat după verificarea condicii' });
    expect((sent[0]!.marks as unknown[]).length).toBeGreaterThanOrEqual(3);
    await page.locator('.banner-error', { hasText: 'Verificați rândurile marcate' }).waitFor();
    // the summary's link leads to the row: its radio group is marked invalid and takes the focus
    expect(await row(page, kids[0]!).getByLabel('Prezent', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.locator('.error-summary button.link').click();
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.type === 'radio');
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.textContent ?? '')).toContain(kids[0]!.caseNumber);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `the sheet scrolls horizontally by ${overflow}px at 768 px`).toBeLessThanOrEqual(0);
    await expectAccessible(page, '67-attendance-closed-month-tablet');
    await ctx.close();
  });

  it('records a session for a child of the centre', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, urls.web, 'centru.kuncz');
    await page.getByRole('navigation', { name: 'Meniul principal' }).getByRole('link', { name: 'Ședințe' }).click();
    // one service: straight to its page
    await page.waitForURL(/#\/sedinte\/cz-kuncz$/);
    await waitHeading(page, /^Ședințe — CZ Kuncz$/);
    await page.getByLabel('Activitatea').selectOption('social_counselling');
    await page.getByLabel('Durata (minute)').fill('45');
    await page.getByLabel('Individuală').check();
    const kidRow = page.locator('table.participants-table tbody tr', { hasText: kids[1]!.caseNumber });
    await kidRow.getByLabel(/^Copilul/).check();
    await kidRow.getByLabel(/^Părintele/).check();
    await expectAccessible(page, '65-session-form');
    await page.getByRole('button', { name: 'Înregistrează ședința' }).click();
    await page.getByText(/a fost înregistrată pentru un copil/).waitFor();
    const listed = await api.get(`/services/${SERVICE}/sessions?date=${day}`, 'centru.kuncz');
    const mine = (listed.body.items as { caseId: string; kind: string; durationMinutes: number; childPresent: boolean; parentPresent: boolean }[]).filter((s) => s.caseId === kids[1]!.caseId);
    expect(mine).toEqual([expect.objectContaining({ kind: 'individual', durationMinutes: 45, childPresent: true, parentPresent: true })]);
    await page.locator('table.sessions-table').waitFor();
    await expectAccessible(page, '66-sessions-recent');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('refuses the sheet to finance with the "Nu aveți acces" page and no menu entry', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, urls.web, 'financiar.das');
    await waitHeading(page, /^Subvenții/); // finance lands on the monthly runs
    await expect(page.getByRole('navigation', { name: 'Meniul principal' }).getByRole('link', { name: 'Prezență' }).count()).resolves.toBe(0);
    await page.goto(`${urls.web}/${sheetHash}`);
    await waitHeading(page, /^Nu aveți acces$/);
    await ctx.close();
  });
});
