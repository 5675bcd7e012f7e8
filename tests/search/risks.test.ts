// The risk block end to end on a real server: imported from a 【风险与求助】 section, listed by /items, edited live
// through Yjs, searchable as kind "risk", carried forward by "Start next week" while open, shown on the dashboard
// as open across the space, and exported back so that an import of the export has the same risks. On SQLite, and
// on PostgreSQL when DATABASE_URL is set.
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { freshDatabase, PG_URL } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const REPORT = (week: string, risks: string[]) => `# ${week}

## 【O1 业务服务】

1. 物保三期：进度95%，计划3/28上线

## 【风险与求助】

${risks.map((r) => `- ${r}`).join('\n')}
`;

const noIds = (risks: any[]) => risks.map(({ blockId: _b, fromId: _f, ...r }) => r);

/** The risk elements of a report's Yjs document, as a connected client sees them. */
const riskElements = (frag: Y.XmlFragment) => frag.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'risk');

const backends = [{ name: 'SQLite', pg: false }, ...(PG_URL ? [{ name: 'PostgreSQL', pg: true }] : [])];

describe.each(backends)('risks on $name', ({ pg }) => {
  let s: TestServer;
  let database: Awaited<ReturnType<typeof freshDatabase>> | null = null;
  let own: TestUser, edi: TestUser;
  let spaceId: string;
  const importMd = (space: string, md: string) => own.call('POST', `/api/spaces/${space}/import`, md, { 'content-type': 'text/markdown' });
  const items = async (reportId: string) => (await own.call('GET', `/api/reports/${reportId}/items`)).json;

  beforeAll(async () => {
    if (pg) database = await freshDatabase();
    s = await startTestServer(database ? { databaseUrl: database.url } : {});
    expect(s.db.kind).toBe(pg ? 'postgres' : 'sqlite');
    [own, edi] = await signedUp(s.base, 'Own', 'Edi');
    spaceId = await spaceWith(own, [[edi, 'editor']]);
  });
  afterAll(async () => {
    await s?.close();
    await database?.drop();
  });

  let w12 = '';

  it('import: each list item of 【风险与求助】 is a risk with severity, help, owner, due and status', async () => {
    const r = await importMd(spaceId, REPORT('2024-W12', [
      '（高）工行联调排期未定，需要工行支持，负责人：张三，截止3/27',
      '中风险：告警阈值待定，需运维协助',
      '（低）文档评审延期【已解决】',
    ]));
    expect(r.status).toBe(201);
    expect(r.json.counts).toMatchObject({ okrs: 1, risks: 3 });
    w12 = r.json.report.id;
    const got = await items(w12);
    expect(got.okrs).toHaveLength(1);
    expect(noIds(got.risks)).toEqual([
      { text: '（高）工行联调排期未定，需要工行支持，负责人：张三，截止3/27', owner: '张三', owners: [], severity: 'high', needHelpFrom: '工行', due: '2024-03-27', status: 'open' },
      { text: '中风险：告警阈值待定，需运维协助', owner: null, owners: [], severity: 'medium', needHelpFrom: '运维', due: null, status: 'open' },
      { text: '（低）文档评审延期【已解决】', owner: null, owners: [], severity: 'low', needHelpFrom: null, due: null, status: 'resolved' },
    ]);
    expect(got.risks.every((x: any) => typeof x.blockId === 'string' && x.blockId.length > 0)).toBe(true);
  });

  it('is searchable as kind "risk", by its text and by who help is needed from', async () => {
    const all = (await own.call('GET', `/api/spaces/${spaceId}/search?q=${encodeURIComponent('告警阈值')}`)).json.results;
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ kind: 'risk', week: '2024-W12', reportId: w12 });
    const byKind = (await own.call('GET', `/api/spaces/${spaceId}/search?q=${encodeURIComponent('工行')}&kind=risk`)).json.results;
    expect(byKind.map((h: any) => h.kind)).toEqual(['risk']);
    expect(byKind[0].blockId).toBe((await items(w12)).risks[0].blockId);
    expect((await own.call('GET', `/api/spaces/${spaceId}/search?q=x&kind=nope`)).status).toBe(400);
  });

  it('follows live edits of its fields through Yjs; two people editing two fields both keep theirs', async () => {
    const a = connect(own, w12);
    const b = connect(edi, w12);
    await Promise.all([a.synced, b.synced]);
    const [ra] = riskElements(a.frag);
    const [rb] = riskElements(b.frag);
    a.doc.transact(() => ra.setAttribute('owner', '李四'));
    b.doc.transact(() => rb.setAttribute('needHelpFrom', '交行'));
    const first = await eventually(async () => {
      const r = (await items(w12)).risks[0];
      return r.owner === '李四' && r.needHelpFrom === '交行' ? r : null;
    }, 'both edits indexed', 10_000, 50);
    expect(first).toMatchObject({ severity: 'high', due: '2024-03-27', status: 'open' });
    a.close();
    b.close();
  });

  let w13 = '';
  it('"Start next week" carries the open risks (linked back), not the resolved one', async () => {
    const before = (await items(w12)).risks;
    const r = await edi.call('POST', `/api/reports/${w12}/next`);
    expect(r.status).toBe(201);
    w13 = r.json.id;
    const after = await eventually(async () => {
      const got = await items(w13);
      return got?.risks?.length === 2 ? got.risks : null;
    }, 'next week indexed', 10_000, 50);
    expect(after.map((x: any) => x.fromId)).toEqual([before[0].blockId, before[1].blockId]);
    expect(noIds(after)).toEqual(noIds(before.slice(0, 2)));
    expect(after.every((x: any) => !before.some((y: any) => y.blockId === x.blockId))).toBe(true);
  });

  it('the dashboard lists the open risks across the space: the newest copy of each, older unconnected ones too', async () => {
    // An older week with a risk of its own (never carried forward).
    const w10 = await importMd(spaceId, REPORT('2024-W10', ['（中）机房搬迁窗口未定，需要基础架构支持']));
    expect(w10.status).toBe(201);
    await eventually(async () => (await items(w10.json.report.id))?.risks?.length === 1, 'W10 indexed', 10_000, 50);
    const open = async () => (await own.call('GET', `/api/spaces/${spaceId}/dashboard`)).json.open.risks as any[];
    const w13Risks = (await items(w13)).risks;
    expect((await open()).map((x) => [x.week, x.blockId])).toEqual([
      ['2024-W13', w13Risks[0].blockId], ['2024-W13', w13Risks[1].blockId], ['2024-W10', expect.any(String)],
    ]);
    expect((await open())[0]).toMatchObject({ reportId: w13, severity: 'high', needHelpFrom: '交行', owner: '李四', status: 'open' });

    // Resolved in W13: gone from the dashboard, and W12's copy does not come back.
    const c = connect(own, w13);
    await c.synced;
    c.doc.transact(() => riskElements(c.frag)[0].setAttribute('status', 'resolved'));
    await eventually(async () => (await items(w13)).risks[0].status === 'resolved', 'resolution indexed', 10_000, 50);
    c.close();
    expect((await open()).map((x) => x.week)).toEqual(['2024-W13', '2024-W10']);
    expect((await open())[0].blockId).toBe(w13Risks[1].blockId);
  });

  it('the same risk imported in consecutive weeks is listed once, at its newest week; resolved there, it is gone', async () => {
    const space = await spaceWith(own);
    const risk = '（高）工行联调排期未定，需要工行支持';
    const other = '（低）文档待补充';
    for (const [week, risks] of [['2024-W20', [risk, other]], ['2024-W21', [`${risk}。`]], ['2024-W22', [risk]]] as const) {
      const r = await importMd(space, REPORT(week, [...risks]));
      expect(r.status).toBe(201);
      await eventually(async () => (await items(r.json.report.id))?.risks?.length === risks.length, `${week} indexed`, 10_000, 50);
    }
    const open = async () => (await own.call('GET', `/api/spaces/${space}/dashboard`)).json.open.risks.map((x: any) => [x.week, x.text]);
    // Before: the W20, W21 and W22 copies were three open risks.
    expect(await open()).toEqual([['2024-W22', risk], ['2024-W20', other]]);
    const summary = (await own.call('GET', `/api/spaces/${space}/summary?from=2024-W20&to=2024-W22`)).text;
    expect(summary.split('## 未关闭风险')[1].match(/工行联调/g)).toHaveLength(1);

    const w23 = await importMd(space, REPORT('2024-W23', [`${risk}【已解决】`]));
    await eventually(async () => (await items(w23.json.report.id))?.risks?.[0]?.status === 'resolved', 'W23 indexed', 10_000, 50);
    expect(await open()).toEqual([['2024-W20', other]]);
    // "Changes since last week": one risk resolved, not a new risk and a dropped one (probe).
    const ch = (await own.call('GET', `/api/reports/${w23.json.report.id}/changes`)).json;
    expect(ch.items.filter((i: any) => i.kind === 'risk').map((i: any) => [i.change, i.status])).toEqual([['changed', { from: 'open', to: 'resolved' }]]);
  });

  it('GET /markdown writes them back under 【风险与求助】, and importing that gives the same risks', async () => {
    const md = await own.call('GET', `/api/reports/${w12}/markdown`);
    expect(md.status).toBe(200);
    expect(md.text).toContain('## 【风险与求助】');
    const other = await spaceWith(own, [], 'Round trip');
    const again = await importMd(other, md.text);
    expect(again.status).toBe(201);
    // Every field comes back; fields the text did not say (edited live above) are now written in it.
    const fieldsOf = (risks: any[]) => noIds(risks).map(({ text: _t, ...f }) => f);
    const [was, now] = [(await items(w12)).risks, (await items(again.json.report.id)).risks];
    expect(fieldsOf(now)).toEqual(fieldsOf(was));
    expect(now[0].text).toBe(`${was[0].text}，需要交行支持，负责人：李四`);
  });
});
