// Walkthrough: a number field wrote at every keystroke. Typing 120 into a progress of 85 wrote 1, then 12 (both
// valid) for everyone before 120 was refused, and after Escape the item said 12%; someone typing 85 showed the
// others 8% first. Its errors were English in the Chinese app. A number is now written when it is finished (Enter,
// Tab, leaving the field), Escape gives the stored value back, and the errors come from the catalogue.
import { expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, openReport, poll, seedReport, seen } from '../helpers/reportPage.js';
import { okr } from '../search/docs.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('a number is written when it is finished, never half-typed; Escape keeps the stored one; errors in Chinese', async () => {
  const [ann, bo] = await signedUp(web.server.base, 'Ann', 'Bo');
  const spaceId = await spaceWith(ann, [[bo, 'editor']], '支付研发');
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;
  await seedReport(ann, reportId, [okr('k1', '物保三期进度85%', { progress: 85 })]);
  const a = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  const b = await browserAs(web.browser, web.server.base, bo, undefined, 'zh-CN');
  await Promise.all([openReport(a.page, reportId), openReport(b.page, reportId)]);
  const progressA = a.page.locator('[data-block-id="k1"]').getByLabel('进度', { exact: true });
  const progressB = b.page.locator('[data-block-id="k1"]').getByLabel('进度', { exact: true });
  await seen(progressA);
  await poll(() => progressB.inputValue()).toBe('85');

  // What B sees of A's progress while A types, sampled on every change.
  await b.page.evaluate(() => {
    const w = window as unknown as { seenValues: string[] };
    w.seenValues = [];
    const input = document.querySelector('[data-block-id="k1"] input.cb-progress-input') as HTMLInputElement;
    new MutationObserver(() => w.seenValues.push(input.value)).observe(input, { attributes: true });
    setInterval(() => { if (w.seenValues.at(-1) !== input.value) w.seenValues.push(input.value); }, 5);
  });

  await progressA.click();
  await a.page.keyboard.press('ControlOrMeta+A');
  await a.page.keyboard.type('120', { delay: 150 });
  await poll(() => a.page.locator('[data-block-id="k1"]').getByRole('alert').innerText()).toBe('不能大于 100');
  await a.page.waitForTimeout(1500);
  expect((await ann.call('GET', `/api/reports/${reportId}/items`)).json.okrs[0].progress).toBe(85);
  await a.page.keyboard.press('Escape');
  await poll(() => progressA.inputValue()).toBe('85');

  // A finished number: written on Tab, and B never saw the half-typed 9.
  await progressA.click();
  await a.page.keyboard.press('ControlOrMeta+A');
  await a.page.keyboard.type('90', { delay: 150 });
  await a.page.waitForTimeout(800);
  expect(await progressB.inputValue()).toBe('85');
  await a.page.keyboard.press('Tab');
  await poll(() => progressB.inputValue()).toBe('90');
  await poll(async () => (await ann.call('GET', `/api/reports/${reportId}/items`)).json.okrs[0].progress).toBe(90);
  const seenByB = await b.page.evaluate(() => (window as unknown as { seenValues: string[] }).seenValues);
  expect(seenByB.filter((v) => v !== '85' && v !== '90')).toEqual([]);

  // Not a number, in Chinese.
  await progressA.click();
  await a.page.keyboard.press('ControlOrMeta+A');
  await a.page.keyboard.type('九十');
  await poll(() => a.page.locator('[data-block-id="k1"]').getByRole('alert').innerText()).toBe('“九十”不是数字');
  await a.page.keyboard.press('Escape');
  await a.context.close();
  await b.context.close();
}, 180_000);
