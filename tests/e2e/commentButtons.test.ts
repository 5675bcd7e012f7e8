// Starting a comment without hunting for it (issue 11): a button on the block under the mouse (KPI rows included),
// a button over selected text, and Ctrl+Alt+M; each opens the composer focused, on that block or text. A viewer,
// who may not comment, gets none of them.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { webApp } from '../helpers/webApp.js';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, caretAtEnd, focused, openReport, p, poll, seedReport, seen } from '../helpers/reportPage.js';

const web = webApp();

const target = (page: Page) => page.locator('.composer-target').innerText();
async function send(page: Page, body: string) {
  expect((await focused(page)).label).toBe('New comment'); // the box has the keyboard
  await page.keyboard.type(body);
  await page.keyboard.press('ControlOrMeta+Enter');
  await seen(page.locator('.thread', { hasText: body }));
}

it('a comment button on the hovered block and on selected text, and Ctrl+Alt+M, open the composer on that block or text', async () => {
  const [ada, cy] = await signedUp(web.server.base, 'Ada', 'Cy');
  const spaceId = await spaceWith(ada, [[cy, 'viewer']]);
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;
  await seedReport(ada, reportId, [
    { type: 'okrItem', attrs: { blockId: 'okr1', project: '物保三期' }, content: [p('物保三期：联调中')] },
    { type: 'kpiTable', attrs: { blockId: 'kpi1', title: '系统运行数据' }, content: [{ type: 'kpiRow', attrs: { blockId: 'r1', name: '入金成功率', value: 99.9, unit: '%' } }] },
    p('正文 需要讨论的一句话'),
  ]);
  const { context, page } = await browserAs(web.browser, web.server.base, ada);
  await openReport(page, reportId);
  const okr = page.locator('[data-block-id="okr1"]');
  await seen(okr);

  // Hovering a block shows its comment button; clicking it opens the composer on that block, ready to type.
  await okr.locator('.cb-okr-text').hover();
  const onBlock = page.locator('.comment-on-block');
  await seen(onBlock);
  expect(await onBlock.getAttribute('data-block')).toBe('okr1');
  await onBlock.click();
  await poll(() => target(page)).toContain('物保三期');
  await send(page, '这个块的评论');
  expect(await page.locator('.thread', { hasText: '这个块的评论' }).locator('.thread-target').innerText()).toContain('物保三期');

  // A KPI row has its own.
  await page.locator('[data-block-id="r1"]').hover();
  await poll(() => onBlock.getAttribute('data-block')).toBe('r1');
  await onBlock.click();
  await poll(() => target(page)).toContain('入金成功率');
  await send(page, '这个指标的评论');

  // Selecting text shows a Comment button over it; the comment hangs on exactly that text.
  const line = page.locator('.ProseMirror > p', { hasText: '需要讨论' });
  await caretAtEnd(page, line);
  for (let i = 0; i < '需要讨论的一句话'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  const onSelection = page.locator('.comment-on-selection');
  await seen(onSelection);
  await onSelection.click();
  await poll(() => target(page)).toContain('需要讨论的一句话');
  await send(page, '这句话的评论');
  await seen(page.locator('.comment-range', { hasText: '需要讨论的一句话' }));

  // Ctrl+Alt+M from the text of a block: the composer, focused, on that block.
  await page.getByRole('button', { name: 'Close comments' }).click();
  await caretAtEnd(page, okr.locator('.cb-okr-text p'));
  await page.keyboard.press('Control+Alt+m');
  await seen(page.locator('.comments-panel'));
  await poll(() => target(page)).toContain('物保三期');
  await send(page, '快捷键的评论');
  const list = (await ada.call('GET', `/api/reports/${reportId}/comments`)).json as { body: string; blockId: string | null; anchor: unknown }[];
  const byBody = Object.fromEntries(list.map((c) => [c.body, c]));
  expect(byBody['这个块的评论'].blockId).toBe('okr1');
  expect(byBody['这个指标的评论'].blockId).toBe('r1');
  expect(byBody['这句话的评论'].anchor).toBeTruthy();
  expect(byBody['快捷键的评论'].blockId).toBe('okr1');
  await context.close();

  // A viewer may not comment: no buttons.
  const viewer = await browserAs(web.browser, web.server.base, cy);
  await openReport(viewer.page, reportId);
  await viewer.page.locator('[data-block-id="okr1"] .cb-okr-text').hover();
  await viewer.page.waitForTimeout(300);
  expect(await viewer.page.locator('.comment-float').count()).toBe(0);
  await viewer.context.close();
}, 240_000);
