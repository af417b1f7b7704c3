/**
 * The app shell in a real browser: keyboard-only use (login, skip link, tabs), the tablet width (768 px) without
 * horizontal scrolling, the session kept across a reload without any token in web storage, session expiry and logout
 * back to the login page with a message, and the role-aware menu.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../local/demo/users.js';
import { describeViolations, launch, newContext, screenshot, seriousViolations, signIn, watchErrors } from './support.js';

const urls = inject('urls');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const waitHeading = (page: Page, text: string | RegExp) => page.locator('main h1', { hasText: text }).waitFor();
const focusedText = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function expectAccessible(page: Page, name: string) {
  const v = await seriousViolations(page);
  expect(v, `axe on ${name}:\n${describeViolations(v)}`).toEqual([]);
  await screenshot(page, name);
}

describe('app shell', () => {
  it('works with the keyboard alone: sign in, skip link, inbox tabs, menu', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`${urls.web}/`);
    await page.getByLabel('Utilizator').waitFor();
    expect(await focusedId(page)).toBe('username'); // the login form starts focused
    await page.keyboard.type('manager.das');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await waitHeading(page, /^Sarcini$/);
    // after signing in, focus starts on the page's heading
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

    // on a freshly loaded page the first Tab reaches the skip link, which moves focus to the content
    await page.reload();
    await waitHeading(page, /^Sarcini$/);
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Sari la conținut');
    const skipVisible = await page.evaluate(() => {
      const r = document.activeElement!.getBoundingClientRect();
      return r.top >= 0 && r.height > 0;
    });
    expect(skipVisible).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('continut');

    // Tab order follows the page: the skip link, the brand, then the menu
    await page.reload();
    await waitHeading(page, /^Sarcini$/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Vatra');
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Sarcini');

    // the inbox tabs: arrow keys move between them
    await page.getByRole('tab', { name: 'Sarcinile mele' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/#\/sarcini\?tab=echipa$/);
    expect(await page.getByRole('tab', { name: 'Echipa' }).getAttribute('aria-selected')).toBe('true');
    expect(await focusedText(page)).toBe('Echipa');
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL(/#\/sarcini$/);
    await expectAccessible(page, '20-inbox-team-keyboard');

    // Enter on a menu link navigates and focus lands on the new page's heading
    await page.getByRole('navigation', { name: 'Meniul principal' }).getByRole('link', { name: 'Cazuri' }).focus();
    await page.keyboard.press('Enter');
    await waitHeading(page, /^Cazuri$/);
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('fits a 768 px tablet without horizontal scrolling', async () => {
    const ctx = await newContext(browser, { width: 768, height: 1024 });
    const page = await ctx.newPage();
    await signIn(page, urls.web, 'coord.das');
    await waitHeading(page, /^Sarcini$/);
    for (const [hash, title, shot] of [
      ['#/sarcini', /^Sarcini$/, '21-tablet-inbox'],
      ['#/cazuri?vedere=institutie', /^Cazuri$/, '22-tablet-cases'],
      ['#/sesizare-noua', /^Sesizare nouă$/, '23-tablet-referral'],
      ['#/preferinte', /^Preferințe$/, '24-tablet-preferences'],
      ['#/notificari', /^Notificări$/, '27-tablet-notifications'],
    ] as const) {
      await page.goto(`${urls.web}/${hash}`);
      await waitHeading(page, title);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${hash} scrolls horizontally by ${overflow}px`).toBeLessThanOrEqual(0);
      await expectAccessible(page, shot);
    }
    await ctx.close();
  });

  it('keeps the session across a reload with no token in sessionStorage or localStorage (memory and an HttpOnly cookie)', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, urls.web, 'manager.das', '#/cazuri');
    await waitHeading(page, /^Cazuri$/);
    // the token the page sends to the API right now
    const sent = page.waitForRequest((r) => r.url().startsWith(`${urls.api}/`) && r.headers().authorization !== undefined);
    await page.goto(`${urls.web}/#/sarcini`);
    const idToken = (await sent).headers().authorization!.slice('Bearer '.length);
    expect(idToken).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    const stored = async () => page.evaluate(() => JSON.stringify({ session: Object.entries(sessionStorage), local: Object.entries(localStorage) }));
    const [refreshCookie] = (await ctx.cookies()).filter((c) => c.name === 'vatra_refresh');
    for (const where of ['signed in', 'after a reload']) {
      const text = await stored();
      expect(text, where).not.toContain(idToken.split('.')[1]!);
      expect(text, where).not.toMatch(/ey[\w-]{10,}\.[\w-]{10,}/); // no JWT at all
      expect(text, where).not.toContain(refreshCookie!.value);
      if (where === 'signed in') {
        await page.reload();
        await waitHeading(page, /^Sarcini$/); // still signed in: the refresh cookie gave a new token
        await expect(page.getByRole('button', { name: 'Ieșire' }).isVisible()).resolves.toBe(true);
      }
    }
    // the cookie: HttpOnly, SameSite=Strict, only for /auth, invisible to the page's script
    const cookies = await ctx.cookies();
    const refresh = cookies.filter((c) => c.name === 'vatra_refresh');
    expect(refresh).toHaveLength(1);
    expect(refresh[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/auth' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('vatra_refresh');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('refreshes the 15-minute token before it lapses, and signs out after 30 minutes without activity, saying why', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.clock.install(); // the page's clock only: the server keeps real time
    await signIn(page, urls.web, 'manager.das', '#/cazuri');
    await waitHeading(page, /^Cazuri$/);
    const refreshed = page.waitForResponse((r) => r.url() === `${urls.web}/auth/refresh` && r.request().method() === 'POST');
    await page.clock.fastForward('14:30');
    expect((await refreshed).status()).toBe(200);
    // the page goes on with the new token
    await page.getByRole('navigation', { name: 'Meniul principal' }).getByRole('link', { name: 'Sarcini' }).click();
    await waitHeading(page, /^Sarcini$/);
    // nothing pressed or clicked for 30 minutes (a computer woken from sleep): signed out, the cookie revoked
    const loggedOut = page.waitForResponse((r) => r.url() === `${urls.web}/auth/logout`);
    await page.clock.fastForward('31:00');
    expect((await loggedOut).status()).toBe(200);
    await page.getByText('Sesiunea s-a închis după 30 de minute fără activitate. Vă rugăm să vă autentificați din nou.').waitFor();
    await expect(page.getByRole('heading', { name: 'Autentificare' }).isVisible()).resolves.toBe(true);
    await page.reload();
    await page.getByLabel('Utilizator').waitFor();
    await expect(page.getByRole('button', { name: 'Ieșire' }).count()).resolves.toBe(0);
    await ctx.close();
  });

  it('goes back to the login page with a message when the session expires, and on logout', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, urls.web, 'manager.das', '#/cazuri');
    await waitHeading(page, /^Cazuri$/);
    // a refresh cookie the server no longer accepts (expired, unknown): the reload cannot resume the session
    const [cookie] = (await ctx.cookies()).filter((c) => c.name === 'vatra_refresh');
    await ctx.addCookies([{ ...cookie!, value: `${cookie!.value.slice(0, -4)}AAAA` }]);
    await page.reload();
    await page.getByText('Sesiunea a expirat. Vă rugăm să vă autentificați din nou.').waitFor();
    await expect(page.getByRole('heading', { name: 'Autentificare' }).isVisible()).resolves.toBe(true);
    await expectAccessible(page, '25-session-expired');
    // signing in again returns to the page that was open
    await page.getByLabel('Utilizator').fill('manager.das');
    await page.getByLabel('Parola').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Intră în cont' }).click();
    await waitHeading(page, /^Cazuri$/);

    await page.getByRole('button', { name: 'Ieșire' }).click();
    await page.getByText('Ați ieșit din cont.').waitFor();
    // signed out for good: the refresh cookie is gone and a reload shows the login form
    expect((await ctx.cookies()).filter((c) => c.name === 'vatra_refresh')).toEqual([]);
    await page.reload();
    await page.getByLabel('Utilizator').waitFor();
    await expect(page.getByRole('button', { name: 'Ieșire' }).count()).resolves.toBe(0);
    await ctx.close();
  });

  it('refuses a wrong password in Romanian, next to the form', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(`${urls.web}/`);
    await page.getByRole('button', { name: 'Intră în cont' }).click();
    await page.getByText('Introduceți numele de utilizator.').waitFor();
    expect(await page.getByLabel('Utilizator').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Utilizator').fill('financiar.das');
    await page.getByLabel('Parola').fill('parola-gresita');
    await page.getByRole('button', { name: 'Intră în cont' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/parol|utilizator/i);
    await expectAccessible(page, '26-login-refused');
    await ctx.close();
  });

  it('shows finance only what finance may use', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, urls.web, 'financiar.das');
    await waitHeading(page, /^Subvenții/); // finance lands on its daily work: the monthly runs
    const menu = await page.getByRole('navigation', { name: 'Meniul principal' }).getByRole('link').allInnerTexts();
    // the monthly runs (to download an approved run's payment file) and nothing about cases or tasks
    expect(menu).toEqual(['Subvenții', 'Notificări', 'Preferințe']);
    await page.goto(`${urls.web}/#/sarcini`);
    await waitHeading(page, /^Nu aveți acces$/);
    await page.goto(`${urls.web}/#/nu-exista`);
    await waitHeading(page, /^Pagina nu există$/);
    await ctx.close();
  });
});
