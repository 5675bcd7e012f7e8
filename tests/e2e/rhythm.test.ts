// Issue 15 in the browser: the weekly rhythm on a report and on the dashboard. Owners picked in the editor; the
// update status before and after an owner edits (two people, live); a reminder that the other person sees in
// their inbox; the changes card and the highlight toggle on a week made with "Start next week" after a progress
// change; the stuck flag; the dashboard's stuck list, summary → save → open the document; English and Chinese.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { DocNode } from '../../shared/blocks/types.js';
import { webApp } from '../helpers/webApp.js';
import { startTestServer } from '../helpers/server.js';
import { eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { browserAs, focused, openReport, p, poll, seedReport, seen } from '../helpers/reportPage.js';
import { readSample } from '../helpers/samples.js';

const web = webApp();

const okr = (blockId: string, project: string, progress: number, owners: string[], extra: Record<string, unknown> = {}): DocNode => ({
  type: 'okrItem',
  attrs: { blockId, project, progress, owners: owners.join(',') || null, owner: owners[0] ?? null, status: 'on_track', ...extra },
  content: [p(`${project}：推进中`)],
});

/** A report of `week` with `content`, written through Yjs as a client would; its id. */
async function reportWith(user: TestUser, spaceId: string, week: string, content: DocNode[]) {
  const r = await user.call('POST', `/api/spaces/${spaceId}/reports`, { week });
  expect(r.status, r.text).toBe(201);
  await seedReport(user, r.json.id, content);
  // indexed before "Start next week" reads it
  await eventually(async () => ((await user.call('GET', `/api/reports/${r.json.id}/items`)).json?.okrs?.length ?? 0) > 0, 'seeded report indexed', 20_000, 100);
  return r.json.id as string;
}

async function nextWeek(user: TestUser, reportId: string) {
  const r = await user.call('POST', `/api/reports/${reportId}/next`);
  expect(r.status, r.text).toBe(201);
  return r.json.id as string;
}

const statusCount = (page: Page) => page.getByTestId('rhythm-status-count').innerText();
const ownerRow = (page: Page, userId: string) => page.locator(`.rh-owner[data-user-id="${userId}"]`);

it('status before and after an owner edits, live for the other person; a reminder reaches the owner; changes and highlight after "Start next week"; both languages', async () => {
  const [ada, bo, cy] = await signedUp(web.server.base, 'Ada', 'Bo', 'Cy');
  const spaceId = await spaceWith(ada, [[bo, 'editor'], [cy, 'viewer']]);
  const w11 = await reportWith(ada, spaceId, '2024-W11', [
    { type: 'keyProject', attrs: { blockId: 'kp1', project: '贝易转', owners: ada.id }, content: [p('立项完成')] },
    { type: 'objective', attrs: { blockId: 'ob1', code: 'O1', title: '业务服务' } },
    okr('okrA', '物保三期', 40, [bo.id], { due: '2024-03-28' }),
    okr('okrB', '聚合支付', 10, [ada.id]),
  ]);
  const a = await browserAs(web.browser, web.server.base, ada);
  const b = await browserAs(web.browser, web.server.base, bo);
  // W11 is the space's first report: nothing to compare with.
  await openReport(a.page, w11);
  await poll(() => a.page.getByTestId('rhythm-changes').innerText()).toContain("This is the space's first report");
  // "Start next week" in the browser: W12 carries the items (values carried do not count as updates) and opens.
  await a.page.getByRole('button', { name: 'Start next week' }).click();
  await a.page.waitForURL((u) => u.pathname.startsWith('/r/') && !u.pathname.endsWith(w11));
  const w12 = new URL(a.page.url()).pathname.split('/').pop()!;
  expect((await ada.call('GET', `/api/reports/${w12}`)).json.week).toBe('2024-W12');
  await seen(a.page.locator('.ProseMirror'));
  await openReport(b.page, w12);

  // Before anyone edits: 0 of 2 owners have updated, each owner with their item, not updated.
  const panelA = a.page.getByTestId('rhythm-status');
  await seen(panelA);
  await poll(() => statusCount(a.page)).toBe('0 of 2 owners have updated');
  expect(await panelA.innerText()).toContain('deadline passed'); // 2024-W12's Friday 17:00 in Shanghai is long gone
  await poll(() => ownerRow(a.page, bo.id).innerText()).toContain('物保三期');
  expect(await ownerRow(a.page, bo.id).getAttribute('class')).toContain('is-behind');
  expect(await ownerRow(a.page, bo.id).innerText()).toContain('Not updated');

  // Ada reminds Bo: the answer says whom; Bo's row says reminded today and his button is off; a second try is skipped.
  await ownerRow(a.page, bo.id).getByRole('button', { name: 'Remind Bo' }).click();
  await poll(() => panelA.getByRole('status').innerText()).toBe('Reminded: Bo.');
  await poll(() => ownerRow(a.page, bo.id).innerText()).toContain('Reminded today');
  expect(await ownerRow(a.page, bo.id).getByRole('button', { name: 'Remind Bo' }).isDisabled()).toBe(true);
  const again = await ada.call('POST', `/api/reports/${w12}/remind`, { userIds: [bo.id] });
  expect(again.json).toMatchObject({ sent: [], skipped: [bo.id] });

  // Bo sees it in his inbox, live (no reload), in the catalogue's words.
  const inbox = b.page.getByRole('button', { name: /Inbox/ });
  await poll(() => inbox.innerText()).toMatch(/1$/);
  await inbox.click();
  const dialog = b.page.getByRole('dialog', { name: 'Inbox' });
  await seen(dialog);
  expect(await dialog.locator('.inbox-item').first().innerText()).toContain('Ada reminded you to update the 2024-W12 report');
  await b.page.keyboard.press('Escape');

  // The changes card before any edit: nothing moved, against W11.
  const changesA = a.page.getByTestId('rhythm-changes');
  await seen(changesA);
  await poll(() => a.page.getByTestId('rhythm-counts').innerText()).toContain('0 moved, 0 slipped, 0 new, 0 dropped');
  expect(await changesA.getByRole('link', { name: '2024-W11' }).getAttribute('href')).toBe(`/r/${w11}`);

  // Bo updates his item's progress in the browser; Ada's panel follows without a reload.
  const boItem = b.page.locator('.cb-okr[data-block-id]').filter({ hasText: '物保三期' });
  await boItem.getByLabel('Progress', { exact: true }).fill('60');
  await boItem.getByLabel('Progress', { exact: true }).press('Enter');
  // and moves its go-live a week later (typed as the team writes dates)
  await boItem.getByLabel('Planned go-live').fill('4/4');
  await boItem.getByLabel('Planned go-live').press('Enter');
  await poll(() => statusCount(a.page)).toBe('1 of 2 owners have updated');
  await poll(() => ownerRow(a.page, bo.id).getAttribute('class')).toContain('is-updated');
  expect(await ownerRow(a.page, bo.id).innerText()).toMatch(/Updated[\s\S]*物保三期[\s\S]*Bo · /);
  expect(await ownerRow(a.page, ada.id).getAttribute('class')).toContain('is-behind');

  // The changes card follows too: one moved; highlighting marks Bo's item in place with from → to, and only it.
  await poll(() => a.page.getByTestId('rhythm-counts').innerText()).toContain('1 moved, 1 slipped, 0 new, 0 dropped');
  const itemA = a.page.locator('.rh-mark').filter({ hasText: '物保三期' });
  expect(await a.page.locator('.rh-changed').count()).toBe(0);
  await changesA.getByRole('button', { name: 'Highlight changes' }).click();
  await seen(itemA);
  expect(await itemA.getAttribute('class')).toContain('rh-changed');
  expect(await itemA.getAttribute('data-rh-note')).toBe('Progress 40% → 60% · Go-live 2024-03-28 → 2024-04-04 (7 days later)');
  expect(await a.page.locator('.rh-changed').count()).toBe(1);
  await changesA.getByRole('button', { name: 'Highlight changes' }).click();
  await poll(() => a.page.locator('.rh-changed').count()).toBe(0);

  // Field presence works on the owners select: while Bo is in it, Ada sees his name on it.
  const adaItem = a.page.locator('.cb-okr[data-block-id]').filter({ hasText: '物保三期' });
  await boItem.getByLabel('Owner', { exact: true }).focus();
  await poll(() => adaItem.locator('.cb-owners-add').getAttribute('data-peers')).toBe('Bo');
  await b.page.keyboard.press('Escape'); // back to the text
  await poll(() => adaItem.locator('.cb-owners-add').getAttribute('data-peers')).toBe(null);

  // Ada picks herself as a second owner of Bo's item in the editor (the owners select), and the status counts her there.
  await adaItem.getByLabel('Owner', { exact: true }).selectOption({ label: 'Ada' });
  await poll(() => adaItem.locator('.cb-owner-name').allInnerTexts()).toEqual(['Bo', 'Ada']);
  await eventually(async () => {
    const okrs = (await ada.call('GET', `/api/reports/${w12}/items`)).json?.okrs ?? [];
    return okrs.find((o: { project: string; owners?: string[] }) => o.project === '物保三期')?.owners?.join(',') === `${bo.id},${ada.id}`;
  }, 'owners indexed', 20_000, 100);

  // The key project's owners are a field of its own: Tab from its title reaches them (keyboard), and they show as chips.
  const project = a.page.locator('.cb-project');
  expect(await project.locator('.cb-owner-name').allInnerTexts()).toEqual(['Ada']);
  await project.locator('.cb-project-title').focus();
  await a.page.keyboard.press('Tab');
  await poll(() => focused(a.page)).toMatchObject({ label: 'Owners' });
  // Arrows open the list rather than adding whoever comes next.
  await a.page.keyboard.press('ArrowDown');
  await a.page.keyboard.press('Escape');
  expect(await project.locator('.cb-owner-name').allInnerTexts()).toEqual(['Ada']);
  await project.getByLabel('Owners', { exact: true }).selectOption({ label: 'Bo' });
  await poll(() => project.locator('.cb-owner-name').allInnerTexts()).toEqual(['Ada', 'Bo']);
  await project.getByLabel('Owners', { exact: true }).selectOption({ label: 'Remove Bo' });
  await poll(() => project.locator('.cb-owner-name').allInnerTexts()).toEqual(['Ada']);

  // Chinese: Cy (a viewer) reads the panel in Chinese; no remind buttons for a viewer.
  const c = await browserAs(web.browser, web.server.base, cy, undefined, 'zh-CN');
  await openReport(c.page, w12);
  await poll(() => statusCount(c.page)).toBe('2 位负责人中 1 位已更新');
  expect(await c.page.getByTestId('rhythm-status').innerText()).toContain('更新情况');
  expect(await ownerRow(c.page, bo.id).innerText()).toContain('已更新');
  expect(await c.page.getByRole('button', { name: /提醒/ }).count()).toBe(0);
  await poll(() => c.page.getByTestId('rhythm-counts').innerText()).toContain('1 项有进展，1 项延期，0 项新增，0 项移除');

  // "Remind all" from the editor Bo: Ada (not updated) is reminded; Bo sees the answer.
  await b.page.reload();
  await seen(b.page.getByTestId('rhythm-status'));
  await b.page.getByRole('button', { name: /Remind the 1 not updated/ }).click();
  await poll(() => b.page.getByTestId('rhythm-status').getByRole('status').innerText()).toBe('Reminded: Ada.');

  await Promise.all([a.context.close(), b.context.close(), c.context.close()]);
});

it('an item whose progress has not moved for reports in a row is flagged in the report and listed on the dashboard; summarize a month → save → open the document', async () => {
  const [ada] = await signedUp(web.server.base, 'Ada');
  const spaceId = await spaceWith(ada, []);
  const first = await reportWith(ada, spaceId, '2024-W10', [
    { type: 'objective', attrs: { blockId: 'ob1', code: 'O1', title: '业务服务' } },
    okr('stuck1', '实时数仓', 30, [ada.id]),
    okr('done1', '物保三期', 100, [ada.id], { due: '2024-03-20', status: 'done' }),
    { type: 'risk', attrs: { blockId: 'risk1', status: 'open', severity: 'high' }, content: [p('联调依赖银行排期，需要工行支持')] },
  ]);
  // Three more weeks by "Start next week": 实时数仓 stays at 30 % (物保三期 is done: never stuck).
  const w11 = await nextWeek(ada, first);
  const w12 = await nextWeek(ada, w11);
  const w13 = await nextWeek(ada, w12);

  const changes = await eventually(async () => {
    const r = await ada.call('GET', `/api/reports/${w13}/changes`);
    const item = r.json?.items?.find((i: { project: string }) => i.project === '实时数仓');
    return item?.stuckFor >= 3 ? r.json : null;
  }, 'stuck item in the changes', 20_000, 200);
  const stuck = changes.items.find((i: { project: string }) => i.project === '实时数仓');
  expect(stuck.stuckSince).toBe('2024-W10');

  const a = await browserAs(web.browser, web.server.base, ada);
  await openReport(a.page, w13);
  // The flag is on the block without highlighting: how long, since when.
  const flagged = a.page.locator('.rh-stuck');
  await seen(flagged);
  expect(await flagged.count()).toBe(1);
  expect(await flagged.innerText()).toContain('实时数仓');
  expect(await flagged.getAttribute('data-rh-note')).toBe(`stuck for ${stuck.stuckFor} reports since 2024-W10`);
  await poll(() => a.page.getByTestId('rhythm-counts').innerText()).toContain('1 stuck');

  // A new OKR item typed into this week (the / menu) counts as new, and is highlighted as such.
  await a.page.locator('.ProseMirror > p').last().click();
  await a.page.keyboard.type('/ok');
  const menu = a.page.getByRole('listbox', { name: 'Insert block' });
  await seen(menu);
  await poll(() => menu.getByRole('option', { selected: true }).innerText()).toContain('OKR item');
  await a.page.keyboard.press('Enter');
  await a.page.keyboard.type('清结算平台：启动');
  await poll(() => a.page.getByTestId('rhythm-counts').innerText()).toContain('0 moved, 0 slipped, 1 new, 0 dropped');
  await a.page.getByTestId('rhythm-changes').getByRole('button', { name: 'Highlight changes' }).click();
  const added = a.page.locator('.rh-new');
  await seen(added);
  expect(await added.count()).toBe(1);
  expect(await added.innerText()).toContain('清结算平台');
  expect(await added.getAttribute('data-rh-note')).toBe('New this week');

  // A risk's owners are members too ("Members responsible", beside the name its text may give): Ada picks herself,
  // and the update status lists the risk among her items.
  const risk = a.page.locator('.cb-risk');
  await risk.getByLabel('Members responsible').selectOption({ label: 'Ada' });
  await poll(() => risk.locator('.cb-owner-name').allInnerTexts()).toEqual(['Ada']);
  await poll(() => ownerRow(a.page, ada.id).innerText()).toContain('联调依赖银行排期');
  expect(await ownerRow(a.page, ada.id).locator('li', { hasText: '联调依赖银行排期' }).innerText()).toContain('Risk');

  // The dashboard lists it with how long.
  await a.page.goto(`/s/${spaceId}/dashboard`);
  const list = a.page.getByTestId('stuck-items');
  await seen(list);
  await poll(() => list.locator('li').count()).toBe(1);
  expect(await list.locator('li').innerText()).toContain(`实时数仓 30% stuck for ${stuck.stuckFor} reports since 2024-W10`);
  // Values nobody updated this week say they are last week's (walkthrough: shown as this week's); the item typed
  // this week does not.
  const okrLine = (name: string) => a.page.locator('.db-okr', { hasText: name });
  await poll(() => okrLine('实时数仓').locator('.db-carried').count()).toBe(1);
  expect(await okrLine('实时数仓').locator('.db-carried').innerText()).toBe("Last week's");
  expect(await okrLine('清结算平台').count()).toBe(1);
  expect(await okrLine('清结算平台').locator('.db-carried').count()).toBe(0);

  // Summarize March 2024: the server's Markdown, rendered (headings and lists as elements, no raw Markdown).
  await a.page.getByRole('button', { name: 'Summarize' }).click();
  await a.page.getByLabel('Which month').fill('2024-03');
  await a.page.getByRole('button', { name: 'Show', exact: true }).click();
  const result = a.page.getByTestId('summary-result');
  await seen(result.locator('.sum-md'));
  expect(await result.innerText()).toContain('2024-W10 to 2024-W13');
  const md = (await ada.call('GET', `/api/spaces/${spaceId}/summary?from=2024-W10&to=2024-W13`)).text;
  expect(md).toContain('实时数仓');
  await poll(() => result.locator('.sum-md').innerText()).toContain('实时数仓');
  expect(await result.locator('.sum-md h2, .sum-md h3').count()).toBeGreaterThan(0);
  expect(await result.locator('.sum-md').innerText()).not.toMatch(/^#/m);

  // The download is the Markdown as served, under the title the page shows (it said 周期总结 2024-W10 – 2024-W13
  // above a page titled for the month: walkthrough).
  const [file] = await Promise.all([a.page.waitForEvent('download'), result.getByRole('button', { name: 'Download .md' }).click()]);
  expect(file.suggestedFilename()).toBe('summary-2024-03.md');
  const downloaded = fs.readFileSync((await file.path())!, 'utf8');
  expect(downloaded.split('\n')[0]).toBe('# Summary 2024-03');
  expect(downloaded.split('\n').slice(1)).toEqual(md.split('\n').slice(1));
  await seen(result.locator('.sum-md h2', { hasText: 'Summary 2024-03' })); // Markdown's # drawn one level down

  // Save as a document: it is listed and opens in place with the same content.
  expect(await result.getByLabel('Document title').inputValue()).toBe('Summary 2024-03');
  await result.getByLabel('Document title').fill('三月总结');
  await result.getByRole('button', { name: 'Save as document' }).click();
  const docs = a.page.getByRole('list', { name: 'Saved documents' });
  await seen(docs);
  await poll(() => docs.getByRole('link').allInnerTexts()).toEqual(['三月总结']);
  const opened = a.page.getByTestId('summary-document');
  await seen(opened.getByRole('heading', { name: '三月总结' }));
  await poll(() => opened.locator('.sum-md').innerText()).toContain('实时数仓');
  const saved = (await ada.call('GET', `/api/spaces/${spaceId}/documents`)).json.documents;
  expect(saved.map((d: { title: string }) => d.title)).toEqual(['三月总结']);
  expect((await ada.call('GET', `/api/documents/${saved[0].id}`)).json.markdown).toBe(md.replace(/^# .*$/m, '# 三月总结'));

  // After a reload the document is still there, read from the list.
  await a.page.goto(`/s/${spaceId}/dashboard`);
  await a.page.getByRole('list', { name: 'Saved documents' }).getByRole('link', { name: '三月总结' }).click();
  await poll(() => a.page.getByTestId('summary-document').locator('.sum-md').innerText()).toContain('实时数仓');

  // The space's weekly deadline on the members page: Friday 17:00 Asia/Shanghai by default; the owner moves it to
  // Monday 09:30, and the report's deadline follows (Monday of 2024-W13 at 09:30 in Shanghai).
  await a.page.goto(`/s/${spaceId}/members`);
  const settings = a.page.getByTestId('deadline-settings');
  await seen(settings);
  expect(await settings.getByLabel('Day').inputValue()).toBe('5');
  expect(await settings.getByLabel('Time', { exact: true }).inputValue()).toBe('17:00');
  expect(await settings.getByLabel('Time zone').inputValue()).toBe('Asia/Shanghai');
  await settings.getByLabel('Day').selectOption({ label: 'Monday' });
  await settings.getByLabel('Time', { exact: true }).fill('09:30');
  await settings.getByRole('button', { name: 'Save' }).click();
  await poll(async () => (await ada.call('GET', `/api/spaces/${spaceId}/rhythm`)).json.deadline).toEqual({ weekday: 1, time: '09:30', timeZone: 'Asia/Shanghai' });
  expect((await ada.call('GET', `/api/reports/${w13}/status`)).json.deadline).toBe('2024-03-25T01:30:00.000Z');
  await a.context.close();
});

it('a quarter of the imported samples summarized in Chinese: projects from start to end of the quarter and what went live; a commenter can download but not save', async () => {
  const [ann, cat] = await signedUp(web.server.base, 'Ann', 'Cat');
  const spaceId = await spaceWith(ann, [[cat, 'commenter']]);
  for (const name of ['2024-W12', '2024-W25', '2024-W34']) {
    const r = await ann.call('POST', `/api/spaces/${spaceId}/import`, readSample(name), { 'content-type': 'text/markdown' });
    expect(r.status, r.text).toBe(201);
  }

  const a = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  await a.page.goto(`/s/${spaceId}/dashboard`);
  await a.page.getByRole('button', { name: '生成总结' }).click();
  await a.page.getByLabel('时间段').selectOption({ label: '季度' });
  await a.page.getByLabel('年份').selectOption('2024');
  await a.page.getByLabel('季度', { exact: true }).selectOption({ label: '第 2 季度' });
  await a.page.getByRole('button', { name: '生成', exact: true }).click();
  const result = a.page.getByTestId('summary-result');
  await seen(result.locator('.sum-md'));
  expect(await result.innerText()).toContain('2024-W14 至 2024-W26');
  const md = result.locator('.sum-md');
  // 实时数仓 from 21.95 % (W12, before the quarter) to 98 %, as a table row; what went live as a list under its heading.
  await poll(async () => (await md.locator('tr').allInnerTexts()).some((r) => /实时数仓[^\n]*\t21\.95%\t98%/.test(r))).toBe(true);
  const live = md.locator('h3:has-text("本期上线") + *'); // `## 本期上线` drawn one level down (the summary's `#` title is an h2 on the page)
  expect(await live.innerText()).toContain('实时数仓');
  expect(await live.innerText()).toContain('交易路由');
  expect(await result.getByLabel('文档标题').inputValue()).toBe('2024 年第 2 季度总结');
  await a.context.close();

  // A commenter reads and downloads the summary; saving is for owners and editors.
  const c = await browserAs(web.browser, web.server.base, cat);
  await c.page.goto(`/s/${spaceId}/dashboard`);
  await c.page.getByRole('button', { name: 'Summarize' }).click();
  await c.page.getByLabel('Period', { exact: true }).selectOption({ label: 'Quarter' });
  await c.page.getByLabel('Year').selectOption('2024');
  await c.page.getByLabel('Which quarter').selectOption({ label: 'Q2' });
  await c.page.getByRole('button', { name: 'Show', exact: true }).click();
  const shown = c.page.getByTestId('summary-result');
  await seen(shown.locator('.sum-md'));
  expect(await shown.getByRole('button', { name: 'Download .md' }).count()).toBe(1);
  expect(await shown.getByRole('button', { name: 'Save as document' }).count()).toBe(0);
  await c.context.close();
});

it('the owner moves the weekly deadline to a moment just past (fake clock): the owner of an untouched item gets the deadline notice, live, in Chinese', async () => {
  // The server's clock starts on Friday 2025-W11 at 17:00:30 Shanghai time, just past the default deadline.
  const clocked = await startTestServer({ serveWeb: true, config: { clockStart: new Date('2025-03-14T09:00:30Z'), deadlineCheckMs: 100 } });
  try {
    const [ann, bob] = await signedUp(clocked.base, 'Ann', 'Bob');
    const spaceId = await spaceWith(ann, [[bob, 'editor']]);
    // Until the report is set up, the deadline is Sunday night (not reached).
    expect((await ann.call('PATCH', `/api/spaces/${spaceId}/rhythm`, { deadline: { weekday: 7, time: '23:30', timeZone: 'Asia/Shanghai' } })).status).toBe(200);
    // 2025-W11 made with "Start next week": Bob's item carried, untouched (what is written into a report after it
    // was started counts as an update, so W10 is written first).
    const w10 = await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2025-W10' });
    await seedReport(ann, w10.json.id, [okr('k1', '收银台改版', 10, [bob.id])]);
    await eventually(async () => ((await ann.call('GET', `/api/reports/${w10.json.id}/items`)).json?.okrs?.length ?? 0) > 0, 'W10 indexed', 20_000, 100);
    const w11 = (await ann.call('POST', `/api/reports/${w10.json.id}/next`)).json.id as string;
    const before = (await ann.call('GET', `/api/reports/${w11}/status`)).json;
    expect(before.owners.map((o: { name: string; updated: boolean }) => [o.name, o.updated])).toEqual([['Bob', false]]);

    const b = await browserAs(web.browser, clocked.base, bob, undefined, 'zh-CN');
    await b.page.goto(`/s/${spaceId}`);
    const inbox = b.page.getByRole('button', { name: /收件箱/ });
    await seen(inbox);
    expect(await inbox.innerText()).not.toMatch(/\d$/);

    // Ann sets Friday 17:00 on the members page; the deadline of 2025-W11 has then passed.
    const a = await browserAs(web.browser, clocked.base, ann);
    await a.page.goto(`/s/${spaceId}/members`);
    const settings = a.page.getByTestId('deadline-settings');
    await seen(settings);
    await poll(() => settings.getByLabel('Day').inputValue()).toBe('7');
    await settings.getByLabel('Day').selectOption({ label: 'Friday' });
    await settings.getByLabel('Time', { exact: true }).fill('17:00');
    await settings.getByRole('button', { name: 'Save' }).click();

    // Bob's inbox gets the notice without a reload, worded by the catalogue.
    await poll(() => inbox.innerText()).toMatch(/[1-9]$/);
    await inbox.click();
    const dialog = b.page.getByRole('dialog', { name: '收件箱' });
    await seen(dialog);
    await poll(() => dialog.locator('.inbox-item').allInnerTexts()).toContainEqual(expect.stringContaining('2025-W11 周报已到截止时间，你负责的事项尚未更新'));
  } finally {
    await Promise.all(web.browser.contexts().map((c) => c.close()));
    await clocked.close();
  }
});

it('an item whose owner left the space is shown as needing a new owner, not "no owners yet" (walkthrough)', async () => {
  const [ada, dan] = await signedUp(web.server.base, 'Ada', 'Dan');
  const spaceId = await spaceWith(ada, [[dan, 'editor']], '支付研发');
  const reportId = await reportWith(ada, spaceId, '2024-W40', [okr('hd2', '好店二期', 40, [dan.id])]);
  expect((await ada.call('DELETE', `/api/spaces/${spaceId}/members/${dan.id}`)).status).toBe(200);
  const { context, page } = await browserAs(web.browser, web.server.base, ada, undefined, 'zh-CN');
  await openReport(page, reportId);
  const card = page.getByTestId('rhythm-status');
  await seen(card);
  await poll(() => page.getByTestId('rhythm-unowned-count').innerText()).toBe('1 项的负责人已离开空间');
  expect(await statusCount(page)).not.toContain('还没有负责人');
  const expand = card.getByRole('button', { name: '展开' });
  if (await expand.count()) await expand.click();
  await poll(() => page.getByTestId('rhythm-unowned').innerText()).toContain('好店二期');
  expect(await page.getByTestId('rhythm-unowned').innerText()).toContain('需要新的负责人');
  await context.close();
}, 120_000);
