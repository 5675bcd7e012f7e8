// "New week" with this week's and next week's reports there made the week after next at once, without a word, and
// the dashboard's "this week" became that empty week (browser walkthrough). The button now names the week it makes,
// and a week past next week is made only when the person says so.
import { expect, it } from 'vitest';
import { addWeek, currentWeek } from '../../shared/week.js';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, openReport, poll, seen } from '../helpers/reportPage.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('New week names its week, and asks before making one past next week', async () => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = await spaceWith(ann, [], '支付研发');
  const thisWeek = currentWeek();
  const weeks = async () => ((await ann.call('GET', `/api/spaces/${spaceId}/reports`)).json as { week: string }[]).map((r) => r.week);
  const { context, page } = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  await page.goto(`/s/${spaceId}`);
  const button = page.locator('button.new-week');
  await poll(() => button.innerText()).toContain(thisWeek);

  // This week: made at once.
  await button.click();
  await poll(weeks).toEqual([thisWeek]);
  await poll(() => button.innerText()).toContain(addWeek(thisWeek, 1));
  // Next week: made at once too.
  await button.click();
  await poll(weeks).toEqual([addWeek(thisWeek, 1), thisWeek]);

  // The week after next: asked first; "cancel" makes nothing, "OK" makes it.
  const asked: string[] = [];
  page.once('dialog', (d) => { asked.push(d.message()); void d.dismiss(); });
  await button.click();
  await poll(async () => asked.length).toBe(1);
  expect(asked[0]).toContain(addWeek(thisWeek, 2));
  await page.waitForTimeout(500);
  expect(await weeks()).toEqual([addWeek(thisWeek, 1), thisWeek]);
  page.once('dialog', (d) => void d.accept());
  await button.click();
  await poll(weeks).toEqual([addWeek(thisWeek, 2), addWeek(thisWeek, 1), thisWeek]);
  await seen(page.locator('.ProseMirror'));
  await context.close();
}, 120_000);

// A page left open while a colleague started next week still showed "Start next week"; its click answered with a red
// "the space already has this week" (browser walkthrough). It now opens the colleague's week.
it('"Start next week" on a page that missed a colleague starting it opens that week', async () => {
  const [ann, bob] = await signedUp(web.server.base, 'Ann', 'Bob');
  const spaceId = await spaceWith(ann, [[bob, 'editor']], '支付研发');
  const week = '2025-W10';
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week })).json.id as string;
  const { context, page } = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  // The page hears nothing live, as one whose event stream was down when the colleague clicked.
  await page.route('**/api/notifications/events**', (r) => r.abort());
  await openReport(page, reportId);
  const button = page.locator('button.next-week-btn');
  await seen(button);
  const next = await bob.call('POST', `/api/reports/${reportId}/next`);
  expect(next.status).toBe(201);
  await button.click();
  await page.waitForURL(`**/r/${next.json.id}`);
  expect(await page.locator('.toast-error').count()).toBe(0);
  await context.close();
}, 120_000);
