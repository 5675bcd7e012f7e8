// Walkthrough: the period summary's form opened before the space's reports had arrived kept this month and this
// year as its period, so a manager whose reports are from an earlier year was offered a summary of nothing.
import { expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, poll, seen } from '../helpers/reportPage.js';
import { readSample } from '../helpers/samples.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('the summary form follows the newest report once the reports arrive, until someone picks a period', async () => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = await spaceWith(ann, [], '支付研发');
  for (const name of ['2024-W12', '2024-W34']) {
    const r = await ann.call('POST', `/api/spaces/${spaceId}/import`, readSample(name), { 'content-type': 'text/markdown' });
    expect(r.status, r.text).toBe(201);
  }
  const { context, page } = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  // The space's list of reports is held back until the form is open (a slow network).
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  await page.route(new RegExp(`/api/spaces/${spaceId}/reports$`), async (route) => { await held; await route.continue(); });
  await page.goto(`/s/${spaceId}/dashboard`);
  await page.getByRole('button', { name: '生成总结' }).click();
  const month = page.getByLabel('月份');
  await seen(month);
  release();
  // 2024-W34 is in August 2024: the third quarter.
  await poll(() => month.inputValue()).toBe('2024-08');
  await page.getByLabel('时间段').selectOption({ label: '季度' });
  expect(await page.getByLabel('年份').inputValue()).toBe('2024');
  expect(await page.getByLabel('季度', { exact: true }).inputValue()).toBe('3');
  // A period picked by hand stays when the list is read again.
  await page.getByLabel('年份').selectOption('2026');
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await page.waitForTimeout(300);
  expect(await page.getByLabel('年份').inputValue()).toBe('2026');
  await context.close();
}, 120_000);
