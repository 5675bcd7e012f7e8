// Presence in fields (issue 11), two people in two browser profiles: while one edits a field of a block the other
// sees their name and colour on it; a change that lands in the field you are editing is shown (who, old → new) and
// you keep yours or take theirs, instead of one value silently winning; a restore tells everyone who restored
// which version.
import { format } from 'date-fns';
import { expect, it } from 'vitest';
import { userColor } from '../../web/lib/userColor.js';
import { webApp } from '../helpers/webApp.js';
import { eventually, signedUp, spaceWith } from '../helpers/client.js';
import { text } from '../helpers/i18n.js';
import { browserAs, openReport, p, poll, seedReport, seen } from '../helpers/reportPage.js';
import { awarenessFrame, rawSocket } from '../helpers/rawSocket.js';

const web = webApp();

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

it('A sees B in a field; a change landing while A edits it is shown with who, old and new; a restore is announced to everyone', async () => {
  const [ada, bo] = await signedUp(web.server.base, 'Ada', 'Bo');
  const spaceId = await spaceWith(ada, [[bo, 'editor']]);
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;
  await seedReport(ada, reportId, [
    { type: 'okrItem', attrs: { blockId: 'okr1', project: '物保三期', progress: 40 }, content: [p('物保三期：联调中')] },
    p('正文'),
  ]);
  const a = await browserAs(web.browser, web.server.base, ada);
  const b = await browserAs(web.browser, web.server.base, bo);
  for (const x of [a.page, b.page]) await openReport(x, reportId);
  const okrA = a.page.locator('[data-block-id="okr1"]');
  const okrB = b.page.locator('[data-block-id="okr1"]');
  const progressA = okrA.getByLabel('Progress', { exact: true });
  const progressB = okrB.getByLabel('Progress', { exact: true });
  await seen(okrB);

  // B goes into the progress field: A sees B's name on that field, in B's colour; when B leaves, it goes.
  await progressB.click();
  await poll(() => progressA.getAttribute('data-peers')).toBe('Bo');
  const tag = okrA.locator('.cb-peer-tag', { hasText: 'Bo' });
  await seen(tag);
  expect(await tag.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(userColor(bo.id)));
  expect(await okrA.getByLabel('Planned go-live').getAttribute('data-peers')).toBeNull(); // only that field
  await b.page.keyboard.press('Escape');
  await poll(() => progressA.getAttribute('data-peers')).toBeNull();
  expect(await okrA.locator('.cb-peer-tag').count()).toBe(0);

  // A is in the progress field (40) when B sets it to 45 (a number is stored when finished: Enter): A is told who
  // changed it from what to what, and may put 40 back.
  await progressA.click();
  await poll(() => progressB.getAttribute('data-peers')).toBe('Ada');
  await progressB.click();
  await b.page.keyboard.press('ControlOrMeta+A');
  await b.page.keyboard.type('45');
  await b.page.keyboard.press('Enter');
  const noticeA = okrA.locator('.cb-change');
  await seen(noticeA);
  expect(await noticeA.getAttribute('role')).toBe('status');
  expect(await noticeA.innerText()).toMatch(/Bo changed this: 40 → 45/);
  expect(await progressA.inputValue()).toBe('45'); // A had typed nothing: the field shows what is stored now
  await noticeA.getByRole('button', { name: 'Keep mine' }).click();
  await poll(() => progressA.inputValue()).toBe('40');
  await poll(() => progressB.inputValue()).toBe('40');
  // B is typing 47 (not stored yet) when A stores 42: B is told (nothing changes silently), with his own, and takes Ada's.
  await progressB.click();
  await b.page.keyboard.press('ControlOrMeta+A');
  await b.page.keyboard.type('47');
  await progressA.click();
  await a.page.keyboard.press('ControlOrMeta+A');
  await a.page.keyboard.type('42');
  await a.page.keyboard.press('Enter');
  const noticeB = okrB.locator('.cb-change');
  await seen(noticeB);
  expect(await noticeB.innerText()).toMatch(/Ada changed this: 40 → 42 \(yours: 47\)/);
  expect(await progressB.inputValue()).toBe('47');
  await noticeB.getByRole('button', { name: 'Use theirs' }).click();
  await poll(() => progressB.inputValue()).toBe('42');
  await poll(() => noticeB.count()).toBe(0);
  await eventually(async () => (await ada.call('GET', `/api/reports/${reportId}/items`)).json?.okrs?.[0]?.progress === 42, 'progress 42 indexed', 15_000, 100);
  await b.page.keyboard.press('Escape');
  await a.page.keyboard.press('Escape');

  // A is typing a go-live date (not stored yet) when B stores another: A sees both and picks; nothing is lost.
  const dueA = okrA.getByLabel('Planned go-live');
  const dueB = okrB.getByLabel('Planned go-live');
  await dueA.click();
  await a.page.keyboard.type('3/28');
  await poll(() => dueB.getAttribute('data-peers')).toBe('Ada');
  await dueB.click();
  // A's page knows Bo is in the field before he stores (CI: Enter came before his presence did, and the notice said
  // "Someone": his presence in the field was replaced by "in no field" before it was sent).
  await poll(() => dueA.getAttribute('data-peers')).toBe('Bo');
  await b.page.keyboard.type('4/2');
  await b.page.keyboard.press('Enter');
  await seen(noticeA);
  expect(await noticeA.innerText()).toMatch(/Bo changed this: \(empty\) → 2024-04-02 \(yours: 3\/28\)/);
  expect(await dueA.inputValue()).toBe('3/28'); // what A typed is still there
  await noticeA.getByRole('button', { name: 'Use theirs' }).click();
  await poll(() => dueA.inputValue()).toBe('2024-04-02');
  await poll(() => noticeA.count()).toBe(0);
  await a.page.keyboard.press('Escape');

  // A restore is announced to everyone with the report open: who restored which version.
  const saved = await ada.call('POST', `/api/reports/${reportId}/history`);
  expect(saved.status).toBe(201);
  const version = (await ada.call('GET', `/api/reports/${reportId}/history`)).json.find((s: { id: string }) => s.id === saved.json.id);
  await b.page.locator('.ProseMirror > p', { hasText: '正文' }).click();
  await b.page.keyboard.press('End');
  await b.page.keyboard.type('，B之后写的');
  await poll(() => a.page.locator('.ProseMirror').innerText()).toContain('B之后写的');
  expect((await ada.call('POST', `/api/reports/${reportId}/history/${saved.json.id}/restore`)).status).toBe(200);
  const noticeOfB = b.page.getByTestId('restore-notice');
  await seen(noticeOfB);
  const time = format(new Date(version.createdAt), text('en', 'format.dateTime')); // the version, as the app writes times
  expect(await noticeOfB.innerText()).toContain(`Ada restored the version of ${time}`);
  expect(await noticeOfB.getAttribute('role')).toBe('status');
  await seen(a.page.getByTestId('restore-notice'));
  expect(await a.page.getByTestId('restore-notice').innerText()).toContain('You restored the version of');
  await poll(() => b.page.locator('.ProseMirror').innerText()).not.toContain('B之后写的');
  await noticeOfB.getByRole('button', { name: 'Dismiss' }).click();
  await poll(() => noticeOfB.count()).toBe(0);
  await a.context.close();
  await b.context.close();
}, 240_000);

it('two people in different interface languages still meet in the same field', async () => {
  const [ann, bai] = await signedUp(web.server.base, 'Ann', 'Bai');
  const spaceId = await spaceWith(ann, [[bai, 'editor']]);
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W13' })).json.id as string;
  await seedReport(ann, reportId, [{ type: 'okrItem', attrs: { blockId: 'okr1', project: '物保三期', progress: 40 }, content: [p('物保三期：联调中')] }]);
  const a = await browserAs(web.browser, web.server.base, ann); // English
  const b = await browserAs(web.browser, web.server.base, bai, undefined, 'zh-CN'); // Chinese
  for (const x of [a.page, b.page]) await openReport(x, reportId);
  const progressA = a.page.locator('[data-block-id="okr1"]').getByLabel('Progress', { exact: true });
  const progressB = b.page.locator('[data-block-id="okr1"]').getByLabel('进度', { exact: true });
  await seen(progressB);
  await progressB.click();
  await poll(() => progressA.getAttribute('data-peers')).toBe('Bai');
  await a.context.close();
  await b.context.close();
});

it("a viewer's presence that is not a person's cannot blank the owner's open report (probe: one frame did)", async () => {
  const [owner, viewer] = await signedUp(web.server.base, 'Owner', 'Viewer');
  const spaceId = await spaceWith(owner, [[viewer, 'viewer']]);
  const reportId = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W13' })).json.id as string;
  await seedReport(owner, reportId, [p('本周正文')]);
  const o = await browserAs(web.browser, web.server.base, owner);
  const errors: string[] = [];
  o.page.on('pageerror', (e) => errors.push(e.message));
  await openReport(o.page, reportId);
  for (const [i, state] of [{ user: { name: { evil: 1 }, color: '#f00' } }, { user: { name: 'X' }, cursor: { anchor: 'garbage', head: 'junk' } }].entries()) {
    const raw = await rawSocket(viewer, reportId);
    raw.send(awarenessFrame([{ clientID: 987_650 + i, clock: 1, state: JSON.stringify(state) }]));
    expect(await raw.closed).toBe(4400);
  }
  // A well-formed presence from the same viewer shows; the page stayed whole and quiet throughout.
  const ok = await rawSocket(viewer, reportId);
  ok.send(awarenessFrame([{ clientID: 987_700, clock: 1, state: JSON.stringify({ user: { id: viewer.id, name: 'Viewer', color: '#30a46c' } }) }]));
  await poll(() => o.page.getByTestId('presence').getAttribute('aria-label')).toContain('Viewer');
  expect(await o.page.locator('.ProseMirror').innerText()).toContain('本周正文');
  expect(errors).toEqual([]);
  ok.close();
  await o.context.close();
});

// Walkthrough: two people in one KPI value. A had typed 12.3 (not yet committed with Enter) when B typed 45.6 and
// pressed Enter; A's notice was squeezed into the 80 px column inside the table's scrolling frame and cut off, and
// A's Enter then showed B's 45.6 — A's 12.3 was gone without A ever choosing.
it('in a KPI cell, the notice of a change is seen whole, and Enter keeps what you typed', async () => {
  const [ada, bo] = await signedUp(web.server.base, 'Ada', 'Bo');
  const spaceId = await spaceWith(ada, [[bo, 'editor']]);
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W15' })).json.id as string;
  await seedReport(ada, reportId, [
    { type: 'kpiTable', attrs: { blockId: 'kt', title: '系统运行数据' }, content: [
      { type: 'kpiRow', attrs: { blockId: 'r1', name: '日均交易笔数', value: 10, unit: '笔' } },
    ] },
    p('正文'),
  ]);
  const a = await browserAs(web.browser, web.server.base, ada, { width: 1280, height: 900 }, 'zh-CN');
  const b = await browserAs(web.browser, web.server.base, bo, { width: 1280, height: 900 }, 'zh-CN');
  for (const x of [a.page, b.page]) await openReport(x, reportId);
  const valueA = a.page.locator('[data-block-id="r1"]').getByLabel('数值');
  const valueB = b.page.locator('[data-block-id="r1"]').getByLabel('数值');
  await seen(valueB);
  await valueA.click();
  await a.page.keyboard.press('ControlOrMeta+A');
  await a.page.keyboard.type('12.3');
  await valueB.click();
  await b.page.keyboard.press('ControlOrMeta+A');
  await b.page.keyboard.type('45.6');
  await b.page.keyboard.press('Enter');
  const notice = a.page.locator('[data-block-id="kt"] .cb-change');
  await seen(notice);
  // Seen whole: on screen, as wide as its text needs, and what is at its middle is the notice itself.
  const seenWhole = await notice.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return r.width > 150 && r.right <= window.innerWidth && !!top && el.contains(top);
  });
  expect(seenWhole).toBe(true);
  expect(await valueA.inputValue()).toBe('12.3');
  await a.page.keyboard.press('Enter');
  await poll(() => valueB.inputValue()).toBe('12.3');
  await eventually(async () => (await ada.call('GET', `/api/reports/${reportId}/items`)).json?.kpis?.[0]?.value === 12.3, 'A\'s 12.3 stored', 15_000, 100);
  await a.context.close();
  await b.context.close();
}, 120_000);
