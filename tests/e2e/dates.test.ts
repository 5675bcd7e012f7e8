// Dates in blocks are text fields (issue 11): they take what people type (`3/28`, `3月29日`, `0330`, `2024-04-02`,
// `3/21 15:43`, a time alone for the recovery), show the team's format (2024-03-28), never reset while typing, refuse
// junk with a reason instead of storing year 0020, and offer a calendar that helps without taking the keyboard.
// There is no native date input (`mm/dd/yyyy`) left.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { webApp } from '../helpers/webApp.js';
import { eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { browserAs, focused, openReport, p, poll, seedReport, seen } from '../helpers/reportPage.js';

const web = webApp();

const items = async (u: TestUser, reportId: string) => (await u.call('GET', `/api/reports/${reportId}/items`)).json;

/** Types into a field one key at a time and checks, after every key, that the field still shows what was typed. */
async function typeSlowly(page: Page, text: string) {
  let typed = '';
  for (const ch of text) {
    await page.keyboard.type(ch);
    typed += ch;
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(typed);
  }
}

it('go-live, incident and due dates are typed as the team writes them, shown as 2024-03-28, stored as ISO', async () => {
  const [ada] = await signedUp(web.server.base, 'Ada');
  const spaceId = await spaceWith(ada);
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;
  await seedReport(ada, reportId, [
    { type: 'okrItem', attrs: { blockId: 'okr1', project: '物保三期' }, content: [p('物保三期：联调中')] },
    { type: 'incident', attrs: { blockId: 'inc1' }, content: [p('入金通道异常')] },
    { type: 'risk', attrs: { blockId: 'risk1' }, content: [p('（高）工行联调排期未定')] },
  ]);
  const { context, page } = await browserAs(web.browser, web.server.base, ada);
  await openReport(page, reportId);
  const okr = page.locator('[data-block-id="okr1"]');
  await seen(okr);
  expect(await page.locator('input[type="date"], input[type="datetime-local"]').count()).toBe(0);
  const goLive = okr.getByLabel('Planned go-live');
  expect(await goLive.getAttribute('type')).toBe('text');

  // Typed key by key, the field keeps exactly what was typed (it used to reset after each digit); Enter stores it.
  await goLive.click();
  await typeSlowly(page, '3/28');
  await page.keyboard.press('Enter');
  await poll(() => goLive.inputValue()).toBe('2024-03-28');
  expect((await focused(page)).label).toBe('editor'); // back in the item's text
  await eventually(async () => (await items(ada, reportId)).okrs?.[0]?.due === '2024-03-28', 'due 3/28 indexed', 15_000, 100);

  // Other forms of the samples and of people's habits; Tab stores too.
  for (const [typed, shown] of [['3月29日', '2024-03-29'], ['0330', '2024-03-30'], ['2024-04-02', '2024-04-02'], ['４/１６', '2024-04-16']]) {
    await goLive.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(typed);
    await page.keyboard.press('Tab');
    await poll(() => goLive.inputValue()).toBe(shown);
  }
  await eventually(async () => (await items(ada, reportId)).okrs?.[0]?.due === '2024-04-16', 'due 4/16 indexed', 15_000, 100);

  // Junk is refused with a reason, kept in the field to correct, and nothing is stored (no year 0020).
  await goLive.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('mm/20/0026');
  await page.keyboard.press('Enter');
  await seen(okr.getByRole('alert'));
  expect(await okr.getByRole('alert').innerText()).toContain('not a date');
  expect(await goLive.inputValue()).toBe('mm/20/0026');
  expect((await focused(page)).label).toBe('Planned go-live'); // Enter does not leave a field that is wrong
  // Escape gives the text up: the stored date shows again.
  await page.keyboard.press('Escape');
  await poll(() => goLive.inputValue()).toBe('2024-04-16');
  expect((await items(ada, reportId)).okrs[0].due).toBe('2024-04-16');

  // The calendar helps: it opens on the stored month; a click on a day stores it.
  await okr.getByRole('button', { name: 'Choose on a calendar' }).click();
  const calendar = okr.getByRole('dialog', { name: 'Calendar' });
  await seen(calendar);
  expect(await calendar.locator('.cb-cal-title').innerText()).toBe('2024-04');
  await calendar.getByRole('gridcell', { name: '2024-04-12' }).click();
  await poll(() => goLive.inputValue()).toBe('2024-04-12');
  await poll(() => calendar.count()).toBe(0);
  // …and never traps: open, the field keeps the keyboard, typing goes on and Enter stores what was typed.
  await goLive.click();
  await okr.getByRole('button', { name: 'Choose on a calendar' }).click();
  await seen(calendar);
  expect((await focused(page)).label).toBe('Planned go-live');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('5/6');
  await page.keyboard.press('Enter');
  await poll(() => goLive.inputValue()).toBe('2024-05-06');
  await poll(() => calendar.count()).toBe(0);

  // Incident times: a date and a time, then the recovery as a time alone; the duration follows.
  const inc = page.locator('[data-block-id="inc1"]');
  await inc.getByLabel('Start').click();
  await page.keyboard.type('3/21');
  await page.keyboard.press('Enter');
  expect(await inc.getByRole('alert').innerText()).toContain('add the time');
  await page.keyboard.type(' 15:43');
  await page.keyboard.press('Enter');
  await poll(() => inc.getByLabel('Start').inputValue()).toBe('2024-03-21 15:43');
  await inc.getByLabel('Recovered').click();
  await page.keyboard.type('16:15');
  await page.keyboard.press('Enter');
  await poll(() => inc.getByLabel('Recovered').inputValue()).toBe('2024-03-21 16:15');
  await poll(() => inc.locator('.cb-incident-duration').innerText()).toBe('32 min');
  const incident = await eventually(async () => {
    const i = (await items(ada, reportId)).incidents?.[0];
    return i?.end ? i : null;
  }, 'incident times indexed', 15_000, 100);
  expect(incident).toMatchObject({ start: '2024-03-21T15:43', end: '2024-03-21T16:15', durationMinutes: 32 });

  // A risk's due date, in Chinese.
  const risk = page.locator('[data-block-id="risk1"]');
  await risk.getByLabel('Due').click();
  await page.keyboard.type('3月27日');
  await page.keyboard.press('Enter');
  await poll(() => risk.getByLabel('Due').inputValue()).toBe('2024-03-27');
  await eventually(async () => (await items(ada, reportId)).risks?.[0]?.due === '2024-03-27', 'risk due indexed', 15_000, 100);
  await context.close();
}, 240_000);
