// `@` after Chinese text (issue 11): in the comment box and in the report, `@` suggests members after a space, CJK
// text (`好的@`) or full-width punctuation (`请确认，@`), never inside a Latin word or an address (`bob@example`); the
// picked name is a real mention, and the person mentioned is told.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { webApp } from '../helpers/webApp.js';
import { eventually, signedUp, spaceWith, TestUser } from '../helpers/client.js';
import { browserAs, caretAtEnd, openReport, p, poll, seedReport, seen } from '../helpers/reportPage.js';

const web = webApp();

const notifications = async (u: TestUser) => (await u.call('GET', '/api/notifications')).json?.items ?? [];

it('@ after CJK text and full-width punctuation suggests members in the comment box and in the report; not after a Latin word', async () => {
  const [ada] = await signedUp(web.server.base, 'Ada');
  const li = new TestUser(web.server.base, '李四');
  li.email = `li-${process.pid}-${Date.now()}@example.com`;
  await li.signUp();
  const spaceId = await spaceWith(ada, [[li, 'editor']]);
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;
  await seedReport(ada, reportId, [
    { type: 'okrItem', attrs: { blockId: 'okr1', project: '物保三期' }, content: [p('物保三期：联调中')] },
    p('正文'),
  ]);
  const { context, page } = await browserAs(web.browser, web.server.base, ada);
  await openReport(page, reportId);
  const okr = page.locator('[data-block-id="okr1"]');
  await seen(okr);

  // The comment box: on the OKR item, `好的@` opens the member list at once, `李` narrows it, Enter picks.
  await page.getByRole('button', { name: 'Comments' }).click();
  await caretAtEnd(page, okr.locator('.cb-okr-text p'));
  await poll(() => page.locator('.composer-target').innerText()).toContain('物保三期');
  const box = page.getByLabel('New comment');
  const list = (pg: Page) => pg.locator('.comments-panel').getByRole('listbox', { name: /Mention/ });
  await box.click();
  await page.keyboard.type('好的@');
  await seen(list(page));
  await page.keyboard.type('李');
  await poll(() => list(page).getByRole('option').allInnerTexts()).toEqual([expect.stringContaining('@李四')]);
  await page.keyboard.press('Enter');
  await poll(() => box.inputValue()).toBe('好的@李四 ');
  // Full-width punctuation before it works the same; a Latin word or an address before it suggests nothing.
  await page.keyboard.type('请确认，@');
  await seen(list(page));
  await page.keyboard.press('Backspace');
  await page.keyboard.type('mail bob@');
  await page.waitForTimeout(300);
  expect(await list(page).count()).toBe(0);
  await box.fill('好的@李四 请确认，@');
  await box.press('End');
  await page.keyboard.type('李');
  await page.keyboard.press('Tab');
  await poll(() => box.inputValue()).toBe('好的@李四 请确认，@李四 ');
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  const thread = page.locator('.thread', { hasText: '请确认' });
  await seen(thread);
  await poll(() => thread.locator('.mention').allInnerTexts()).toEqual(['@李四', '@李四']);
  const told = await eventually(async () => (await notifications(li)).find((n: { kind: string }) => n.kind === 'mention'), '李四 told of the comment', 15_000, 100);
  expect(told.excerpt).toContain('好的@李四');

  // The report: `好的@` after Chinese text opens the menu; the pick is a mention node, and 李四 is told.
  const popup = page.locator('.mention-popup');
  await caretAtEnd(page, page.locator('.ProseMirror > p', { hasText: '正文' }));
  await page.keyboard.type('，好的@');
  await seen(popup);
  await page.keyboard.type('李');
  await poll(() => popup.getByRole('option').allInnerTexts()).toEqual(['@李四']);
  await page.keyboard.press('Enter');
  await seen(page.locator('.ProseMirror > p .mention', { hasText: '@李四' }));
  await page.keyboard.type('请确认，@李');
  await poll(() => popup.getByRole('option').allInnerTexts()).toEqual(['@李四']);
  await page.keyboard.press('Escape');
  // …and not after a Latin word: an address stays text.
  await page.keyboard.type(' mail bob@');
  await page.waitForTimeout(300);
  expect(await popup.isVisible()).toBe(false);
  await eventually(async () => (await notifications(li)).some((n: { kind: string }) => n.kind === 'doc_mention'), '李四 told of the report mention', 15_000, 100);
  // A second mention of 李四 typed later in the same report is told too (it went untold: one per person and report).
  await page.keyboard.type('。周四再问@李');
  await poll(() => popup.getByRole('option').allInnerTexts()).toEqual(['@李四']);
  await page.keyboard.press('Enter');
  const both = await eventually(async () => {
    const l = (await notifications(li)).filter((n: { kind: string }) => n.kind === 'doc_mention');
    return l.length === 2 ? l : null;
  }, '李四 told of the second report mention', 15_000, 100);
  expect(both!.map((n: { excerpt: string }) => n.excerpt).join(' | ')).toContain('周四再问@李四');
  await context.close();
}, 240_000);
