// Walkthrough: on the dashboard of a range of weeks, a KPI whose latest value met its target was red because one
// earlier week had been below it, and a metric not reported in the range's last week showed an older week's value
// as if it were the latest. Red now follows the latest value (earlier weeks below target are the chip's to tell),
// and a value from an earlier week says which.
import { expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, poll, seedReport, seen } from '../helpers/reportPage.js';
import { kpis } from '../search/docs.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('a KPI meeting its target now is not red for an earlier week; an older value says its week', async () => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = await spaceWith(ann, [], '支付研发');
  const weeks = [
    { week: '2024-W10', rate: 99.2, count: 12345 },
    { week: '2024-W11', rate: 99.7, count: null },
  ];
  for (const w of weeks) {
    const id = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: w.week })).json.id as string;
    await seedReport(ann, id, [kpis(`t-${w.week}`, [
      { blockId: `r1-${w.week}`, name: '支付成功率', value: w.rate, unit: '%', target: 99.5 },
      { blockId: `r2-${w.week}`, name: '日均交易笔数', value: w.count, unit: '笔' },
    ])]);
    await poll(async () => (await ann.call('GET', `/api/reports/${id}/items`)).json?.kpis?.length ?? 0).toBe(2);
  }
  const a = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  await a.page.goto(`/s/${spaceId}/dashboard?from=2024-W10&to=2024-W11`);
  const rate = a.page.locator('.db-kpi-line', { hasText: '支付成功率' });
  await seen(rate);
  expect(await rate.getAttribute('class')).not.toContain('is-below');
  expect(await rate.locator('.db-status').innerText()).toMatch(/1/); // the week below target, told by its chip
  const count = a.page.locator('.db-kpi-line', { hasText: '日均交易笔数' });
  expect(await count.innerText()).toContain('截至 2024-W10');
  // A range without KPIs says so (the card was empty).
  await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W20' });
  await a.page.goto(`/s/${spaceId}/dashboard?from=2024-W20&to=2024-W20`);
  await poll(() => a.page.getByRole('region', { name: '指标与目标' }).innerText()).toContain('这些周没有指标。');
  await a.context.close();
}, 120_000);
