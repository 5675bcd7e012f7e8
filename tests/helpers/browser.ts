import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, headless, quiet (no background downloads or first-run screens). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * A separate browser profile (cookies, IndexedDB) for one person, on the test server. The interface follows the
 * browser's language (issue 13): tests that find controls by their English names use the default `en-US`; the
 * language tests (tests/e2e/i18n.test.ts) open `zh-CN` profiles too.
 */
export async function personContext(browser: Browser, base: string, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1360, height: 860 }, locale });
  const page = await context.newPage();
  // Surface page crashes and uncaught errors in the test output.
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  return { context, page };
}

/** Signs up through the real form; lands on the app. */
export async function signUpInUI(page: Page, name: string, email: string, password = 'correct horse battery 9') {
  await page.goto('/signup');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/signup'));
}

export const resultsDir = () => {
  const dir = path.resolve(import.meta.dirname, '../../test-results');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};

/** Puts a user's session cookies (from an API sign-up) into a browser profile, so its pages are signed in. */
export async function signInContext(context: BrowserContext, user: { cookies: Record<string, string> }, base: string) {
  await context.addCookies(Object.entries(user.cookies).map(([name, value]) => ({ name, value, url: base })));
}

/** A new browser profile on the test server, signed in as `user`. */
export async function pageAs(browser: Browser, base: string, user: { cookies: Record<string, string> }): Promise<Page> {
  const { context, page } = await personContext(browser, base);
  await signInContext(context, user, base);
  return page;
}
