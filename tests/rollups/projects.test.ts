import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { readSample } from '../helpers/samples.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { findBlock } from '../search/docs.js';
import { projectCore, sameProject } from '../../server/rollups/projects.js';

/**
 * Issue 12, project identity: one project under several names. The samples write 实时数仓 (W12, W34) and
 * 实时数仓项目 (W25); import links them, whatever the order, and the timeline of either name is the same project.
 */

let s: TestServer;
let ann: TestUser;
let bob: TestUser;
beforeAll(async () => {
  s = await startTestServer();
  [ann, bob] = await signedUp(s.base, 'Ann', 'Bob');
});
afterAll(async () => { await s?.close(); });

const md = { 'content-type': 'text/markdown' };
async function importAll(spaceId: string, weeks: string[]) {
  const out: Record<string, any> = {};
  for (const w of weeks) {
    const r = await ann.call('POST', `/api/spaces/${spaceId}/import`, readSample(w), md);
    expect(r.status, r.text).toBe(201);
    out[w] = r.json;
  }
  return out;
}
const timeline = async (spaceId: string, name: string) => (await ann.call('GET', `/api/spaces/${spaceId}/projects/${encodeURIComponent(name)}/timeline`)).json;
const projects = async (spaceId: string) => (await ann.call('GET', `/api/spaces/${spaceId}/projects`)).json.projects as any[];
const progressByWeek = (t: any) => t.points.map((p: any) => [p.week, p.progress]);

describe('names of one project', () => {
  it('same core: a suffix such as 项目/二期, punctuation or brackets; not a different word', () => {
    expect(sameProject('实时数仓', '实时数仓项目')).toBe(true);
    expect(sameProject('风控平台', '风控平台（二期）')).toBe(true);
    expect(sameProject('DocAI 二期', 'docai')).toBe(true);
    expect(sameProject('支付×AI', '支付AI')).toBe(true);
    expect(sameProject('银企金融M6v机房迁移', '银企M6V机房迁移')).toBe(false);
    expect(sameProject('项目', '二期')).toBe(false); // nothing but a suffix is no name
    expect(projectCore('实时数仓项目')).toBe('实时数仓');
  });
});

describe('import links a past week to the nearest weeks\' projects', () => {
  it('实时数仓 (W12, W34) + 实时数仓项目 (W25) → one timeline: W12 21.95, W25 98', async () => {
    const spaceId = await spaceWith(ann, [], 'In order');
    const imported = await importAll(spaceId, ['2024-W12', '2024-W25', '2024-W34']);
    // The link is said: in W25's notes, naming both names and the week linked to.
    expect(imported['2024-W25'].notes).toContainEqual(expect.stringMatching(/实时数仓项目.*实时数仓.*2024-W12/));
    expect(imported['2024-W25'].notices).toContainEqual(expect.objectContaining({ level: 'note', code: 'import.projectLinked', params: { name: '实时数仓项目', linkedTo: '实时数仓', week: '2024-W12' } }));
    expect(imported['2024-W25'].links).toContainEqual(expect.objectContaining({ name: '实时数仓项目', linkedTo: '实时数仓', week: '2024-W12' }));
    expect(imported['2024-W12'].notes).toEqual([]);

    const a = await timeline(spaceId, '实时数仓');
    expect(progressByWeek(a)).toEqual([['2024-W12', 21.95], ['2024-W25', 98], ['2024-W34', null]]);
    // W25 has two items of it (O3 进度98%, O2 上线完成): the week's point is the one with a figure, the other comes
    // with it (walkthrough: the timeline showed one, and the go-live went unseen).
    const w25point = a.points.find((p: any) => p.week === '2024-W25');
    expect(w25point.others.map((o: any) => [o.objective, o.text.slice(0, 12)])).toEqual([['O2', expect.stringContaining('实时数仓')]]);
    expect(w25point.others[0].text).toContain('上线完成');
    // The timeline API answers for any alias, and for the key.
    const b = await timeline(spaceId, '实时数仓项目');
    expect(b.key).toBe(a.key);
    expect(progressByWeek(b)).toEqual(progressByWeek(a));
    expect(progressByWeek(await timeline(spaceId, a.key))).toEqual(progressByWeek(a));

    // /items: the items carry the project's key.
    const w25 = (await ann.call('GET', `/api/reports/${imported['2024-W25'].report.id}/items`)).json;
    expect(w25.okrs.filter((o: any) => o.project === '实时数仓项目').map((o: any) => o.projectKey)).toEqual([a.key, a.key]);
  });

  it('links the same way when the weeks come in another order (W25 first)', async () => {
    const spaceId = await spaceWith(ann, [], 'Out of order');
    const imported = await importAll(spaceId, ['2024-W25', '2024-W34', '2024-W12']);
    expect(imported['2024-W34'].notes).toContainEqual(expect.stringMatching(/“实时数仓”.*“实时数仓项目”.*2024-W25/));
    expect(progressByWeek(await timeline(spaceId, '实时数仓'))).toEqual([['2024-W12', 21.95], ['2024-W25', 98], ['2024-W34', null]]);
  });
});

describe('the projects of a space', () => {
  let spaceId: string;
  let ids: Record<string, any>;
  beforeAll(async () => {
    spaceId = await spaceWith(ann, [[bob, 'editor']], 'Projects');
    ids = await importAll(spaceId, ['2024-W12', '2024-W25', '2024-W34']);
  });

  it('lists every project ever reported with its names, last progress and last week seen', async () => {
    const list = await projects(spaceId);
    const ssc = list.find((p) => p.aliases.some((a: any) => a.name === '实时数仓项目'));
    expect(ssc).toMatchObject({ name: '实时数仓', lastProgress: 98, lastProgressWeek: '2024-W25', lastWeek: '2024-W34', firstWeek: '2024-W12', weeks: 3 });
    expect(ssc.aliases.map((a: any) => a.name).sort()).toEqual(['实时数仓', '实时数仓项目']);
    // A project with no progress stated anywhere says so (null), not 0; key projects are projects too.
    const pos = list.find((p) => p.name === 'POS收单系统建设');
    expect(pos).toMatchObject({ lastProgress: null, lastWeek: '2024-W12' });
    const byz = list.find((p) => p.name === '贝易转');
    expect(byz.aliases.map((a: any) => a.name).sort()).toEqual(['贝易转', '贝易转（C转）']);
    expect(byz.lastWeek).toBe('2024-W34');
  });

  it('owners merge two projects: timeline, search and /items follow; only owners may', async () => {
    const list = await projects(spaceId);
    const old = list.find((p) => p.name === '银企金融M6v机房迁移');
    const cur = list.find((p) => p.name === '银企M6V机房迁移');
    expect(old.key).not.toBe(cur.key);
    const body = { from: old.key, into: cur.key };
    expect((await bob.call('POST', `/api/spaces/${spaceId}/projects/merge`, body)).status).toBe(403);
    expect((await ann.call('POST', `/api/spaces/${spaceId}/projects/merge`, { from: old.key })).status).toBe(400);
    expect((await ann.call('POST', `/api/spaces/${spaceId}/projects/merge`, { from: old.key, into: old.key })).status).toBe(409);
    expect((await ann.call('POST', `/api/spaces/${spaceId}/projects/merge`, { from: 'pUnknownKey', into: cur.key })).status).toBe(404);
    const r = await ann.call('POST', `/api/spaces/${spaceId}/projects/merge`, body);
    expect(r.status, r.text).toBe(200);

    const t = await timeline(spaceId, '银企金融M6v机房迁移');
    expect(t.key).toBe(cur.key);
    // W34's `2. 整体进度95%；…` goes on with `1. 银企M6V机房迁移…` (walkthrough: it was an item of no project).
    expect(progressByWeek(t)).toEqual([['2024-W12', 80], ['2024-W25', 90], ['2024-W34', 95]]);
    const after = await projects(spaceId);
    expect(after.find((p) => p.key === old.key)).toBeUndefined();
    expect(after.find((p) => p.key === cur.key).aliases.map((a: any) => a.name).sort()).toEqual(['银企M6V机房迁移', '银企金融M6v机房迁移']);
    // Search for one name finds the other name's items too, each with the project's key.
    const hits = (await ann.call('GET', `/api/spaces/${spaceId}/search?q=${encodeURIComponent('银企M6V机房迁移')}`)).json.results;
    expect(hits.filter((h: any) => h.kind === 'okr').map((h: any) => [h.week, h.projectKey])).toEqual([
      ['2024-W34', cur.key], ['2024-W34', cur.key], ['2024-W25', cur.key], ['2024-W12', cur.key],
    ]);
    const w12 = (await ann.call('GET', `/api/reports/${ids['2024-W12'].report.id}/items`)).json;
    expect(w12.okrs.find((o: any) => o.project === '银企金融M6v机房迁移').projectKey).toBe(cur.key);
  });

  it('owners split a name off into a project of its own', async () => {
    const t = await timeline(spaceId, '实时数仓');
    expect((await bob.call('POST', `/api/spaces/${spaceId}/projects/${t.key}/split`, { alias: '实时数仓项目' })).status).toBe(403);
    const r = await ann.call('POST', `/api/spaces/${spaceId}/projects/${t.key}/split`, { alias: '实时数仓项目' });
    expect(r.status, r.text).toBe(201);
    expect(r.json.key).not.toBe(t.key);
    expect(progressByWeek(await timeline(spaceId, '实时数仓'))).toEqual([['2024-W12', 21.95], ['2024-W34', null]]);
    expect(progressByWeek(await timeline(spaceId, '实时数仓项目'))).toEqual([['2024-W25', 98]]);
    // A project with one name has nothing to split off.
    expect((await ann.call('POST', `/api/spaces/${spaceId}/projects/${r.json.key}/split`, { alias: '实时数仓项目' })).status).toBe(409);
    // And merging back makes it one again.
    expect((await ann.call('POST', `/api/spaces/${spaceId}/projects/merge`, { from: r.json.key, into: t.key })).status).toBe(200);
    expect(progressByWeek(await timeline(spaceId, '实时数仓项目'))).toEqual([['2024-W12', 21.95], ['2024-W25', 98], ['2024-W34', null]]);
  });

  it('the dashboard over a range of imported weeks: projects with last-known progress (merges followed), KPIs, incidents', async () => {
    const r = await ann.call('GET', `/api/spaces/${spaceId}/dashboard?from=2024-W12&to=2024-W34`);
    expect(r.status, r.text).toBe(200);
    const d = r.json;
    expect(d.range).toMatchObject({ from: '2024-W12', to: '2024-W34', fromDate: '2024-03-18', toDate: '2024-08-25' });
    const ssc = d.projects.filter((p: any) => p.project === '实时数仓' || p.project === '实时数仓项目');
    expect(ssc).toHaveLength(1);
    // W34 states no progress: the last known one is W25's.
    expect(ssc[0]).toMatchObject({ progress: 98, progressWeek: '2024-W25', lastWeek: '2024-W34' });
    expect(ssc[0].key).toBe((await timeline(spaceId, '实时数仓')).key); // the link to its timeline
    // W34 says 存管衍生 went live (延迟出金能力全部上线): no go-live date planned any more (it showed W12's 04-16 as
    // current, walkthrough); a date still planned says which week planned it.
    const later = (await ann.call('GET', `/api/spaces/${spaceId}/dashboard?from=2024-W23&to=2024-W34`)).json;
    expect(later.projects.find((p: any) => p.project === '存管衍生')).toMatchObject({ live: true, due: null, dueWeek: null });
    const dated = later.projects.filter((p: any) => p.due && !p.live);
    expect(dated.length).toBeGreaterThan(0);
    for (const p of dated) expect(p.dueWeek, p.project).toMatch(/^2024-W\d\d$/);
    // The merged project is one row (both names), with its last stated progress.
    const m6v = d.projects.filter((p: any) => /M6V机房迁移|M6v机房迁移/.test(p.project));
    expect(m6v).toHaveLength(1);
    expect(m6v[0]).toMatchObject({ progress: 95, progressWeek: '2024-W34' });
    expect(d.projects.find((p: any) => p.project === 'POS收单系统建设')).toMatchObject({ progress: null });
    expect(d.incidents.total).toBe(8);
    expect(d.incidents.list).toHaveLength(8);
    expect(d.incidents.pending.map((i: any) => i.start)).toEqual(['2024-08-19T15:00', '2024-08-20T17:41']);
    expect(d.kpis.find((k: any) => k.name === '入金有效成功率')).toMatchObject({ value: 99.998, previous: 99.996, week: '2024-W34' });
    // One week alone: its own incidents only, projects still with their last-known progress.
    const w25 = (await ann.call('GET', `/api/spaces/${spaceId}/dashboard?from=2024-W25&to=2024-W25`)).json;
    expect(w25.incidents.total).toBe(3);
    expect(w25.projects.find((p: any) => p.key === ssc[0].key)).toMatchObject({ progress: 98 });
    expect((await ann.call('GET', `/api/spaces/${spaceId}/dashboard?from=2024-W34&to=2024-W12`)).status).toBe(400);
  });

  it('"Start next week" keeps each item\'s project, even when it is renamed afterwards', async () => {
    const w34 = ids['2024-W34'].report.id;
    const before = (await ann.call('GET', `/api/reports/${w34}/items`)).json;
    const next = await ann.call('POST', `/api/reports/${w34}/next`);
    expect(next.status, next.text).toBe(201);
    const after = (await ann.call('GET', `/api/reports/${next.json.id}/items`)).json;
    expect(after.okrs.map((o: any) => o.projectKey)).toEqual(before.okrs.map((o: any) => o.projectKey));
    expect(after.projects.map((o: any) => o.projectKey)).toEqual(before.projects.map((o: any) => o.projectKey));
    // The dashboard of the new (newest) week is not empty: history is included, incidents of the range too.
    const d = (await ann.call('GET', `/api/spaces/${spaceId}/dashboard`)).json;
    expect(d.week).toBe('2024-W35');
    expect(d.projects.find((p: any) => p.project === '实时数仓')).toMatchObject({ progress: 98 });
    expect(d.incidents.total).toBeGreaterThan(0);

    // Renamed in the new week: still the same project, and its new name becomes one of its names.
    const item = after.okrs.find((o: any) => o.project === '实时数仓');
    const c = connect(ann, next.json.id);
    await c.synced;
    c.doc.transact(() => findBlock(c.frag, item.blockId)!.setAttribute('project', '实时数仓平台'));
    await eventually(async () => (await ann.call('GET', `/api/reports/${next.json.id}/items`)).json.okrs.some((o: any) => o.project === '实时数仓平台'), 'rename indexed');
    c.close();
    const t = await timeline(spaceId, '实时数仓平台');
    expect(t.key).toBe(item.projectKey);
    expect(t.points.map((p: any) => p.week)).toEqual(['2024-W12', '2024-W25', '2024-W34', '2024-W35']);
  });

  it('an item typed in the editor with a known name is that project', async () => {
    const r = await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W40' });
    const c = connect(ann, r.json.id);
    await c.synced;
    c.doc.transact(() => {
      const item = new Y.XmlElement('okrItem');
      item.setAttribute('blockId', 'typed1');
      item.setAttribute('progress', 99 as any);
      const para = new Y.XmlElement('paragraph');
      para.insert(0, [new Y.XmlText('实时数仓项目：收尾')]);
      item.insert(0, [para]);
      c.frag.insert(c.frag.length, [item]);
    });
    await eventually(async () => (await ann.call('GET', `/api/reports/${r.json.id}/items`)).json.okrs.length === 1, 'typed item indexed');
    c.close();
    expect(progressByWeek(await timeline(spaceId, '实时数仓')).at(-1)).toEqual(['2024-W40', 99]);
  });
});

describe('migration 006: rows indexed before project identity', () => {
  it('get one project per name of a space, in item and search rows', async () => {
    const { backfillProjects } = await import('../../server/db/migrations/006_projects.js');
    const spaceId = await spaceWith(ann, [], 'Before');
    await importAll(spaceId, ['2024-W12', '2024-W25']);
    // As the tables stood before the migration: no projects, no aliases, rows without their project.
    const k = s.db.k as any;
    await k.deleteFrom('project_alias').where('space_id', '=', spaceId).execute();
    await k.deleteFrom('project').where('space_id', '=', spaceId).execute();
    await k.updateTable('item').set({ project_id: null }).where('space_id', '=', spaceId).execute();
    await k.updateTable('search_row').set({ project_id: null }).where('space_id', '=', spaceId).execute();
    await backfillProjects(k);
    const missing = await k.selectFrom('item').select('project').where('space_id', '=', spaceId).where('project_key', 'is not', null).where('project_id', 'is', null).execute();
    expect(missing).toEqual([]);
    const searchMissing = await k.selectFrom('search_row').select('project').where('space_id', '=', spaceId).where('project', 'is not', null).where('project_id', 'is', null).execute();
    expect(searchMissing).toEqual([]);
    // One project per name (the links import made are gone with the keys); the timeline answers by name again.
    expect(progressByWeek(await timeline(spaceId, '实时数仓'))).toEqual([['2024-W12', 21.95]]);
    expect(progressByWeek(await timeline(spaceId, '贝易转'))).toEqual([['2024-W12', null], ['2024-W25', null]]);
  });
});
