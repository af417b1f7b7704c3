/**
 * The staff web front end in a real browser (Debian chromium through playwright-core) on the live local runtime:
 * a case manager files a referral and takes the case through evaluation and plan, meets a conflict on the way,
 * and the coordinator approves the plan in a second browser context. Every main screen is checked with axe-core
 * (no serious or critical violation) and photographed into test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Api } from '../support/api.js';
import { letters } from '../support/fixtures.js';
import { dayOffset, describeViolations, launch, newContext, screenshot, seriousViolations, signIn, watchErrors } from './support.js';

const urls = inject('urls');
const api = new Api(urls);
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

const heading = (page: Page) => page.locator('main h1');
/** Wait until the page's heading shows `text` (pages load their data after navigating). */
const waitHeading = (page: Page, text: string | RegExp) => page.locator('main h1', { hasText: text }).waitFor();

describe('staff pathway in the browser', () => {
  const childFirst = `Testina ${letters(Date.now() % 10_000_000)}`;
  const childLast = 'Fictivescu';
  let caseId = '';
  let caseNumber = '';

  it('files a referral, evaluates, plans (through a conflict) and the coordinator approves the plan', async () => {
    const manager = await newContext(browser);
    const page = await manager.newPage();
    const errors = watchErrors(page);

    // login page, then the inbox (the start page of a case manager)
    await page.goto(`${urls.web}/`);
    // the app first asks whether a refresh cookie resumes a session (none here), then shows the login form
    await page.getByRole('heading', { name: 'Autentificare' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ro');
    await expectAccessible(page, '01-login');
    await signIn(page, urls.web, 'manager.das');
    await waitHeading(page, /^Sarcini$/);
    await expect(page.getByRole('tab', { name: 'Sarcinile mele' }).getAttribute('aria-selected')).resolves.toBe('true');
    await expectAccessible(page, '02-inbox');

    // referral: an empty form shows the errors next to the fields and focuses the first one
    await page.getByRole('link', { name: 'Sesizare nouă' }).first().click();
    await waitHeading(page, /^Sesizare nouă$/);
    await page.getByRole('button', { name: 'Înregistrează sesizarea' }).click();
    await page.locator('.error-summary').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'f-child-lastName');
    await expect(page.locator('#f-child-lastName').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#f-child-lastName').getAttribute('aria-describedby')).resolves.toContain('f-child-lastName-err');
    await expect(page.locator('#f-child-lastName-err').innerText()).resolves.toContain('Completați acest câmp');
    await expect(page.locator('#f-referral-riskFactors-err').innerText()).resolves.toContain('Selectați cel puțin un factor de risc');
    await expectAccessible(page, '03-referral-errors');

    await page.locator('#f-child-lastName').fill(childLast);
    await page.locator('#f-child-firstName').fill(childFirst);
    await page.locator('#f-child-birthDate').fill('2015-04-12');
    // a wrong CNP is refused client-side with the shared schema's message, before anything is sent
    await page.locator('#f-child-cnp').fill('1234567890123');
    await page.locator('#f-legalRepresentative-lastName').fill(childLast);
    await page.locator('#f-legalRepresentative-firstName').fill('Mama');
    await page.locator('#f-legalRepresentative-relation').selectOption('mother');
    await page.locator('#f-referral-source').selectOption('school');
    await page.locator('#f-referral-reason').fill('Absențe repetate și risc de abandon școlar (date fictive de test E2E).');
    await page.getByLabel('Abandon sau risc de abandon școlar').check();
    await page.getByRole('button', { name: 'Înregistrează sesizarea' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'f-child-cnp');
    await expect(page.locator('#f-child-cnp-err').innerText()).resolves.toContain('CNP');
    await page.locator('#f-child-cnp').fill('');

    // a double click must not open two cases: the form's request id makes the second submission return the first case
    await page.getByRole('button', { name: 'Înregistrează sesizarea' }).dblclick();
    await page.waitForURL(/#\/cazuri\/[0-9A-Z]+$/);
    caseId = page.url().split('/').pop()!;
    // pages load on demand: wait for the case page to show the confirmation (fails after 30 s if it never does)
    await page.getByRole('status').filter({ hasText: 'Sesizarea a fost înregistrată' }).waitFor({ state: 'visible' });
    await waitHeading(page, /^Cazul VT-/);
    caseNumber = (await heading(page).innerText()).replace('Cazul ', '');
    expect(caseNumber).toMatch(/^VT-\d{4}-\d{5,6}$/);
    const mine = await api.get<{ items: { childName: string }[] }>('/cases?scope=mine', 'manager.das');
    expect(mine.body.items.filter((c) => c.childName === `${childFirst} ${childLast}`)).toHaveLength(1);

    // the case page: header, the evaluation task opened by the workflow, the history timeline
    const evalLink = page.getByRole('link', { name: 'Evaluare inițială' });
    await evalLink.waitFor({ timeout: 15_000 });
    await expect(page.locator('.case-header').innerText()).resolves.toContain('Prevenirea separării (DAS)');
    await expect(page.locator('.timeline li').count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page, '04-case-new');

    // evaluation: a draft saved halfway survives a reload; then the form is sent
    await evalLink.click();
    await waitHeading(page, 'Evaluare inițială');
    await page.locator('#f-familySituation').fill('Familie monoparentală cu trei copii, venituri reduse (date fictive).');
    await page.getByLabel('Mediu', { exact: true }).check();
    await page.getByRole('button', { name: 'Salvează ciorna' }).click();
    await page.getByText('Ciorna a fost salvată la').waitFor();
    await page.reload();
    await page.locator('#f-familySituation').waitFor();
    await expect(page.locator('#f-familySituation').inputValue()).resolves.toContain('Familie monoparentală');
    await expect(page.getByLabel('Mediu', { exact: true }).isChecked()).resolves.toBe(true);
    await expectAccessible(page, '05-evaluation');

    // proceeding without consent is refused next to the consent field
    await page.locator('#f-needs-0').fill('Sprijin pentru frecvența școlară');
    await page.locator('#f-childView').fill('Copilul dorește să rămână acasă cu mama.');
    await page.locator('#f-consent-givenByRelation').selectOption('parent');
    for (const purpose of ['Managementul cazului', 'Participarea la serviciile proiectului', 'Subvenția lunară (măsura de acompaniere)', 'Prelucrarea datelor personale']) {
      await page.getByLabel(purpose).check();
    }
    await page.getByLabel('Se elaborează planul').check();
    await page.getByRole('button', { name: 'Trimite', exact: true }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'f-consent-given');
    await expect(page.locator('#f-consent-given-err').innerText()).resolves.toContain('Fără acordul');
    await page.getByLabel('Acordul a fost dat în scris').check();
    await page.getByRole('button', { name: 'Trimite', exact: true }).click();
    await page.waitForURL(new RegExp(`#/cazuri/${caseId}$`));
    await page.getByRole('status').filter({ hasText: 'a fost trimis' }).waitFor({ state: 'visible' });

    // plan: the coordinator changes the case while the form is open → conflict banner, reload keeps what was typed
    const planLink = page.getByRole('link', { name: 'Elaborare plan' });
    await planLink.waitFor({ timeout: 15_000 });
    await planLink.click();
    await waitHeading(page, 'Elaborare plan');
    const planTaskId = page.url().split('/').pop()!;
    await page.locator('#f-objectives-0-text').fill('Frecvență școlară regulată');
    await page.locator('#f-objectives-0-indicator').fill('mai puțin de 5 absențe pe lună');
    await page.getByRole('button', { name: 'Adaugă un obiectiv' }).click();
    await page.locator('#f-objectives-1-text').fill('Mama participă la consiliere parentală');
    await page.locator('#f-services-0-serviceId').selectOption('cz-sf-nicolae');
    await page.locator('#f-services-0-groupId').selectOption('g2');
    await page.locator('#f-services-0-frequency').fill('zilnic, după școală');
    await page.getByLabel('Cel puțin 18 luni').check();
    await page.locator('#f-reviewDate').fill(dayOffset(60));
    await expectAccessible(page, '06-plan');

    const managerId = (await api.get<{ userId: string }>('/me', 'manager.das')).body.userId;
    const moved = await api.post(`/tasks/${planTaskId}/reassign`, 'coord.das', { assigneeId: managerId, reason: 'Confirmare alocare (test E2E de conflict)' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    await page.getByRole('button', { name: 'Trimite planul spre aprobare' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Altcineva a salvat înaintea dumneavoastră' });
    await conflict.waitFor();
    await expectAccessible(page, '07-plan-conflict');
    await page.getByRole('button', { name: 'Reîncarcă datele' }).click();
    await conflict.waitFor({ state: 'detached' });
    await expect(page.locator('#f-objectives-1-text').inputValue()).resolves.toBe('Mama participă la consiliere parentală');
    await page.getByRole('button', { name: 'Trimite planul spre aprobare' }).click();
    await page.waitForURL(new RegExp(`#/cazuri/${caseId}$`));
    await page.getByRole('link', { name: 'Aprobare plan' }).waitFor({ timeout: 15_000 });
    await expect(page.locator('.case-header').innerText()).resolves.toContain('Aprobarea planului');

    // the coordinator, in a browser of their own, approves from the inbox
    const coordinator = await newContext(browser);
    const cpage = await coordinator.newPage();
    const cerrors = watchErrors(cpage);
    await signIn(cpage, urls.web, 'coord.das');
    const row = cpage.locator('tr', { hasText: caseNumber });
    await row.waitFor();
    await expectAccessible(cpage, '08-coordinator-inbox');
    await row.getByRole('link', { name: 'Aprobare plan' }).click();
    await waitHeading(cpage, 'Aprobare plan');
    await expect(cpage.getByRole('heading', { name: 'Planul supus aprobării' }).isVisible()).resolves.toBe(true);
    await expect(cpage.locator('.plan').innerText()).resolves.toContain('Frecvență școlară regulată');
    await expect(cpage.locator('.plan').innerText()).resolves.toContain('Grupa mijlocie');
    await expectAccessible(cpage, '09-approval');
    await cpage.getByLabel('Aprobat', { exact: true }).check();
    await cpage.getByRole('button', { name: 'Trimite decizia' }).click();
    await cpage.waitForURL(new RegExp(`#/cazuri/${caseId}$`));
    await cpage.locator('.plan .badge', { hasText: 'Aprobat' }).waitFor();

    // back with the case manager: approved plan, Observatorul registration asked for, the story in the timeline
    await page.reload();
    await page.getByRole('link', { name: 'Înregistrare în Observatorul Național al Copilului' }).waitFor({ timeout: 15_000 });
    await expect(page.locator('.plan .badge').innerText()).resolves.toBe('Aprobat');
    await expect(page.locator('.plan').innerText()).resolves.toContain('neînregistrat încă');
    const timeline = await page.locator('.timeline').innerText();
    expect(timeline).toContain('realocată');
    expect(timeline).toContain('Maria Demo');
    await expectAccessible(page, '10-case-approved');

    expect(errors).toEqual([]);
    expect(cerrors).toEqual([]);
    await manager.close();
    await coordinator.close();
  });

  it('records the Observatorul registration and a periodic review with its conditional field', async () => {
    expect(caseId).not.toBe('');
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, urls.web, 'manager.das', `#/cazuri/${caseId}`);
    await page.getByRole('link', { name: 'Înregistrare în Observatorul Național al Copilului' }).click();
    await waitHeading(page, 'Înregistrare în Observatorul Național al Copilului');
    await expectAccessible(page, '12-observator');
    // the data the registration needs, as a CSV download
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descarcă datele pentru Observator (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`observator-${caseNumber}.csv`);
    await page.locator('#f-registrationNumber').fill('ONC-TM/2026/0042');
    await page.locator('#f-registrationDate').fill(dayOffset(0));
    await page.getByRole('button', { name: 'Salvează înregistrarea' }).click();
    await page.waitForURL(new RegExp(`#/cazuri/${caseId}$`));
    await page.locator('.plan', { hasText: 'înregistrat cu nr. ONC-TM/2026/0042' }).waitFor();

    // periodic review: progress for each objective; "continue" asks for the next review date
    await page.getByRole('link', { name: 'Revizuire periodică a planului' }).click();
    await waitHeading(page, 'Revizuire periodică a planului');
    await page.getByRole('group', { name: 'Obiectivul O1' }).getByLabel('În curs').check();
    await page.getByRole('group', { name: 'Obiectivul O2' }).getByLabel('Atins', { exact: true }).check();
    await page.locator('#f-summary').fill('Frecvența școlară s-a îmbunătățit; mama participă la consiliere (test E2E).');
    expect(await page.locator('#f-nextReviewDate').count()).toBe(0);
    await page.getByLabel('Continuarea planului').check();
    await page.getByRole('button', { name: 'Trimite', exact: true }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'f-nextReviewDate');
    await expect(page.locator('#f-nextReviewDate-err').innerText()).resolves.toContain('Stabiliți data următoarei revizuiri');
    await expectAccessible(page, '13-review-errors');
    await page.locator('#f-nextReviewDate').fill(dayOffset(90));
    await page.getByRole('button', { name: 'Trimite', exact: true }).click();
    await page.waitForURL(new RegExp(`#/cazuri/${caseId}$`));
    await page.locator('.timeline', { hasText: 'Revizuire' }).waitFor();
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('refuses a case to finance with the "Nu aveți acces" page and no menu entry for cases', async () => {
    expect(caseId).not.toBe('');
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, urls.web, 'financiar.das', `#/cazuri/${caseId}`);
    await waitHeading(page, /^Nu aveți acces$/);
    await expect(page.getByRole('navigation', { name: 'Meniul principal' }).getByRole('link', { name: 'Cazuri' }).count()).resolves.toBe(0);
    await expectAccessible(page, '11-denied');
    await ctx.close();
  });

  it('a case of another institution does not exist for its coordinator either', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, urls.web, 'coord.dgaspc', `#/cazuri/${caseId}`);
    await waitHeading(page, /^Nu aveți acces$/);
    await expect(page.locator('main').innerText()).resolves.toContain('Cazul nu a fost găsit sau nu aveți acces la el');
    await ctx.close();
  });
});
