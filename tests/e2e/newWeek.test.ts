// "New week" with this week's and next week's reports there made the week after next at once, without a word, and
// the dashboard's "this week" became that empty week (browser walkthrough). The button now names the week it makes,
// and a week past next week is made only when the person says so.
import { expect, it } from 'vitest';
import { addWeek, currentWeek } from '../../shared/week.js';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, poll, seen } from '../helpers/reportPage.js';
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
