/**
 * Browser helpers for the E2E tests: Debian chromium driven by playwright-core, signing in through the real login page,
 * axe-core checks (no serious or critical violation), and screenshots of the main screens when asked for.
 */
import { addCalendarDays, TIME_ZONE, today } from '../../shared/platform/calendar.js';
import { testClock } from '../support/fixtures.js';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../local/demo/users.js';

export const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Debian's chromium-headless-shell when installed (`.ci/run` installs it): the same Blink and V8 without the full
 * browser's UI compositor — measured on the 2-core machine, the roles file's chromium used 36 s of CPU instead of 65 s
 * (decision 018, Session 9). Else the full chromium in its headless mode. VATRA_CHROMIUM names another binary.
 */
export function chromiumPath(): string {
  if (process.env.VATRA_CHROMIUM) return process.env.VATRA_CHROMIUM;
  const shell = '/usr/lib/chromium/chromium-headless-shell';
  return existsSync(shell) ? shell : '/usr/bin/chromium';
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

/** A fresh browser profile (own session storage) in Romanian, Bucharest time, tablet-or-desktop width. */
export async function newContext(browser: Browser, opts: { width?: number; height?: number } = {}): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'ro-RO',
    timezoneId: TIME_ZONE,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    acceptDownloads: true,
  });
}

/** Open the app at `hash` and sign in through the login form; resolves when the signed-in shell shows. */
export async function signIn(page: Page, baseUrl: string, username: string, hash = '#/'): Promise<void> {
  await page.goto(`${baseUrl}/${hash}`);
  await page.getByLabel('Utilizator').fill(username);
  await page.getByLabel('Parola').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Intră în cont' }).click();
  await page.getByRole('button', { name: 'Ieșire' }).waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string }[];
}

const axeSource = () => readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * Run axe-core on the page (WCAG 2.x A/AA rules and best practices) and return the serious and critical violations.
 * The script is evaluated through the DevTools protocol, so the app's Content-Security-Policy stays on.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource());
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(vs: AxeViolation[]): string {
  return vs.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.html}`).join('\n  ')}`).join('\n');
}

/**
 * A full-page screenshot of a main screen into test-results/screenshots/, when the run asks for them
 * (`VATRA_E2E_SCREENSHOTS=1 npm test`): the 72 of a whole run cost chromium ~27 s of CPU (decision 018, Session 11),
 * and nothing in the suite reads them — they are for a person looking at the screens.
 */
export async function screenshot(page: Page, name: string): Promise<string | undefined> {
  if (process.env.VATRA_E2E_SCREENSHOTS !== '1') return undefined;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Collect errors the page logs (uncaught exceptions, console errors, CSP refusals) to assert there are none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of (401|403|404|409|422)/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Today's date in Bucharest, as a date input takes it. */
export function todayBucharest(): string {
  return today(testClock());
}

export const dayOffset = (days: number): string => addCalendarDays(todayBucharest(), days);

/**
 * A main-menu link by its name: in a long menu (a coordinator's) it sits in a disclosure group, which is opened
 * first, as a user would (web/src/ui/menu.tsx).
 */
export async function menuLink(page: Page, name: string): Promise<Locator> {
  const nav = page.getByRole('navigation', { name: 'Meniul principal' });
  const link = nav.getByRole('link', { name, exact: true });
  if (await link.isVisible()) return link;
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const group = nav.locator('li.menu-group').filter({ has: page.locator('a', { hasText: exact }) }).getByRole('button');
  // a click on an open group closes it: open it only when it is closed
  if ((await group.getAttribute('aria-expanded')) !== 'true') await group.click();
  await link.waitFor();
  return link;
}

/**
 * Open a menu entry. Navigating closes an open group (ui/menu.tsx), and the app may still be moving to its landing
 * page just after sign-in: a group opened in between closes again, so the click is retried (opening it again).
 */
export async function clickMenu(page: Page, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await (await menuLink(page, name)).click({ timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt >= 4) throw e;
    }
  }
}
