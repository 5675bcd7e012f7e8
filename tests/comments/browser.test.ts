import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { resultsDir, pageAs as signedInPage } from '../helpers/browser.js';
import { webApp } from '../helpers/webApp.js';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { samplesDir } from '../helpers/samples.js';

const samples = samplesDir;

const web = webApp();

/** A browser profile signed in as `user` (the session cookie from the API sign-up). */
const pageAs = (user: TestUser): Promise<Page> => signedInPage(web.browser, web.server.base, user);

it('B comments on an OKR item, A sees it appear live (badge, panel, inbox) and resolves it, B sees it resolved', async () => {
  const [ada, bo] = await signedUp(web.server.base, 'Ada', 'Bo');
  const spaceId = await spaceWith(ada, [[bo, 'commenter']]);
  const md = fs.readFileSync(path.join(samples, '2024-W12.md'), 'utf8');
  const imported = await ada.call('POST', `/api/spaces/${spaceId}/import`, md, { 'content-type': 'text/markdown' });
  expect(imported.status).toBe(201);
  const reportId = imported.json.report.id;

  const a = await pageAs(ada);
  const b = await pageAs(bo);
  await a.goto(`/r/${reportId}`);
  await b.goto(`/r/${reportId}`);
  const okrA = a.locator('.cb-okr', { hasText: '物保三期' }).first();
  const okrB = b.locator('.cb-okr', { hasText: '物保三期' }).first();
  await okrA.waitFor({ timeout: 15_000 });
  await okrB.waitFor({ timeout: 15_000 });

  // Ada has the comments panel open before anything is said.
  await a.getByRole('button', { name: 'Comments' }).click();
  await a.getByText('No open threads.').waitFor();

  // Bo (commenter) puts the cursor into the OKR item's text and comments on it, mentioning Ada.
  await b.getByRole('button', { name: 'Comments' }).click();
  await okrB.locator('[data-node-view-content] p, .cb-okr-body p, p').first().click();
  await expect.poll(() => b.locator('.composer-target').innerText()).toContain('物保三期');
  await b.getByLabel('New comment').fill('上线日期还来得及吗 @Ad');
  await b.getByRole('option', { name: /@Ada/ }).click();
  await expect.poll(() => b.getByLabel('New comment').inputValue()).toBe('上线日期还来得及吗 @Ada ');
  await b.getByRole('button', { name: 'Comment', exact: true }).click();

  // Ada sees it without reloading: a thread in her panel, a badge on the block, an unread notification.
  const threadA = a.locator('.thread', { hasText: '上线日期还来得及吗' });
  await threadA.waitFor({ timeout: 10_000 });
  await expect.poll(() => threadA.locator('.thread-target').innerText()).toContain('物保三期');
  await expect.poll(() => a.locator('[data-comment-count="1"]').count()).toBe(1);
  await expect.poll(() => a.locator('.unread-badge').innerText()).toBe('1');
  await a.screenshot({ path: path.join(resultsDir(), 'comments-live.png') });

  // Ada resolves it; Bo's panel follows.
  await threadA.getByRole('button', { name: 'Resolve' }).click();
  await a.getByText('No open threads.').waitFor();
  await expect.poll(() => a.locator('[data-comment-count]').count()).toBe(0);
  await b.getByRole('tab', { name: /Resolved/ }).click();
  const threadB = b.locator('.thread', { hasText: '上线日期还来得及吗' });
  await threadB.waitFor({ timeout: 10_000 });
  await expect.poll(() => threadB.locator('.chip-ok').count()).toBe(1);

  // The server agrees.
  const list = (await ada.call('GET', `/api/reports/${reportId}/comments`)).json;
  expect(list).toHaveLength(1);
  expect(list[0]).toMatchObject({ resolved: true, author: { name: 'Bo' } });
  await b.screenshot({ path: path.join(resultsDir(), 'comments-resolved.png') });
});

it('A mentions B in the document with the @ menu; B is told in the inbox and lands on the block', async () => {
  const [ada, bo] = await signedUp(web.server.base, 'Ada', 'Bo');
  const spaceId = await spaceWith(ada, [[bo, 'viewer']], 'Mentions');
  const md = fs.readFileSync(path.join(samples, '2024-W34.md'), 'utf8');
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/import`, md, { 'content-type': 'text/markdown' })).json.report.id;
  const a = await pageAs(ada);
  const b = await pageAs(bo);
  await b.goto('/');
  await b.getByRole('button', { name: /Inbox/ }).waitFor();
  await a.goto(`/r/${reportId}`);
  const okr = a.locator('.cb-okr').nth(1);
  await okr.waitFor({ timeout: 15_000 });

  // Ada types @B inside an OKR item's text and picks Bo from the menu.
  await okr.locator('p').first().click();
  await a.keyboard.press('End');
  await a.keyboard.type(' 请@B');
  await a.getByRole('option', { name: '@Bo' }).waitFor();
  await a.keyboard.press('Enter');
  await okr.locator('.mention', { hasText: '@Bo' }).waitFor();

  // Bo's inbox shows it live; opening it lands on the report.
  await expect.poll(() => b.locator('.unread-badge').innerText(), { timeout: 10_000 }).toBe('1');
  await b.getByRole('button', { name: /Inbox/ }).click();
  const item = b.locator('.inbox-item', { hasText: 'mentioned you in the report' });
  await item.waitFor();
  await b.screenshot({ path: path.join(resultsDir(), 'inbox-mention.png') });
  await item.click();
  await b.waitForURL(new RegExp(`/r/${reportId}`));
  await b.locator('.mention', { hasText: '@Bo' }).first().waitFor({ timeout: 15_000 });
  await expect.poll(() => b.locator('.unread-badge').count()).toBe(0);
});

it('comments on selected text: the range is highlighted for others and follows edits before it', async () => {
  const [ada, bo] = await signedUp(web.server.base, 'Ada', 'Bo');
  const spaceId = await spaceWith(ada, [[bo, 'editor']], 'Ranges');
  const md = fs.readFileSync(path.join(samples, '2024-W12.md'), 'utf8');
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/import`, md, { 'content-type': 'text/markdown' })).json.report.id;
  const a = await pageAs(ada);
  const b = await pageAs(bo);
  await a.goto(`/r/${reportId}`);
  await b.goto(`/r/${reportId}`);
  const para = (p: Page) => p.locator('.ProseMirror p', { hasText: '高P人员盘点与沟通' }).first();
  await para(a).waitFor({ timeout: 15_000 });
  await para(b).waitFor({ timeout: 15_000 });

  // Ada selects "高P人员" (the first four characters of the line) and comments on it.
  await a.getByRole('button', { name: 'Comments' }).click();
  await para(a).click();
  await a.keyboard.press('Home');
  for (let i = 0; i < 4; i++) await a.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => a.locator('.composer-target').innerText()).toContain('“高P人员”');
  await a.getByLabel('New comment').fill('名单在哪？');
  await a.getByRole('button', { name: 'Comment', exact: true }).click();

  // Bo sees the text highlighted and, after typing before it, the highlight still covers the same words.
  await expect.poll(() => b.locator('.comment-range').first().innerText(), { timeout: 10_000 }).toBe('高P人员');
  await para(b).click();
  await b.keyboard.press('Home');
  await b.keyboard.type('【重要】');
  // (Bo's caret label sits inside the paragraph on Ada's screen: leave it out.)
  await expect.poll(async () => (await para(a).innerText()).replace(/\s*Bo\s*/g, ''), { timeout: 10_000 }).toContain('【重要】高P人员');
  await expect.poll(() => b.locator('.comment-range').first().innerText()).toBe('高P人员');
  await expect.poll(() => a.locator('.comment-range').first().innerText()).toBe('高P人员');

  // Clicking the highlight opens Bo's panel on that thread, with its quote.
  await b.locator('.comment-range').first().click();
  const thread = b.locator('.thread.is-active');
  await thread.waitFor();
  await expect.poll(() => thread.locator('.thread-quote').innerText()).toBe('高P人员');
  const list = (await bo.call('GET', `/api/reports/${reportId}/comments`)).json;
  expect(list[0]).toMatchObject({ detached: false, anchor: { quote: '高P人员' } });
});

// Walkthrough: opening a comment's notification opened the thread in the panel but left the report at its top, the
// item the comment is about far below, out of sight.
it('opening a comment notification lands on the block the comment is about', async () => {
  const [ada, bo] = await signedUp(web.server.base, 'Ada', 'Bo');
  const spaceId = await spaceWith(ada, [[bo, 'editor']]);
  const md = fs.readFileSync(path.join(samples, '2024-W12.md'), 'utf8');
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/import`, md, { 'content-type': 'text/markdown' })).json.report.id;
  const okrs = (await ada.call('GET', `/api/reports/${reportId}/items`)).json.okrs as { blockId: string }[];
  const last = okrs.at(-1)!; // the last objective's item: far below the top of the report
  const posted = await ada.call('POST', `/api/reports/${reportId}/comments`, { blockId: last.blockId, body: '这个指标下周能到吗 @Bo' });
  expect(posted.status, posted.text).toBe(201);

  const b = await pageAs(bo);
  await b.goto('/');
  await b.getByRole('button', { name: /Inbox/ }).click();
  await b.locator('.inbox-item', { hasText: '这个指标下周能到吗' }).click();
  await b.waitForURL(new RegExp(`/r/${reportId}`));
  const target = b.locator(`[data-block-id="${last.blockId}"]`);
  await target.waitFor({ timeout: 15_000 });
  await expect.poll(() => target.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => b.locator('.thread', { hasText: '这个指标下周能到吗' }).count()).toBe(1);
  // Walkthrough: typing then went to the box at the top, which starts a new thread on whatever the caret was in.
  // Opened from a notification, the thread's reply box is open and focused: typing answers it.
  const reply = b.locator('.thread', { hasText: '这个指标下周能到吗' }).getByLabel('Reply');
  await expect.poll(() => reply.evaluate((el) => el === document.activeElement), { timeout: 10_000 }).toBe(true);
  await b.keyboard.type('能到，周三确认');
  await b.locator('.thread', { hasText: '这个指标下周能到吗' }).getByRole('button', { name: 'Reply' }).click();
  await expect.poll(async () => (await ada.call('GET', `/api/reports/${reportId}/comments`)).json.map((c: { body: string; parentId: string | null }) => [c.body, c.parentId]))
    .toEqual([['这个指标下周能到吗 @Bo', null], ['能到，周三确认', posted.json.id]]);
  // Escape closes the panel (walkthrough: on a phone it covered the page and only its button closed it); with the
  // @ suggestions open, the first Escape closes only them.
  const panel = b.getByRole('complementary', { name: 'Comments' });
  await panel.getByLabel('New comment').click();
  await b.keyboard.type('@B');
  await b.locator('.mention-list').waitFor();
  await b.keyboard.press('Escape');
  await expect.poll(() => b.locator('.mention-list').count()).toBe(0);
  expect(await panel.count()).toBe(1);
  await b.keyboard.press('Escape');
  await expect.poll(() => panel.count()).toBe(0);
});
