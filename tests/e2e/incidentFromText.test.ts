// Walkthrough: an incident typed into the editor (`/` → 生产事件, then `8/28 10:05 收银台下单接口超时…`) kept its
// start and recovery empty — import reads them from the same words — so it fell out of the dashboard's dated views
// and the summary counted it as 0 minutes. The editor now offers what the text says, as it does for OKR items.
import path from 'node:path';
import { expect, it } from 'vitest';
import { resultsDir } from '../helpers/browser.js';
import { eventually, signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, openReport, poll, seen } from '../helpers/reportPage.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('an incident typed in the editor: start, recovery and review status offered from its text, set when accepted', async () => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = await spaceWith(ann, [], '支付研发');
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W35' })).json.id as string;
  const { context, page } = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  await openReport(page, reportId);
  await page.locator('.ProseMirror > p').last().click();
  await page.keyboard.type('/生产事件');
  await seen(page.getByRole('listbox'));
  await page.keyboard.press('Enter');
  await page.keyboard.type('8/28 10:05 收银台下单接口超时，影响约120笔交易，10:47 恢复【待复盘】');
  const inc = page.locator('.cb-incident');
  const offer = inc.locator('.cb-suggest');
  await poll(() => offer.innerText()).toContain('开始 8/28 10:05 · 恢复 10:47 · 待复盘');
  // Nothing is set until accepted: a suggestion is not a value.
  expect(await inc.getByLabel('开始').inputValue()).toBe('');
  await inc.screenshot({ path: path.join(resultsDir(), 'incident-offer.png') });
  await offer.click();
  await poll(() => inc.locator('.cb-incident-duration').innerText()).toBe('42 分钟');
  await poll(() => offer.count()).toBe(0);
  const items = await eventually(async () => {
    const got = (await ann.call('GET', `/api/reports/${reportId}/items`)).json?.incidents;
    return got?.[0]?.start ? got : null;
  }, 'incident indexed', 20_000, 100);
  expect(items[0]).toMatchObject({ start: '2024-08-28T10:05', end: '2024-08-28T10:47', durationMinutes: 42, status: 'review_pending' });
  // In the dashboard's dated range now.
  const d = (await ann.call('GET', `/api/spaces/${spaceId}/dashboard?from=2024-W35&to=2024-W35`)).json;
  expect(d.incidents.list.map((i: any) => i.start)).toEqual(['2024-08-28T10:05']);
  await context.close();
}, 120_000);
