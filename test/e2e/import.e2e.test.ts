/**
 * The import page in a real browser: a coordinator downloads the template, checks a small workbook (the dry run names
 * the bad row and writes nothing), imports it, and a second import writes nothing; a case manager is refused the page.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Api } from '../support/api.js';
import { addMonths, bucharestToday, buildWorkbook, syntheticCaseload, toSheetRows } from '../support/import.js';
import { tempDataDir } from '../support/runtime.js';
import { describeViolations, launch, newContext, screenshot, seriousViolations, signIn, watchErrors } from './support.js';

const urls = inject('urls');
const api = new Api(urls);
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('import page', () => {
  it('checks a workbook, names the bad row, imports the good cases once', async () => {
    const now = new Date();
    const runMonth = addMonths(bucharestToday(now).slice(0, 7), -1);
    const tag = String(Date.now() % 1_000_000);
    const cases = syntheticCaseload({ now, runMonth, prefix: `WEB${tag}`, managers: { DAS: 'manager.das', DGASPC: 'manager.dgaspc' }, count: 6 })
      .filter((c) => c.track === 'prevention')
      .map((c, i) => ({ ...c, child: { ...c.child, firstName: `Importat ${'abcdef'[i]}`, lastName: `Webescu ${'abcdefghij'[Number(tag[i % tag.length])]}`, cnp: null } }));
    expect(cases.length).toBeGreaterThanOrEqual(2);
    const rows = toSheetRows(cases);
    rows.children![0] = { ...rows.children![0]!, birthDate: '2015-02-30' };
    const file = join(tempDataDir('e2e-import'), 'evidenta.xlsx');
    writeFileSync(file, await buildWorkbook(rows));
    await api.get('/me', 'manager.das'); // the case managers named in the file are known to Vatra once they signed in

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, urls.web, 'coord.das', '#/import');
    await page.locator('main h1', { hasText: 'Import din fișiere Excel' }).waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Descarcă șablonul (.xlsx)' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

    await page.getByLabel('Fișierul de import (.xlsx)').setInputFiles(file);
    await page.getByRole('button', { name: 'Verifică fișierul' }).click();
    await page.getByRole('heading', { name: 'Raportul verificării (nu s-a scris nimic)' }).waitFor();
    const accepted = cases.length - 1;
    await expect.poll(() => page.locator('main').innerText()).toContain(`${accepted} acceptați`);
    // the child's own row names the column and the reason (its plan, enrolment… rows are refused with it)
    const badRow = page.locator('tbody tr', { hasText: cases[0]!.code }).filter({ has: page.locator('td:first-child', { hasText: /^Copii și cazuri$/ }) });
    expect(await badRow.innerText()).toContain('Data nașterii');
    const v = await seriousViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    await screenshot(page, 'import-dry-run');
    // the dry run wrote nothing
    const before = (await api.get('/cases?scope=institution', 'coord.das')).body.items as { childName: string }[];
    expect(before.some((c) => c.childName.startsWith('Importat'))).toBe(false);

    await page.getByRole('button', { name: 'Importă cazurile acceptate' }).click();
    await page.getByRole('heading', { name: 'Raportul importului' }).waitFor();
    await expect.poll(() => page.locator('main').innerText()).toContain(`${accepted} importați acum`);
    const after = (await api.get('/cases?scope=institution', 'coord.das')).body.items as { childName: string }[];
    expect(after.filter((c) => c.childName.startsWith('Importat')).length).toBe(accepted);

    // the same file again: nothing new (the button needs a fresh check first)
    await page.getByRole('button', { name: 'Verifică fișierul' }).click();
    await page.getByRole('heading', { name: 'Raportul verificării (nu s-a scris nimic)' }).waitFor();
    await expect.poll(() => page.locator('main').innerText()).toContain(`${accepted} importați anterior`);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('refuses the page to a case manager', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, urls.web, 'manager.das', '#/import');
    await page.getByText('Nu aveți acces').first().waitFor();
    expect(await page.getByRole('link', { name: 'Import' }).count()).toBe(0);
    await ctx.close();
  });
});
