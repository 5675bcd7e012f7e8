// Walkthrough: a KPI target typed as `≥10000` was refused ("不是数字"), and a metric where lower is better could not
// say so: 平均响应时间 150ms against a target of 200 was red, "低于目标". A target now takes `≥`/`≤` (`>=`, `<=` too),
// shows it, and a `≤` target is a ceiling: over it is off target, under it is fine.
import { expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, openReport, poll, seedReport, seen } from '../helpers/reportPage.js';
import { kpis } from '../search/docs.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('a KPI target takes ≥ and ≤; a ≤ target marks only values over it', async () => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = await spaceWith(ann, [], '支付研发');
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;
  await seedReport(ann, reportId, [kpis('t', [
    { blockId: 'ms', name: '平均响应时间', value: 150, unit: 'ms' },
    { blockId: 'n', name: '日均交易笔数', value: 12000, unit: '笔' },
  ])]);
  const a = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  await openReport(a.page, reportId);
  const row = (id: string) => a.page.locator(`[data-block-id="${id}"]`);
  const target = (id: string) => row(id).getByLabel('目标', { exact: true });
  await seen(target('ms'));
  const items = async () => (await ann.call('GET', `/api/reports/${reportId}/items`)).json.kpis as { name: string; target: number | null; targetOp?: string }[];

  // `≥10000`: taken, no error, stored with its comparison.
  await target('n').click();
  await a.page.keyboard.type('≥10000');
  await a.page.keyboard.press('Enter');
  expect(await row('n').getByRole('alert').count()).toBe(0);
  await poll(async () => (await items())[1]).toMatchObject({ target: 10000, targetOp: '≥' });
  await poll(() => target('n').inputValue()).toBe('≥10000');

  // `<=200` on the response time: 150ms is under the ceiling, so the row is not red.
  await target('ms').click();
  await a.page.keyboard.type('<=200');
  await a.page.keyboard.press('Enter');
  await poll(async () => (await items())[0]).toMatchObject({ target: 200, targetOp: '≤' });
  await poll(() => target('ms').inputValue()).toBe('≤200');
  expect(await row('ms').getAttribute('class')).not.toContain('is-below');

  // 250ms is over it: red, and the badge says it missed the target.
  const value = row('ms').getByLabel('数值', { exact: true });
  await value.click();
  await a.page.keyboard.press('ControlOrMeta+A');
  await a.page.keyboard.type('250');
  await a.page.keyboard.press('Enter');
  await poll(() => row('ms').getAttribute('class')).toContain('is-below');
  expect(await row('ms').locator('.cb-below-badge').innerText()).toBe('未达标');

  // Taking the sign away makes it "at least" again: 250 is over 200, fine.
  await target('ms').click();
  await a.page.keyboard.press('ControlOrMeta+A');
  await a.page.keyboard.type('200');
  await a.page.keyboard.press('Enter');
  await poll(async () => (await items())[0].targetOp ?? null).toBe(null);
  await poll(() => row('ms').getAttribute('class')).not.toContain('is-below');
  await a.context.close();
}, 180_000);
