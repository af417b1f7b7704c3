/**
 * The closures page in a real browser (issue #16): the coordinator opens „Închiderile centrelor” from the menu, picks a
 * centre and a month, meets the form's Romanian error for a reversed period, adds a closure with a reason (listed with
 * its closed days), finds the page from the month-close page, and cancels the closure. Axe clean. Uses CZ Sf. Nicolae
 * two months ahead (future days: no other test writes registers there).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addMonthsToMonth, currentMonth, openDaysInMonth } from '../../shared/platform/calendar.js';
import { getService } from '../../shared/services/catalogue.js';
import { testClock } from '../support/fixtures.js';
import { Api } from '../support/api.js';
import { describeViolations, launch, clickMenu, menuLink, newContext, screenshot, seriousViolations, signIn, watchErrors } from './support.js';

const urls = inject('urls');
const api = new Api(urls);
const SERVICE = 'cz-sf-nicolae';
const month = addMonthsToMonth(currentMonth(testClock()), 2);
const days = openDaysInMonth(month, { daysOpen: getService(SERVICE)!.schedule.daysOpen });
const from = days[1]!;
const to = days[2]!;
const ro = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function expectAccessible(page: Page, name: string) {
  const v = await seriousViolations(page);
  expect(v, `axe on ${name}:\n${describeViolations(v)}`).toEqual([]);
  await screenshot(page, name);
}

describe('centre closures in the browser', () => {
  it('lets the coordinator add a closure with a reason and cancel it, with the form\'s Romanian errors', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    page.on('dialog', (d) => void d.accept());
    await signIn(page, urls.web, 'coord.das');

    await clickMenu(page, 'Închiderile centrelor');
    await page.locator('main h1', { hasText: /^Închiderile centrelor$/ }).waitFor();
    await page.getByLabel('Serviciul', { exact: true }).selectOption(SERVICE);
    await page.getByLabel('Luna', { exact: true }).selectOption(month);
    await page.getByRole('heading', { name: /^Închideri CZ Sf\. Nicolae în / }).waitFor();
    await page.getByText('Nicio închidere în această lună.').waitFor();

    // a reversed period: the shared schema's message next to the field, the summary takes focus
    await page.getByLabel('Prima zi închisă').fill(to);
    await page.getByLabel('Ultima zi închisă').fill(from);
    await page.getByLabel('Motivul', { exact: true }).fill('Dezinfecție anuală (test e2e)');
    await page.getByRole('button', { name: 'Adaugă închiderea' }).click();
    await page.locator('.error-summary').waitFor();
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('Închiderea se termină înainte să înceapă');
    await expectAccessible(page, '90-closures-error');

    await page.getByLabel('Prima zi închisă').fill(from);
    await page.getByLabel('Ultima zi închisă').fill(to);
    await page.getByRole('button', { name: 'Adaugă închiderea' }).click();
    await page.getByText(`Închiderea ${ro(from)} – ${ro(to)} a fost adăugată.`).waitFor();
    const row = page.locator('table tbody tr', { hasText: 'Dezinfecție anuală (test e2e)' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain(`${ro(from)} – ${ro(to)}`);
    await page.locator('.closed-days li', { hasText: 'închidere: Dezinfecție anuală (test e2e)' }).first().waitFor();
    await expectAccessible(page, '91-closures-added');
    const listed = await api.get(`/services/${SERVICE}/closures?month=${month}`, 'coord.das');
    expect(listed.body.items).toEqual([expect.objectContaining({ from, to, reason: 'Dezinfecție anuală (test e2e)' })]);
    expect(listed.body.openDays).not.toContain(from);

    // the month-close page leads here
    await page.goto(`${urls.web}/#/luni`);
    await page.locator('[data-slot="centre-closures"] a', { hasText: 'Închiderile centrelor în' }).click();
    await page.locator('main h1', { hasText: /^Închiderile centrelor$/ }).waitFor();

    // cancelling gives the days back
    await page.goto(`${urls.web}/#/inchideri?serviciu=${SERVICE}&luna=${month}`);
    await page.getByRole('button', { name: `Anulează închiderea ${ro(from)} – ${ro(to)}` }).click();
    await page.getByText(`Închiderea ${ro(from)} – ${ro(to)} a fost anulată.`).waitFor();
    await page.getByText('Nicio închidere în această lună.').waitFor();
    expect((await api.get(`/services/${SERVICE}/closures?month=${month}`, 'coord.das')).body.items).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('gives centre staff no menu entry for closures', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, urls.web, 'centru.sfnicolae');
    await menuLink(page, 'Prezență');
    expect(await page.getByRole('navigation', { name: 'Meniul principal' }).getByRole('link', { name: 'Închiderile centrelor' }).count()).toBe(0);
    await ctx.close();
  });
});
