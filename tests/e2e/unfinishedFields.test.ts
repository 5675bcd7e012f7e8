// A number or a date is written when it is finished (Enter, leaving the field), and a reload or a closed tab took
// what was typed with it while the badge said 已保存 (browser walkthrough). Now the badge says 未保存 while a field
// holds typed text, and the page writes it when it is hidden or left (web/editor/blocks/fieldDrafts.ts).
import { expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, openReport, poll, seedReport } from '../helpers/reportPage.js';
import { okr } from '../search/docs.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('a progress and a go-live typed without Enter survive a reload, and the badge says 未保存 until then', async () => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = await spaceWith(ann, [], '支付研发');
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;
  await seedReport(ann, reportId, [okr('o1', '物保三期 联调', { progress: 10, due: '2024-03-28' })]);
  const a = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  await openReport(a.page, reportId);
  const block = a.page.locator('[data-block-id="o1"]');
  const badge = a.page.getByTestId('connection');
  const okrOf = async () => (await ann.call('GET', `/api/reports/${reportId}/items`)).json.okrs[0] as { progress: number | null; due: string | null };
  await poll(() => badge.getAttribute('data-saved')).toBe('yes');

  await block.getByLabel('进度', { exact: true }).click();
  await a.page.keyboard.press('ControlOrMeta+A');
  await a.page.keyboard.type('55');
  await poll(() => badge.innerText()).toContain('未保存');
  expect(await badge.getAttribute('data-saved')).toBe('no');
  await a.page.reload();
  await poll(() => block.getByLabel('进度', { exact: true }).inputValue()).toBe('55');
  await poll(() => okrOf().then((o) => o.progress)).toBe(55);

  await block.getByLabel('计划上线', { exact: true }).click();
  await a.page.keyboard.press('ControlOrMeta+A');
  await a.page.keyboard.type('4/30');
  await poll(() => badge.innerText()).toContain('未保存');
  await a.page.reload();
  await poll(() => block.getByLabel('计划上线', { exact: true }).inputValue()).toBe('2024-04-30');
  await poll(() => okrOf().then((o) => o.due)).toBe('2024-04-30');
  await poll(() => badge.getAttribute('data-saved')).toBe('yes');

  // The tab hidden with a date still open in its field: written, and the badge says so while the field stays open.
  await block.getByLabel('计划上线', { exact: true }).click();
  await a.page.keyboard.press('ControlOrMeta+A');
  await a.page.keyboard.type('5/6');
  await poll(() => badge.innerText()).toContain('未保存');
  await a.page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await poll(() => okrOf().then((o) => o.due)).toBe('2024-05-06');
  await poll(() => badge.getAttribute('data-saved')).toBe('yes');
  expect(await block.getByLabel('计划上线', { exact: true }).inputValue()).toBe('5/6');
  await a.page.keyboard.press('Enter');
  await poll(() => block.getByLabel('计划上线', { exact: true }).inputValue()).toBe('2024-05-06');

  // Text that is not a number stays as typed and is not written; the badge keeps saying so.
  await block.getByLabel('进度', { exact: true }).click();
  await a.page.keyboard.press('ControlOrMeta+A');
  await a.page.keyboard.type('abc');
  await poll(() => badge.innerText()).toContain('未保存');
  await a.page.keyboard.press('Escape');
  await poll(() => badge.getAttribute('data-saved')).toBe('yes');
  expect((await okrOf()).progress).toBe(55);
  await a.context.close();
}, 120_000);
