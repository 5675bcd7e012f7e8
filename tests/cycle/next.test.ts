import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { sampleDoc, writeDoc } from '../comments/docs.js';
import type { DocNode } from '../../shared/blocks/types.js';

let s: TestServer;
let own: TestUser, edi: TestUser, com: TestUser, vie: TestUser;
let spaceId: string;

/** A report of `week` holding `doc`, written by a connected client. */
async function reportWith(week: string, doc: DocNode) {
  const id = (await own.call('POST', `/api/spaces/${spaceId}/reports`, { week })).json.id as string;
  const conn = connect(own, id);
  await conn.synced;
  writeDoc(conn, doc);
  await eventually(async () => (await s.rooms.peek(id))?.doc.getXmlFragment('default').length === doc.content!.length, 'server has the document');
  conn.close();
  return id;
}

async function docOf(reportId: string): Promise<DocNode> {
  const conn = connect(own, reportId);
  await conn.synced;
  const json = yXmlFragmentToProsemirrorJSON(conn.frag) as DocNode;
  conn.close();
  return json;
}

const find = (doc: DocNode, type: string): DocNode[] => [
  ...(doc.type === type ? [doc] : []),
  ...(doc.content ?? []).flatMap((c) => find(c, type)),
];
const text = (n: DocNode): string => (n.text ?? '') + (n.content ?? []).map(text).join('');

beforeAll(async () => {
  s = await startTestServer();
  [own, edi, com, vie] = await signedUp(s.base, 'Own', 'Editor', 'Com', 'Vie');
  spaceId = await spaceWith(own, [[edi, 'editor'], [com, 'commenter'], [vie, 'viewer']]);
});
afterAll(async () => {
  await s?.close();
});

describe('next week', () => {
  it('carries projects, objectives, OKR items and KPI metrics forward, not incidents; the plan becomes a checklist', async () => {
    const w12 = await reportWith('2024-W12', sampleDoc(edi.id));
    const r = await edi.call('POST', `/api/reports/${w12}/next`);
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ id: expect.any(String), week: '2024-W13' });

    const doc = await docOf(r.json.id);
    // The checklist comes first (below the title), made of last week's 下周工作及目标.
    expect(text(doc.content![0])).toBe('2024-W13');
    expect(doc.content![2].type).toBe('taskList');
    const tasks = find(doc, 'taskItem');
    expect(tasks.map(text)).toEqual(['高P人员盘点与沟通', '贝易转立项']);
    expect(tasks.every((t) => t.attrs?.checked === false)).toBe(true);
    expect(find(doc, 'heading').map(text)).toContain('2024-W13');
    expect(find(doc, 'heading').map(text)).toContain('下周工作及目标');

    const okrs = find(doc, 'okrItem');
    expect(okrs.map((o) => o.attrs?.fromId)).toEqual(['okr1', 'okr2']);
    expect(okrs.every((o) => o.attrs?.blockId && !['okr1', 'okr2'].includes(o.attrs.blockId as string))).toBe(true);
    expect(okrs[0].attrs).toMatchObject({ project: '物保三期', progress: 95, due: '2024-03-28', status: 'on_track', owner: edi.id });
    expect(text(okrs[0])).toBe('物保三期进度95%，计划3/28上线');
    expect(find(doc, 'objective')[0].attrs).toMatchObject({ code: 'O1', title: '业务服务' });
    expect(find(doc, 'keyProject')[0].attrs?.project).toBe('贝易转');
    const rows = find(doc, 'kpiRow');
    expect(rows.map((k) => k.attrs?.name)).toEqual(['入金有效成功率', '出金成功率']);
    expect(rows.map((k) => k.attrs?.value ?? null)).toEqual([null, null]);
    expect(rows[0].attrs).toMatchObject({ unit: '%', target: 99.99 });
    expect(find(doc, 'incident')).toEqual([]);
    expect(JSON.stringify(doc)).not.toContain('入金失败');

    // Indexed at once: the items API shows the carried items; last week keeps its values.
    const items = (await own.call('GET', `/api/reports/${r.json.id}/items`)).json;
    expect(items.okrs.map((o: any) => [o.project, o.progress, o.fromId, o.objective])).toEqual([['物保三期', 95, 'okr1', 'O1'], ['聚合支付', null, 'okr2', 'O1']]);
    expect(items.kpis.map((k: any) => [k.name, k.value])).toEqual([['入金有效成功率', null], ['出金成功率', null]]);
    expect(items.incidents).toEqual([]);
    const before = (await own.call('GET', `/api/reports/${w12}/items`)).json;
    expect(before.kpis[0].value).toBe(99.997);

    // The report list has the new week first; a history snapshot of W12 was taken.
    expect((await own.call('GET', `/api/spaces/${spaceId}/reports`)).json[0].week).toBe('2024-W13');
    const history = (await own.call('GET', `/api/reports/${w12}/history`)).json;
    expect(history.map((h: any) => h.reason)).toContain('next_week');

    // Week navigation between the two.
    const nav = (await vie.call('GET', `/api/reports/${w12}/neighbours`)).json;
    expect(nav.next).toEqual({ id: r.json.id, week: '2024-W13' });
    expect(nav.nextWeek).toEqual({ week: '2024-W13', id: r.json.id });
    expect((await vie.call('GET', `/api/reports/${r.json.id}/neighbours`)).json.previous).toEqual({ id: w12, week: '2024-W12' });
  });

  it('keeps what sits below 下周工作及目标: a key project typed at the end of the report goes on, its text not also a plan line', async () => {
    const p = (t: string): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text: t }] });
    const w40 = await reportWith('2024-W40', { type: 'doc', content: [
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: '2024-W40' }] },
      { type: 'keyProject', attrs: { blockId: 'kp-a', project: '贝易转' }, content: [p('进展正常')] },
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: '下周工作及目标' }] },
      { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [p('团队述职')] }] },
      // Where the `/` menu puts a key project typed at the end of the report.
      { type: 'keyProject', attrs: { blockId: 'kp-b', project: '好店' }, content: [p('好店项目启动')] },
    ] });
    const r = await own.call('POST', `/api/reports/${w40}/next`);
    expect(r.status).toBe(201);
    const items = (await own.call('GET', `/api/reports/${r.json.id}/items`)).json;
    expect(items.projects.map((x: any) => [x.project, x.text])).toEqual([['贝易转', '进展正常'], ['好店', '好店项目启动']]);
    const doc = await docOf(r.json.id);
    expect(find(doc, 'taskItem').map(text)).toEqual(['团队述职']);
    // Still below the heading, which stays for this week's plan.
    const headings = doc.content!.map((n) => (n.type === 'heading' ? text(n) : n.type));
    expect(headings.slice(headings.indexOf('下周工作及目标'))).toEqual(['下周工作及目标', 'paragraph', 'keyProject', 'paragraph']); // the last: the editor's trailing line
    const changes = (await own.call('GET', `/api/reports/${r.json.id}/changes`)).json;
    expect(changes.items.filter((c: any) => c.change === 'dropped')).toEqual([]);
  });

  it('takes no plan line from an incident (or other block that stays) below 下周工作及目标 (walkthrough: it became a checklist item)', async () => {
    const p = (t: string): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text: t }] });
    const w42 = await reportWith('2024-W42', { type: 'doc', content: [
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: '下周工作及目标' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [p('灰度发布')] }] },
      { type: 'incident', attrs: { blockId: 'inc-x', start: '2024-10-16T14:05', end: '2024-10-16T14:40', durationMinutes: 35, severity: 'C', status: 'review_pending' }, content: [p('10/16 14:05 出金超时')] },
    ] });
    const r = await own.call('POST', `/api/reports/${w42}/next`);
    expect(r.status).toBe(201);
    const doc = await docOf(r.json.id);
    expect(find(doc, 'taskItem').map(text)).toEqual(['灰度发布']);
    expect(find(doc, 'incident')).toEqual([]);
  });

  it('a plan line keeps what it holds: a mention as its text, a link, bold (walkthrough: 需协调@李工 came over as 需协调); nobody is told again', async () => {
    const w44 = await reportWith('2024-W44', { type: 'doc', content: [
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: '下周工作及目标' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [
        { type: 'text', text: '  贝易转灰度，需协调' },
        { type: 'mention', attrs: { id: edi.id, label: 'Editor', by: own.id } },
        { type: 'text', text: '，见' },
        { type: 'text', text: '方案', marks: [{ type: 'link', attrs: { href: 'https://example.com/plan' } }] },
        { type: 'text', text: '，', marks: [] },
        { type: 'text', text: '周三前', marks: [{ type: 'bold' }] },
        { type: 'text', text: '  ' },
      ] }] }] },
    ] });
    // Editor was told of the mention in W44 once.
    const told = async () => ((await edi.call('GET', '/api/notifications')).json.items as any[]).length;
    const before = await eventually(async () => (await told()) || null, 'mention told', 10_000, 100);
    const r = await own.call('POST', `/api/reports/${w44}/next`);
    expect(r.status).toBe(201);
    const [item] = find(await docOf(r.json.id), 'taskItem');
    const inline = item.content![0].content!;
    expect(text(item)).toBe('贝易转灰度，需协调@Editor，见方案，周三前');
    expect(inline.find((c) => c.text === '方案')).toMatchObject({ marks: [{ type: 'link', attrs: { href: 'https://example.com/plan' } }] });
    expect(inline.find((c) => c.text === '周三前')).toMatchObject({ marks: [{ type: 'bold' }] });
    await new Promise((res) => setTimeout(res, 1500)); // past the mention check's pause
    expect(await told()).toBe(before);
  });

  it('answers 409 when next week exists, 403 for commenters and viewers, and writes nothing then', async () => {
    const w20 = await reportWith('2024-W20', sampleDoc());
    await own.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W21' });
    const count = (await own.call('GET', `/api/spaces/${spaceId}/reports`)).json.length;
    const r = await own.call('POST', `/api/reports/${w20}/next`);
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('week_exists');
    const w30 = await reportWith('2024-W30', sampleDoc());
    for (const u of [com, vie]) expect((await u.call('POST', `/api/reports/${w30}/next`)).status).toBe(403);
    expect((await own.call('GET', `/api/spaces/${spaceId}/reports`)).json.length).toBe(count + 1);
    expect((await own.call('GET', `/api/reports/${w20}/history`)).json.filter((h: any) => h.reason === 'next_week')).toEqual([]);
    expect((await own.call('POST', '/api/reports/nope/next')).status).toBe(404);
  });

  it('crosses the year boundary by ISO week', async () => {
    const last = await reportWith('2026-W53', sampleDoc());
    const r = await own.call('POST', `/api/reports/${last}/next`);
    expect(r.status).toBe(201);
    expect(r.json.week).toBe('2027-W01');
  });
});

describe('the title of a report imported as another week', () => {
  it('follows the new week: a first line naming some other week is not carried as it was (walkthrough: 2024-W34 in W50)', async () => {
    const { carryForward } = await import('../../server/domain/carryForward.js');
    const doc: DocNode = { type: 'doc', content: [
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: '2024-W34' }] },
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '2024-W30 回顾' }] },
      { type: 'paragraph', content: [{ type: 'text', text: '本周' }] },
    ] };
    const next = carryForward(doc, { week: '2026-W49' }, { week: '2026-W50' });
    expect(next.content!.filter((n) => n.type === 'heading').map((h) => h.content?.[0]?.text)).toEqual(['2026-W50', '2024-W30 回顾']);
  });
});
