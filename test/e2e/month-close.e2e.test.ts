/**
 * The month-close page in a real browser (issue #17): before closing, the coordinator sees the incomplete registers per
 * centre and group, in Romanian with the right plurals („2 copii”, „3 zile nemarcate”, then „1 copil”, „2 zile
 * nemarcate”); closing is refused with the API's Romanian message; once the registers are completed the month closes.
 * A runtime of its own: the close is global, and other files' children (seeded from 2025) sit in every month's
 * registers of the shared runtime. Axe clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addMonthsToMonth, currentMonth } from '../../shared/platform/calendar.js';
import { getService } from '../../shared/services/catalogue.js';
import { testClock } from '../support/fixtures.js';
import { Api } from '../support/api.js';
import { startRuntimeProcess, tempDataDir, type RuntimeProcess } from '../support/runtime.js';
import { caseWithApprovedPlan, enrolFrom, openDays, type ServiceCase } from '../support/services.js';
import { describeViolations, launch, newContext, screenshot, seriousViolations, signIn, watchErrors } from './support.js';

const SERVICE = 'cz-kuncz';
const GROUP = 'g1';
const kuncz = getService(SERVICE)!;
const month = addMonthsToMonth(currentMonth(testClock()), -1);
const days = openDays(month, kuncz.schedule.daysOpen);
const monthRo = (m: string) => `${['ianuarie', 'februarie', 'martie', 'aprilie', 'mai', 'iunie', 'iulie', 'august', 'septembrie', 'octombrie', 'noiembrie', 'decembrie'][Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;
let browser: Browser;
let rt: RuntimeProcess;
let api: Api;
let kids: ServiceCase[] = [];

type Mark = { caseId: string; mark: { status: 'present' | 'absent' } };
async function mark(date: string, marks: Mark[]) {
  const sheet = await api.get(`/services/${SERVICE}/groups/${GROUP}/attendance/${date}`, 'centru.kuncz');
  expect(sheet.status, JSON.stringify(sheet.body)).toBe(200);
  const r = await api.put(`/services/${SERVICE}/groups/${GROUP}/attendance/${date}`, 'centru.kuncz', { version: sheet.body.version, marks });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

beforeAll(async () => {
  rt = await startRuntimeProcess({ dataDir: tempDataDir('month-close-e2e') });
  api = new Api(rt.urls);
  browser = await launch();
  const first = `${month}-01`;
  // two children of Kuncz, group g1, holding their place all last month; every day marked but A's last day and B's
  // last two days
  kids = await Promise.all([0, 1].map(() => caseWithApprovedPlan(api, { serviceId: SERVICE, groupId: GROUP, consentDate: first })));
  for (const k of kids) expect((await enrolFrom(api, k, first)).from).toBe(first);
  const [a, b] = kids as [ServiceCase, ServiceCase];
  for (const [i, date] of days.entries()) {
    const marks: Mark[] = [];
    if (i < days.length - 1) marks.push({ caseId: a.caseId, mark: { status: i % 4 === 0 ? 'absent' : 'present' } });
    if (i < days.length - 2) marks.push({ caseId: b.caseId, mark: { status: 'present' } });
    if (marks.length) await mark(date, marks);
  }
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await rt?.stop();
});

async function expectAccessible(page: Page, name: string) {
  const v = await seriousViolations(page);
  expect(v, `axe on ${name}:\n${describeViolations(v)}`).toEqual([]);
  await screenshot(page, name);
}

const cells = (page: Page) => page.locator('table tbody tr', { hasText: 'CZ Kuncz' }).locator('th, td').allInnerTexts();

describe('closing a month in the browser', () => {
  it('lists incomplete registers per centre and group, refuses the close in Romanian, and closes once they are completed', async () => {
    const [a, b] = kids as [ServiceCase, ServiceCase];
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, rt.urls.web, 'coord.das', `#/luni?luna=${month}`);
    await page.locator('main h1', { hasText: /^Închiderea lunii$/ }).waitFor();
    await page.getByRole('heading', { name: `Starea lunii ${monthRo(month)}` }).waitFor();

    // the list before closing: centre, group, children and days with their plurals, the case numbers
    await page.getByRole('heading', { name: 'Registre incomplete' }).waitFor();
    await page.locator('table tbody tr', { hasText: 'CZ Kuncz' }).waitFor();
    expect(await cells(page)).toEqual(['CZ Kuncz', kuncz.groups.find((g) => g.id === GROUP)!.name, '2 copii', '3 zile nemarcate', [a.caseNumber, b.caseNumber].sort().join(', ')]);
    await expect(page.locator('[data-slot="incomplete-summary"]').innerText()).resolves.toContain('Zile de program nemarcate: o grupă, 2 copii, 3 zile nemarcate.');
    await expectAccessible(page, '95-month-close-incomplete');

    // closing is refused with the API's Romanian message, and the month stays open
    await page.getByLabel('Motivul închiderii (cel puțin 10 caractere)').fill('Închiderea lunii pentru subvenție (test e2e)');
    await page.getByRole('button', { name: `Închide luna ${monthRo(month)}` }).click();
    const banner = page.locator('.banner, [role="alert"]', { hasText: 'nu se poate închide' }).first();
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toContain(`registre incomplete (2 copii, 3 zile programate nemarcate) — CZ Kuncz, ${kuncz.groups.find((g) => g.id === GROUP)!.name}: 2 copii, 3 zile programate nemarcate`);
    expect((await api.get(`/months/${month}`, 'coord.das')).body.close).toBeNull();
    await expectAccessible(page, '96-month-close-refused');

    // A's last day is marked: one child left, two days — „1 copil”, „2 zile nemarcate”
    await mark(days.at(-1)!, [{ caseId: a.caseId, mark: { status: 'present' } }]);
    await page.reload();
    await page.locator('table tbody tr', { hasText: 'CZ Kuncz' }).waitFor();
    expect((await cells(page)).slice(2)).toEqual(['1 copil', '2 zile nemarcate', b.caseNumber]);

    // B's two days too: nothing left, the month closes
    await mark(days.at(-2)!, [{ caseId: b.caseId, mark: { status: 'absent' } }]);
    await mark(days.at(-1)!, [{ caseId: b.caseId, mark: { status: 'present' } }]);
    await page.reload();
    await page.getByText('Toate zilele de program ale copiilor înscriși în centre sunt marcate').waitFor();
    await page.getByLabel('Motivul închiderii (cel puțin 10 caractere)').fill('Închiderea lunii pentru subvenție (test e2e)');
    await page.getByRole('button', { name: `Închide luna ${monthRo(month)}` }).click();
    await page.getByText(`Luna ${monthRo(month)} a fost închisă`).waitFor();
    await page.locator('.badge', { hasText: 'închisă' }).waitFor();
    const closed = await api.get(`/months/${month}`, 'coord.das');
    expect(closed.body.close).toMatchObject({ month, reason: 'Închiderea lunii pentru subvenție (test e2e)' });
    await expectAccessible(page, '97-month-closed');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
