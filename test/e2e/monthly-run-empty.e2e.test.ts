/**
 * A monthly run that evaluated no child, in the browser: the run page says why it cannot be approved, next to the
 * disabled button, and the run can still be rejected. On a runtime of its own without any child (the shared e2e
 * runtime holds children enrolled in every month of the project).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Api } from '../support/api.js';
import { startRuntimeProcess, tempDataDir, type RuntimeProcess } from '../support/runtime.js';
import { waitRun } from '../support/subsidy.js';
import { describeViolations, launch, newContext, screenshot, seriousViolations, signIn, watchErrors } from './support.js';

let browser: Browser;
let rt: RuntimeProcess;

beforeAll(async () => {
  [browser, rt] = await Promise.all([launch(), startRuntimeProcess({ dataDir: tempDataDir('empty-run') })]);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await rt?.stop();
});

const waitHeading = (page: Page, text: string | RegExp) => page.locator('main h1', { hasText: text }).waitFor();

describe('a monthly run with nothing to approve', () => {
  it('says why by the disabled approve button, and can be rejected', async () => {
    const api = new Api(rt.urls);
    const start = await api.post('/subsidy-runs', 'coord.das', { month: '2025-03' });
    expect(start.status, JSON.stringify(start.body)).toBe(202);
    const runId = start.body.run.runId as string;
    expect((await waitRun(api, runId, ['awaiting_approval'])).progress.evaluated).toBe(0);

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, rt.urls.web, 'coord.das', `#/subventii/${runId}`);
    await waitHeading(page, /^Rularea pentru martie 2025/);
    const panel = page.getByRole('region', { name: 'Aprobarea rulării' });
    await panel.getByText('Rularea nu poate fi aprobată').waitFor();
    await expect(panel.getByText(/^Rularea nu a găsit niciun copil cu participare în lună/).isVisible()).resolves.toBe(true);
    const approve = panel.getByRole('button', { name: 'Aprobă rularea' });
    await expect(approve.isDisabled()).resolves.toBe(true);
    await expect(approve.getAttribute('aria-describedby')).resolves.toBe('approval-blocked');
    const v = await seriousViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    await screenshot(page, '48-subsidy-run-nothing-to-approve');

    await panel.getByLabel('Motivul respingerii').fill('Nu există participare înregistrată în martie 2025.');
    await panel.getByRole('button', { name: 'Respinge rularea' }).click();
    await page.getByText('Respinsă', { exact: true }).first().waitFor();
    await expect(page.getByRole('region', { name: 'Aprobarea rulării' }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
