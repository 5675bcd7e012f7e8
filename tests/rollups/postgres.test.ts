import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { freshDatabase, PG_URL } from '../helpers/postgres.js';
import { readSample, sampleNames } from '../helpers/samples.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Issue 12 on PostgreSQL: project identity (import links, merge, split), the timeline by any name, the dashboard range.
describe.skipIf(!PG_URL)('projects and the range dashboard on PostgreSQL', () => {
  let s: TestServer;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let ann: TestUser;
  let spaceId: string;
  beforeAll(async () => {
    database = await freshDatabase();
    s = await startTestServer({ databaseUrl: database.url });
    [ann] = await signedUp(s.base, 'Ann');
    spaceId = await spaceWith(ann);
    for (const w of sampleNames) {
      const r = await ann.call('POST', `/api/spaces/${spaceId}/import`, readSample(w), { 'content-type': 'text/markdown' });
      if (r.status !== 201) throw new Error(r.text);
    }
  });
  afterAll(async () => { await s?.close(); await database?.drop(); });

  const get = async (p: string) => (await ann.call('GET', `/api/spaces/${spaceId}${p}`)).json;
  const weeks = (t: any) => t.points.map((p: any) => [p.week, p.progress]);

  it('实时数仓 + 实时数仓项目 → one timeline; merge and split; dashboard over the range', async () => {
    expect(s.db.kind).toBe('postgres');
    const t = await get(`/projects/${encodeURIComponent('实时数仓项目')}/timeline`);
    expect(weeks(t)).toEqual([['2024-W12', 21.95], ['2024-W25', 98], ['2024-W34', null]]);
    const list = (await get('/projects')).projects;
    const old = list.find((p: any) => p.name === '银企金融M6v机房迁移');
    const cur = list.find((p: any) => p.name === '银企M6V机房迁移');
    expect((await ann.call('POST', `/api/spaces/${spaceId}/projects/merge`, { from: old.key, into: cur.key })).status).toBe(200);
    // W34's `2. 整体进度95%；…` goes on with `1. 银企M6V机房迁移…` (two items of the project that week).
    expect(weeks(await get(`/projects/${encodeURIComponent('银企金融M6v机房迁移')}/timeline`))).toEqual([['2024-W12', 80], ['2024-W25', 90], ['2024-W34', 95]]);
    const search = (await get(`/search?q=${encodeURIComponent('银企M6V机房迁移')}`)).results.filter((r: any) => r.kind === 'okr');
    expect(search.map((r: any) => r.week)).toEqual(['2024-W34', '2024-W34', '2024-W25', '2024-W12']);
    const split = await ann.call('POST', `/api/spaces/${spaceId}/projects/${cur.key}/split`, { alias: '银企金融M6v机房迁移' });
    expect(split.status, split.text).toBe(201);
    expect(weeks(await get(`/projects/${encodeURIComponent('银企金融M6v机房迁移')}/timeline`))).toEqual([['2024-W12', 80]]);
    const d = await get('/dashboard?from=2024-W12&to=2024-W34');
    expect(d.projects.find((p: any) => p.key === t.key)).toMatchObject({ progress: 98, progressWeek: '2024-W25' });
    expect(d.incidents.total).toBe(8);
  });
});
