// Issue 13: accessibility and a quiet console. axe-core (injected from node_modules) checks the main pages in both
// languages with their menus, panels and the search palette open: no serious or critical violation. The palette is a
// modal dialog that keeps focus inside; menus and thread headers work from the keyboard. An anonymous visitor (and
// one whose session ended) sees no console error on any page. The sign-in page's JavaScript stays under its budget.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { personContext, signInContext } from '../helpers/browser.js';
import { webApp } from '../helpers/webApp.js';
import { signedUp, spaceWith, TestUser } from '../helpers/client.js';
import { browserLocale, text, type Lang } from '../helpers/i18n.js';
import { readSample } from '../helpers/samples.js';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let owner: TestUser;
let spaceId: string;
let reportId: string;
const web = webApp();
beforeAll(async () => {
  [owner] = await signedUp(web.server.base, 'Owner');
  spaceId = await spaceWith(owner, [], '支付研发');
  for (const week of ['2024-W12', '2024-W25']) {
    const r = await owner.call('POST', `/api/spaces/${spaceId}/import`, readSample(week), { 'content-type': 'text/markdown' });
    if (r.status !== 201) throw new Error(r.text);
    reportId = r.json.report.id;
  }
  // One open thread, so that the comments panel has a thread header to check.
  const okr = (await owner.call('GET', `/api/reports/${reportId}/items`)).json.okrs[0].blockId;
  await owner.call('POST', `/api/reports/${reportId}/comments`, { blockId: okr, body: '进度更新了吗？' });
  // A saved version for the history panel (opening the report writes nothing, so none is taken on its own).
  expect((await owner.call('POST', `/api/reports/${reportId}/history`)).status).toBe(201);
});

interface Violation { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }
/** axe-core on the page as it is now: the serious and critical violations, in short. */
async function axe(page: Page, where: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return r.violations;
  }) as Violation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

const settle = (page: Page) => page.waitForLoadState('networkidle').catch(() => {});

describe.each(['zh-CN', 'en'] as Lang[])('axe-core in %s', (l) => {
  it('finds no serious or critical violation on the main pages, with menus, panels and the palette open', async () => {
    const found: string[] = [];
    const anon = await personContext(web.browser, web.server.base, browserLocale(l));
    await anon.page.goto('/signin');
    await anon.page.getByRole('button', { name: text(l, 'auth.signIn') }).waitFor();
    found.push(...await axe(anon.page, 'sign-in'));
    await anon.page.goto('/signup');
    await anon.page.getByRole('button', { name: text(l, 'auth.signUp') }).waitFor();
    found.push(...await axe(anon.page, 'sign-up'));
    await anon.context.close();

    const { context, page } = await personContext(web.browser, web.server.base, browserLocale(l));
    await signInContext(context, owner, web.server.base);
    await page.goto(`/s/${spaceId}`);
    await page.locator('.report-row').first().waitFor({ timeout: 30_000 });
    await page.locator('.db').first().waitFor({ timeout: 30_000 });
    await settle(page);
    found.push(...await axe(page, 'space home'));
    await page.getByRole('button', { name: text(l, 'userMenu.label') }).click();
    await page.getByRole('menu').waitFor();
    found.push(...await axe(page, 'user menu'));
    await page.keyboard.press('Escape');
    await page.locator('.switcher-btn').click();
    await page.getByRole('menu').waitFor();
    found.push(...await axe(page, 'space menu'));
    await page.keyboard.press('Escape');

    await page.goto(`/r/${reportId}`);
    await page.locator('.ProseMirror').first().waitFor({ timeout: 30_000 });
    await settle(page);
    found.push(...await axe(page, 'report'));
    await page.getByRole('button', { name: text(l, 'comments.toggle') }).click();
    await page.locator('.thread').first().waitFor({ timeout: 30_000 });
    found.push(...await axe(page, 'report, comments panel'));
    await page.getByRole('button', { name: text(l, 'history.toggle') }).click();
    await page.locator('.version').first().waitFor({ timeout: 30_000 });
    found.push(...await axe(page, 'report, history panel'));

    await page.goto(`/s/${spaceId}/dashboard`);
    await page.getByRole('heading', { name: text(l, 'dashboard.title'), level: 1 }).waitFor({ timeout: 30_000 });
    await page.locator('.recharts-surface').first().waitFor({ timeout: 30_000 });
    await settle(page);
    found.push(...await axe(page, 'dashboard'));

    await page.goto(`/s/${spaceId}/search?q=${encodeURIComponent('物保')}`);
    await page.locator('.sr-hit').first().waitFor({ timeout: 30_000 });
    found.push(...await axe(page, 'search'));
    await page.keyboard.press('ControlOrMeta+k');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.type('项目');
    await page.getByRole('option').first().waitFor({ timeout: 30_000 });
    found.push(...await axe(page, 'search palette'));

    await page.goto(`/s/${spaceId}/members`);
    await page.locator('.member-row').first().waitFor({ timeout: 30_000 });
    found.push(...await axe(page, 'members'));
    await context.close();
    expect(found, 'serious or critical axe violations').toEqual([]);
  });
});

it('the search palette is a modal dialog: focus starts in it, Tab cycles inside it, Esc closes it and focus returns', async () => {
  const { context, page } = await personContext(web.browser, web.server.base);
  await signInContext(context, owner, web.server.base);
  await page.goto(`/s/${spaceId}`);
  await page.locator('.report-row').first().waitFor({ timeout: 30_000 });
  const opener = page.getByRole('button', { name: /Search/ }).first();
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Search reports' });
  await dialog.waitFor();
  expect(await dialog.getAttribute('aria-modal')).toBe('true');
  const inDialog = () => page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'));
  expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
  await page.keyboard.type('项目');
  await expect.poll(() => dialog.getByRole('option').count(), { timeout: 30_000 }).toBeGreaterThan(2);
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await inDialog(), `after Tab ${i + 1}`).toBe(true);
  }
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await inDialog(), `after Shift+Tab ${i + 1}`).toBe(true);
  }
  // ↓ moves the active option, announced through aria-activedescendant.
  await page.getByRole('combobox').focus();
  const first = await page.getByRole('combobox').getAttribute('aria-activedescendant');
  await page.keyboard.press('ArrowDown');
  const second = await page.getByRole('combobox').getAttribute('aria-activedescendant');
  expect(second).not.toBe(first);
  expect(await page.locator(`[id="${second}"]`).getAttribute('aria-selected')).toBe('true');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/Search/);
  await context.close();
});

it('a thread header is reached with Tab and opens its block with Enter; the save state is announced', async () => {
  const { context, page } = await personContext(web.browser, web.server.base);
  await signInContext(context, owner, web.server.base);
  await page.goto(`/r/${reportId}`);
  await page.locator('.ProseMirror').first().waitFor({ timeout: 30_000 });
  const status = page.getByTestId('connection');
  expect(await status.getAttribute('role')).toBe('status');
  expect(await status.getAttribute('aria-live')).toBe('polite');
  await expect.poll(() => status.innerText(), { timeout: 30_000 }).toBe('Saved');
  await page.getByRole('button', { name: 'Comments' }).click();
  const header = page.locator('.thread .thread-target').first();
  await header.waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Close comments' }).focus();
  let reached = false;
  for (let i = 0; i < 12 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await header.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'the thread header is in the tab order').toBe(true);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('.thread.is-active').count()).toBe(1);
  // The thread's block is marked in the editor as the one in focus.
  await expect.poll(() => page.locator('.ProseMirror .comment-active-block').count()).toBe(1);
  await context.close();
});

describe('no console errors for an anonymous visitor', () => {
  const pages = () => ['/signin', '/signup', '/', `/s/${spaceId}`, `/s/${spaceId}/search?q=x`, `/s/${spaceId}/dashboard`, `/r/${reportId}`, '/nowhere'];

  async function visit(cookies: Record<string, string> | null) {
    const { context, page } = await personContext(web.browser, web.server.base, 'zh-CN');
    if (cookies) await signInContext(context, { cookies }, web.server.base);
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    const failed: string[] = [];
    page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`); });
    for (const p of pages()) {
      await page.goto(p);
      await page.getByRole('button', { name: text('zh-CN', p === '/signup' ? 'auth.signUp' : 'auth.signIn') }).waitFor({ timeout: 30_000 });
      await settle(page);
    }
    await context.close();
    return { errors, failed };
  }

  it('on any page, all of which lead to sign-in; nothing answers 4xx on the way', async () => {
    const { errors, failed } = await visit(null);
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
  });

  it('nor for someone whose session has ended (a signed-out cookie)', async () => {
    const [u] = await signedUp(web.server.base, 'Gone');
    const stale = { ...u.cookies };
    expect((await u.call('POST', '/api/auth/sign-out', {})).status).toBe(200);
    const { errors } = await visit(stale);
    expect(errors).toEqual([]);
  });
});

it("the sign-in page's JavaScript is at most 150 kB as sent (compressed)", async () => {
  const { context, page } = await personContext(web.browser, web.server.base);
  const sizes: Promise<number>[] = [];
  page.on('response', (r) => {
    if (!r.url().endsWith('.js')) return;
    sizes.push(r.request().sizes().then((s) => s.responseBodySize));
  });
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await settle(page);
  const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  console.log(`sign-in page JavaScript: ${sizes.length} files, ${(total / 1000).toFixed(1)} kB as sent`);
  expect(total).toBeGreaterThan(10_000);
  expect(total).toBeLessThanOrEqual(150_000);
  await context.close();
});
