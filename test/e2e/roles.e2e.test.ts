/**
 * Every role does its main job in the browser, through the UI only (issue #18): each journey signs in, lands on the
 * role's daily work (never an empty page), uses the pages of its areas, and every page visited is checked with axe-core
 * (no serious or critical violation) and photographed into test-results/screenshots/ (80–99).
 * The API is used only to prepare cases with approved plans (Sf. Nicolae g1, Intervention A) before the journeys.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addCalendarDays } from '../../shared/platform/calendar.js';
import { getService } from '../../shared/services/catalogue.js';
import { Api } from '../support/api.js';
import { isoDay } from '../support/fixtures.js';
import { caseWithApprovedPlan, enrolFrom, lastOpenDay, type ServiceCase } from '../support/services.js';
import { describeViolations, launch, clickMenu, newContext, screenshot, seriousViolations, signIn, watchErrors } from './support.js';

const urls = inject('urls');
const api = new Api(urls);
const CENTRE = 'cz-sf-nicolae';
const day = lastOpenDay(getService(CENTRE)!.schedule.daysOpen);
const interventionDay = lastOpenDay(getService('int-a')!.schedule.daysOpen);
let browser: Browser;
let centreCase: ServiceCase;
let interventionCase: ServiceCase;
/** a child the coordinator moves to another group: placed since yesterday (a transfer is dated after the start, never in the future) */
let movedCase: ServiceCase;
const yesterday = addCalendarDays(isoDay(0), -1);

beforeAll(async () => {
  browser = await launch();
  [centreCase, interventionCase, movedCase] = await Promise.all([
    caseWithApprovedPlan(api, { serviceId: CENTRE, groupId: 'g1', consentDate: day }),
    caseWithApprovedPlan(api, { serviceId: 'int-a', consentDate: interventionDay }),
    caseWithApprovedPlan(api, { serviceId: CENTRE, groupId: 'g1', consentDate: yesterday }),
  ]);
  // both children hold their place on the day the staff record (the service's last open day)
  await enrolFrom(api, centreCase, day);
  await enrolFrom(api, interventionCase, interventionDay);
  await enrolFrom(api, movedCase, yesterday);
});
afterAll(async () => {
  await browser?.close();
});

const waitHeading = (page: Page, text: string | RegExp) => page.locator('main h1', { hasText: text }).waitFor();

async function checked(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  const v = await seriousViolations(page);
  expect(v, `axe on ${name}:\n${describeViolations(v)}`).toEqual([]);
  await screenshot(page, name);
}

async function journey(username: string, body: (page: Page) => Promise<void>) {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await signIn(page, urls.web, username);
  try {
    await body(page);
  } catch (e) {
    await screenshot(page, `fail-${username}`); // what the page showed when the journey stopped
    throw e;
  }
  expect(errors).toEqual([]);
  await ctx.close();
}

describe('every role in the browser', () => {
  it('centre staff: lands on the attendance chooser and fills the day of its group', async () => {
    await journey('centru.sfnicolae', async (page) => {
      await waitHeading(page, /^Prezență$/);
      await checked(page, '80-centre-landing');
      await page.getByLabel('Grupa').selectOption('g1');
      await page.getByLabel('Ziua').selectOption(day);
      await page.getByRole('button', { name: 'Deschide foaia' }).click();
      await waitHeading(page, /^Foaia de prezență$/);
      const row = page.locator('table.sheet-table tbody tr', { hasText: centreCase.caseNumber });
      await row.getByLabel('Prezent', { exact: true }).check();
      await page.getByRole('button', { name: 'Salvează foaia' }).click();
      await page.getByText(/^Foaia a fost salvată/).waitFor();
      await checked(page, '81-centre-sheet-saved');
    });
  });

  it('intervention staff: lands on sessions, records one and corrects it', async () => {
    await journey('interventie.gal', async (page) => {
      await page.waitForURL(/#\/sedinte/);
      await waitHeading(page, /^Ședințe/);
      await checked(page, '82-intervention-landing');
      if (!/#\/sedinte\/int-a$/.test(page.url())) {
        await page.getByRole('link', { name: /Intervenți/ }).first().click();
      }
      await waitHeading(page, /^Ședințe — /);
      await page.getByLabel('Ziua').selectOption(interventionDay);
      await page.getByLabel('Activitatea').selectOption({ index: 1 });
      await page.getByLabel('Durata (minute)').fill('50');
      await page.getByLabel('Individuală').check();
      const kidRow = page.locator('table.participants-table tbody tr', { hasText: interventionCase.caseNumber });
      await kidRow.getByLabel(/^Copilul/).check();
      await page.getByRole('button', { name: 'Înregistrează ședința' }).click();
      await page.getByText(/a fost înregistrată pentru un copil/).waitFor();
      await page.reload();
      await page.locator('table.sessions-table').waitFor();
      // correct it from the list of recent sessions: the new duration is saved
      await page.locator('table.sessions-table tbody tr', { hasText: '50 min' }).first().getByRole('button', { name: 'Corectează' }).click();
      await page.getByLabel('Durata (minute)').last().fill('40');
      await page.getByRole('button', { name: 'Salvează corectura' }).click();
      await page.getByText(/a fost corectată/).waitFor();
      await page.locator('table.sessions-table tbody tr', { hasText: '40 min' }).first().waitFor();
      await checked(page, '83-intervention-session-corrected');
    });
  });

  it('case manager: inbox, own case, identity document (errors first), consent withdrawal', async () => {
    await journey('manager.das', async (page) => {
      await waitHeading(page, /^Sarcini$/);
      await checked(page, '84-manager-inbox');
      await clickMenu(page, 'Cazuri');
      await waitHeading(page, /^Cazuri$/);
      await page.getByRole('link', { name: interventionCase.caseNumber }).click();
      await waitHeading(page, new RegExp(interventionCase.caseNumber));
      const docs = page.locator('[data-section="identity-documents"]');
      await docs.getByRole('button', { name: 'Consemnează un act obținut' }).click();
      await docs.getByRole('button', { name: 'Consemnează actul' }).click();
      await docs.locator('.error-summary').waitFor(); // the shared schema, in Romanian, before anything is sent
      expect(await docs.getByLabel('Pentru cine').getAttribute('aria-invalid')).toBe('true');
      await docs.getByLabel('Pentru cine').selectOption('child');
      await docs.getByLabel('Actul obținut').selectOption('birth_certificate');
      await docs.getByRole('button', { name: 'Consemnează actul' }).click();
      await docs.getByText(/S-a consemnat: certificat de naștere pentru copilul/).waitFor();
      const consent = page.locator('[data-section="consent"]');
      await consent.getByText('acord valabil').first().waitFor();
      await checked(page, '85-manager-case');
      await consent.getByRole('button', { name: 'Retrage acordul' }).click();
      await consent.getByLabel(/^Prelucrarea datelor|^Prelucrare/).check();
      // meanwhile a colleague records another withdrawal: the 409 names what changed, by its Romanian label
      const consentPath = `/cases/${interventionCase.caseId}/consent`;
      const current = await api.get<{ version: number }>(consentPath, 'coord.das');
      const other = await api.post(`${consentPath}/withdrawals`, 'coord.das', { expectedVersion: current.body.version, purposes: ['subsidy'], date: interventionDay });
      expect(other.status, JSON.stringify(other.body)).toBe(201);
      await consent.getByRole('button', { name: 'Înregistrează retragerea' }).click();
      const conflict = consent.locator('.problem', { hasText: 'Altcineva a modificat datele între timp' });
      await conflict.getByText('Au fost modificate: scopurile acordului, retragerile acordului.').waitFor();
      await checked(page, '85a-manager-consent-conflict');
      await conflict.getByRole('button', { name: 'Reîncarcă datele' }).click();
      await consent.getByText('acord retras').first().waitFor();
      await consent.getByRole('button', { name: 'Retrage acordul' }).click();
      await consent.getByLabel(/^Prelucrarea datelor|^Prelucrare/).check();
      await consent.getByRole('button', { name: 'Înregistrează retragerea' }).click();
      await consent.getByText('Retragerea acordului a fost înregistrată.').waitFor();
      await consent.getByText('acord retras').first().waitFor();
      await checked(page, '86-manager-consent-withdrawn');
    });
  });

  it('coordinator DAS: institution cases by default, transfers an enrolment, reads the case audit, month close, audit log', async () => {
    await journey('coord.das', async (page) => {
      await waitHeading(page, /^Sarcini$/);
      // a long menu in one row: its groups open and close with the keyboard, and stay accessible while open
      const nav = page.getByRole('navigation', { name: 'Meniul principal' });
      const adminGroup = nav.getByRole('button', { name: 'Administrare' });
      await adminGroup.focus();
      await page.keyboard.press('Enter');
      expect(await adminGroup.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(() => document.activeElement?.textContent === 'Audit');
      await checked(page, '86a-coord-menu-open');
      await page.keyboard.press('Escape');
      expect(await adminGroup.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Administrare/);
      const rows = await nav.evaluate((n) => new Set([...n.querySelectorAll(':scope > ul > li')].map((li) => Math.round(li.getBoundingClientRect().top))).size);
      expect(rows).toBe(1);
      await clickMenu(page, 'Cazuri');
      await waitHeading(page, /^Cazuri$/);
      // no filter to change: the coordinator's list opens on the institution's cases
      await page.getByRole('link', { name: centreCase.caseNumber }).waitFor();
      await checked(page, '87-coord-cases');
      await page.getByRole('link', { name: movedCase.caseNumber }).click();
      await waitHeading(page, new RegExp(movedCase.caseNumber));
      const part = page.locator('[data-section="participation"]');
      await part.getByRole('button', { name: 'Transferă' }).first().click();
      const place = part.getByLabel('Serviciul și grupa noi');
      await place.waitFor();
      const target = await place.locator('option', { hasText: /Sf\. Nicolae.*Grupa mijlocie/ }).first().getAttribute('value');
      await place.selectOption(target!);
      await part.getByRole('button', { name: 'Transferă', exact: true }).last().click();
      await part.getByText(/a fost transferat/).waitFor();
      await part.getByText(/Grupa mijlocie/).first().waitFor();
      await page.locator('[data-section="case-audit"]').getByRole('button', { name: /jurnalul de audit/ }).click();
      await page.locator('[data-section="case-audit"] table').waitFor();
      await checked(page, '88-coord-case-transfer-audit');

      await clickMenu(page, 'Închiderea lunii');
      await waitHeading(page, /^Închiderea lunii$/);
      await page.getByRole('heading', { name: /^Starea lunii/ }).waitFor();
      await page.getByRole('heading', { name: 'Registre incomplete' }).waitFor();
      await page.getByRole('heading', { name: 'Bugetul subvenției' }).waitFor();
      await checked(page, '89-coord-month');

      await clickMenu(page, 'Audit');
      await waitHeading(page, /^Jurnalul de audit$/);
      await page.getByRole('searchbox').fill('case');
      await page.locator('main table').or(page.getByText(/^0 înregistrări/)).first().waitFor();
      await checked(page, '90-coord-audit');
    });
  });

  it('coordinator GAL: the cases behind its line of the Roma plan, and its month', async () => {
    await journey('coord.gal', async (page) => {
      await waitHeading(page, /^Sarcini$/);
      await clickMenu(page, 'Plan local romi');
      await page.locator('.roma-action').first().waitFor();
      // GAL's line of action 2.3 is computed from the cases (Intervention A): the cases behind it, those GAL may see
      const line = page.locator('[data-action="2.3"] .roma-line', { hasText: 'Grupul de Acțiune Locală' }).first();
      await line.getByText('calculat').waitFor();
      await checked(page, '91-coord-gal-roma-plan');
      await line.getByRole('link', { name: 'cazurile numărate' }).click();
      await waitHeading(page, /^Acțiunea 2\.3: cazurile numărate$/);
      await page.getByText(/pe care (le|îl) puteți vedea/).waitFor();
      await checked(page, '91a-coord-gal-roma-cases');
      await clickMenu(page, 'Închiderea lunii');
      await page.getByRole('heading', { name: 'Registre incomplete' }).waitFor();
      // only the lead institution closes a month
      expect(await page.getByRole('button', { name: /^Închide luna/ }).count()).toBe(0);
      await checked(page, '91b-coord-gal-month');
    });
  });

  it('coordinator DGASPC: reports with drill-down to the cases it may see', async () => {
    await journey('coord.dgaspc', async (page) => {
      await waitHeading(page, /^Sarcini$/);
      await clickMenu(page, 'Rapoarte');
      await waitHeading(page, /^Rapoarte$/);
      await page.locator('main table').first().waitFor();
      await checked(page, '92-coord-dgaspc-reports');
      await page.getByRole('link', { name: /^vezi cazurile/ }).first().click();
      await waitHeading(page, /: cazurile$/);
      await page.getByText(/pe care (le|îl) puteți vedea/).waitFor();
      await checked(page, '93-coord-dgaspc-drilldown');
    });
  });

  it('Roma plan officer: lands on the plan, reports quarterly progress with evidence, sees its history, exports CSV', async () => {
    await journey('romi.das', async (page) => {
      await page.locator('.roma-action').first().waitFor();
      expect(await page.locator('.roma-action').count()).toBe(42);
      await page.locator('[data-chart="grafic-obiective"]').waitFor();
      await checked(page, '94-roma-plan');
      const line = page.locator('.roma-line', { has: page.getByRole('button', { name: 'Raportează progresul' }) }).first();
      await line.getByRole('button', { name: 'Raportează progresul' }).click();
      await line.getByLabel('Stadiul').selectOption('done');
      await line.getByRole('button', { name: 'Salvează progresul' }).click();
      await line.locator('.error-summary').waitFor(); // evidence is required, said next to the field
      await line.getByLabel(/^Dovezi/).fill('Lista de prezență la sesiunea de informare, 12 participanți (test).');
      await line.getByLabel(/^Valoarea/).fill('12');
      await line.getByRole('button', { name: 'Salvează progresul' }).click();
      await line.getByText('Realizat', { exact: true }).waitFor();
      await line.getByRole('button', { name: 'Istoricul raportărilor' }).click();
      await line.locator('.history li').first().waitFor();
      await checked(page, '95-roma-progress');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descarcă CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^plan-local-romi-\d{4}.*\.csv$/);
    });
  });

  it('project manager: dashboard, the quarterly report for the steering committee, the budget', async () => {
    await journey('manager.proiect', async (page) => {
      await waitHeading(page, /^Tablou de bord$/);
      await checked(page, '96-pm-dashboard');
      await clickMenu(page, 'Rapoarte');
      await waitHeading(page, /^Rapoarte$/);
      const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Raport de tipărit (HTML)' }).click()]);
      expect(html.suggestedFilename()).toMatch(/^raport-trimestrial-\d{4}-Q[1-4]\.html$/);
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Raportul în XLSX' }).click()]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      await checked(page, '97-pm-reports');
      await clickMenu(page, 'Închiderea lunii');
      await page.getByRole('heading', { name: 'Bugetul subvenției' }).waitFor();
    });
  });

  it('finance: lands on the monthly runs with the budget', async () => {
    await journey('financiar.das', async (page) => {
      await waitHeading(page, /^Subvenții/);
      await page.getByRole('heading', { name: 'Bugetul subvenției' }).waitFor();
      await checked(page, '98-finance-runs');
    });
  });

  it('admin: a start page that leads somewhere, staff, retention, undelivered mails', async () => {
    await journey('admin', async (page) => {
      await waitHeading(page, /^Bun venit/);
      const links = await page.locator('main ul.home-links a').allInnerTexts();
      expect(links).toEqual(expect.arrayContaining(['Personal', 'Păstrarea datelor', 'E-mailuri netrimise']));
      await checked(page, '99-admin-home');
      for (const [link, title, shot] of [['Personal', /^Personal$/, '99a-admin-staff'], ['Păstrarea datelor', /^Păstrarea datelor$/, '99b-admin-retention'], ['E-mailuri netrimise', /^E-mailuri netrimise$/, '99c-admin-outbox']] as const) {
        await clickMenu(page, link);
        await waitHeading(page, title);
        await page.locator('main table, main p.empty').first().waitFor();
        // the retention page: the administrator also sees the anonymisation runs (counts only)
        if (shot === '99b-admin-retention') await page.locator('[data-section="retention-runs"]').locator('table, p.empty').first().waitFor();
        await checked(page, shot);
      }
    });
  });
});
