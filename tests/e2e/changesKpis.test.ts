// Walkthrough: the report's "changes since last report" listed a metric not filled in yet this week as a change
// (`日均交易笔数: 12345笔 → —`), and wrote its lines with half-width punctuation in the Chinese app
// (`支付成功率: 99.2% → 99.7% (目标 99.5%)`). An unfilled metric is now said to be unfilled, and the punctuation
// comes from the catalogue. A week of metrics only had no details at all (its KPI changes were never shown).
import { expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, openReport, poll, seedReport, seen } from '../helpers/reportPage.js';
import { kpis, okr } from '../search/docs.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('the changes card says which metrics are not filled in this week, and writes KPI lines in Chinese punctuation', async () => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = await spaceWith(ann, [], '支付研发');
  const ids: string[] = [];
  for (const w of [{ week: '2024-W10', rate: 99.2, count: 12345 }, { week: '2024-W11', rate: 99.7, count: null }]) {
    const id = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: w.week })).json.id as string;
    await seedReport(ann, id, [kpis(`t-${w.week}`, [
      { blockId: `r1-${w.week}`, name: '支付成功率', value: w.rate, unit: '%', target: 99.5 },
      { blockId: `r2-${w.week}`, name: '日均交易笔数', value: w.count, unit: '笔' },
    ])]);
    await poll(async () => (await ann.call('GET', `/api/reports/${id}/items`)).json?.kpis?.length ?? 0).toBe(2);
    ids.push(id);
  }
  const a = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  await openReport(a.page, ids[1]);
  const details = a.page.getByRole('button', { name: '明细' });
  await seen(details);
  await details.click();
  const lines = a.page.getByRole('list', { name: '指标变化' }).locator('li');
  await poll(() => lines.allInnerTexts()).toEqual(['支付成功率：99.2% → 99.7%（目标 99.5%）']);
  expect(await a.page.locator('.rh-unfilled').innerText()).toBe('本周未填写：日均交易笔数');
  await a.context.close();
}, 120_000);

it('a week with only its metrics filled in is not called empty when last week had OKR items', async () => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = await spaceWith(ann, [], '支付研发');
  const ids: string[] = [];
  for (const [week, content] of [
    ['2024-W10', [okr('o-10', '物保三期：进度50%'), kpis('t-10', [{ blockId: 'r-10', name: '支付成功率', value: 99.2, unit: '%' }])]],
    ['2024-W11', [kpis('t-11', [{ blockId: 'r-11', name: '支付成功率', value: 99.7, unit: '%' }])]],
  ] as const) {
    const id = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week })).json.id as string;
    await seedReport(ann, id, [...content]);
    await poll(async () => (await ann.call('GET', `/api/reports/${id}/items`)).json?.kpis?.length ?? 0).toBe(1);
    ids.push(id);
  }
  const a = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  await openReport(a.page, ids[1]);
  const counts = a.page.getByTestId('rhythm-counts');
  await seen(counts);
  await poll(() => counts.innerText()).not.toContain('还没有条目');
  await a.page.getByRole('button', { name: '明细' }).click();
  await poll(() => a.page.getByRole('list', { name: '指标变化' }).locator('li').allInnerTexts()).toEqual(['支付成功率：99.2% → 99.7%']);
  await a.context.close();
}, 120_000);
