import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { samplesDir } from '../helpers/samples.js';

// The three real sample reports, imported through the API; search and rollups over them.
const SAMPLES = samplesDir;
const WEEKS = ['2024-W12', '2024-W25', '2024-W34'];

let s: TestServer;
let ann: TestUser;
let spaceId: string;
const ids: Record<string, string> = {};
beforeAll(async () => {
  s = await startTestServer();
  [ann] = await signedUp(s.base, 'Ann');
  spaceId = await spaceWith(ann);
  for (const week of WEEKS) {
    const md = fs.readFileSync(path.join(SAMPLES, `${week}.md`), 'utf8');
    const r = await ann.call('POST', `/api/spaces/${spaceId}/import`, md, { 'content-type': 'text/markdown' });
    if (r.status !== 201) throw new Error(`import ${week}: ${r.status} ${r.text}`);
    ids[week] = r.json.report.id;
  }
});
afterAll(async () => { await s.close(); });

const get = (p: string) => ann.call('GET', `/api/spaces/${spaceId}${p}`);
const search = async (q: string) => (await get(`/search?q=${encodeURIComponent(q)}`)).json.results as any[];
const weeksOf = (results: any[]) => [...new Set(results.map((r) => r.week))];
/** Which sample files contain the term (case-insensitive), newest first: the expected weeks, read from the samples themselves. */
const grep = (term: string) => WEEKS.filter((w) => fs.readFileSync(path.join(SAMPLES, `${w}.md`), 'utf8').toLowerCase().includes(term.toLowerCase())).reverse();

describe('search over the samples', () => {
  it('finds 贝易转 in all three weeks, newest first, its key project first within a week', async () => {
    const r = await search('贝易转');
    expect(weeksOf(r)).toEqual(['2024-W34', '2024-W25', '2024-W12']);
    const w12 = r.filter((x) => x.week === '2024-W12');
    expect(w12[0]).toMatchObject({ reportId: ids['2024-W12'], kind: 'project', project: '贝易转（C转）' });
    expect(w12[0].blockId).toEqual(expect.any(String));
    for (const x of r) expect(x.snippet.toLowerCase()).toContain('贝易转');
  });

  it.each(['好店', 'POS', 'DocAI', 'docai', 'POS押金'])('finds %s in exactly the weeks whose text has it', async (term) => {
    const expected = grep(term);
    expect(expected.length).toBeGreaterThan(0);
    expect(weeksOf(await search(term))).toEqual(expected);
  });

  it('gives OKR results their progress and block', async () => {
    const hit = (await search('物保三期')).find((x) => x.kind === 'okr');
    expect(hit).toMatchObject({ week: '2024-W12', project: '物保三期', progress: 95 });
    const items = (await ann.call('GET', `/api/reports/${ids['2024-W12']}/items`)).json;
    expect(items.okrs.map((o: any) => o.blockId)).toContain(hit.blockId);
  });
});

describe('rollups over the samples', () => {
  it('gives the 贝易转 timeline one point per week, oldest first', async () => {
    const r = (await get(`/projects/${encodeURIComponent('贝易转')}/timeline`)).json;
    expect(r.points.map((p: any) => [p.week, p.reportId])).toEqual(WEEKS.map((w) => [w, ids[w]]));
    expect(r.points[0].project).toBe('贝易转（C转）');
  });

  it('gives an OKR project timeline with objective and progress', async () => {
    const r = (await get(`/projects/${encodeURIComponent('实时数仓')}/timeline`)).json;
    expect(r.points.map((p: any) => p.week)).toEqual(WEEKS);
    expect(r.points[0]).toMatchObject({ objective: 'O2', progress: 21.95 });
  });

  it('gives the 入金有效成功率 series in week order', async () => {
    const r = (await get(`/kpis/${encodeURIComponent('入金有效成功率')}/series`)).json;
    expect(r.points.map((p: any) => [p.week, p.value, p.unit])).toEqual([['2024-W12', 99.997, '%'], ['2024-W25', 99.996, '%'], ['2024-W34', 99.998, '%']]);
  });

  it('filters incidents by date', async () => {
    const june = (await get('/incidents?from=2024-06-01&to=2024-06-30')).json.incidents;
    expect(june.map((i: any) => i.start)).toEqual(['2024-06-18T12:03', '2024-06-19T12:47', '2024-06-21T10:04']);
    expect(june.every((i: any) => i.week === '2024-W25' && i.reportId === ids['2024-W25'])).toBe(true);
    const one = (await get('/incidents?from=2024-03-21&to=2024-03-21')).json.incidents;
    expect(one).toEqual([expect.objectContaining({ start: '2024-03-21T15:43', durationMinutes: 32, week: '2024-W12' })]);
    expect((await get('/incidents?from=2024-08-20&to=2024-08-20')).json.incidents).toHaveLength(2);
    const summary = (await get('/incidents/summary')).json;
    // Every month from the first incident to the last, 0 where the reports have none.
    expect(summary.months.map((m: any) => [m.month, m.total])).toEqual([['2024-03', 2], ['2024-04', 0], ['2024-05', 0], ['2024-06', 3], ['2024-07', 0], ['2024-08', 3]]);
    // The W34 sample marks two incidents 【待复盘】 (review pending), 08/19 15:00 and 08/20 17:41; the others are reviewed.
    expect(summary.pending).toHaveLength(2);
    expect(summary.pending.map((i: any) => [i.start, i.status, i.week, i.reportId]).sort()).toEqual([
      ['2024-08-19T15:00', 'review_pending', '2024-W34', ids['2024-W34']],
      ['2024-08-20T17:41', 'review_pending', '2024-W34', ids['2024-W34']],
    ]);
  });

  it('builds the dashboard of the newest week', async () => {
    const d = (await get('/dashboard')).json;
    expect(d.week).toBe('2024-W34');
    expect(d.objectives.slice(0, 4).map((o: any) => o.code)).toEqual(['O1', 'O2', 'O3', 'O4']);
    expect(d.objectives[0].items.length).toBeGreaterThan(0);
    expect(d.kpis.map((k: any) => k.name)).toContain('入金有效成功率');
    expect(d.kpis.find((k: any) => k.name === '入金有效成功率')).toMatchObject({ value: 99.998, previous: 99.996 });
  });
});
