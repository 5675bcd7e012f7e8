// A metric where lower is better (平均响应时间 ≤ 200ms) was read as "at least 200": a fast week was red and "below
// target" in the series, the dashboard and the period summary, a slow one looked fine. A target may now say `≤`
// (shared/kpiTarget.ts), typed in the editor or imported as `（目标：≤200ms）`, and every rollup asks missesTarget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { freshDatabase, PG_URL } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const report = (week: string, ms: number, rate: number) => [
  `# 支付研发部周报 ${week}`, '', '## 【系统运行数据】', '',
  `- 平均响应时间：${ms}ms（目标：≤200ms）`,
  `- 入金有效成功率：${rate}%（目标：99.99%）`,
  '- 日均交易笔数：12000笔（目标：≥10000笔）', '',
].join('\n');

const backends = [{ name: 'SQLite', pg: false }, ...(PG_URL ? [{ name: 'PostgreSQL', pg: true }] : [])];

describe.each(backends)('a KPI whose target is a ceiling (`≤`), on $name', ({ pg }) => {
  let s: TestServer;
  let database: Awaited<ReturnType<typeof freshDatabase>> | null = null;
  let ann: TestUser;
  let spaceId: string;
  const ids: Record<string, string> = {};
  const get = (p: string) => ann.call('GET', p);

  beforeAll(async () => {
    if (pg) database = await freshDatabase();
    s = await startTestServer(database ? { databaseUrl: database.url } : {});
    [ann] = await signedUp(s.base, 'Ann');
    spaceId = await spaceWith(ann);
    for (const [week, ms, rate] of [['2024-W10', 150, 99.995], ['2024-W11', 250, 99.98], ['2024-W12', 180, 99.993]] as const) {
      const r = await ann.call('POST', `/api/spaces/${spaceId}/import?week=${week}`, report(week, ms, rate), { 'content-type': 'text/markdown' });
      expect(r.status, r.text).toBe(201);
      ids[week] = r.json.report.id;
    }
  });
  afterAll(async () => {
    await s?.close();
    await database?.drop();
  });

  it('imports with its comparison and exports it back', async () => {
    const items = (await get(`/api/reports/${ids['2024-W11']}/items`)).json;
    expect(items.kpis[0]).toMatchObject({ name: '平均响应时间', value: 250, unit: 'ms', target: 200, targetOp: '≤' });
    expect(items.kpis[1]).toMatchObject({ name: '入金有效成功率', target: 99.99 });
    expect(items.kpis[1].targetOp).toBeUndefined(); // "at least" is the default, not written into the item
    const md = (await get(`/api/reports/${ids['2024-W11']}/markdown`)).text;
    expect(md).toContain('平均响应时间：250ms（目标：≤200ms）');
    expect(md).toContain('入金有效成功率：99.98%（目标：99.99%）');
  });

  it('the series marks only the week over the ceiling', async () => {
    const r = await get(`/api/spaces/${spaceId}/kpis/${encodeURIComponent('平均响应时间')}/series`);
    expect(r.json).toMatchObject({ target: 200, targetOp: '≤', belowTarget: ['2024-W11'] });
    expect(r.json.points.map((p: any) => [p.week, p.belowTarget])).toEqual([['2024-W10', false], ['2024-W11', true], ['2024-W12', false]]);
    // A metric without `≤` is as before: under its target misses it.
    expect((await get(`/api/spaces/${spaceId}/kpis/${encodeURIComponent('入金有效成功率')}/series`)).json.belowTarget).toEqual(['2024-W11']);
  });

  it('the dashboard of the weeks: the latest week is fine, the slow week is the one breach', async () => {
    const d = (await get(`/api/spaces/${spaceId}/dashboard?from=2024-W10&to=2024-W12`)).json;
    const ms = d.kpis.find((k: any) => k.name === '平均响应时间');
    expect(ms).toMatchObject({ value: 180, target: 200, targetOp: '≤', belowTarget: false });
    expect(ms.breaches.map((b: any) => [b.week, b.value])).toEqual([['2024-W11', 250]]);
  });

  it('the period summary counts the week over the ceiling and shows the worst value and the `≤`', async () => {
    const md = (await get(`/api/spaces/${spaceId}/summary?from=2024-W10&to=2024-W12`)).text;
    const line = md.split('\n').find((l) => l.startsWith('| 平均响应时间'));
    expect(line).toBe('| 平均响应时间 | 180ms | 250ms | 193.3333ms | ≤200ms | 1 周（2024-W11） |');
    const rate = md.split('\n').find((l) => l.startsWith('| 入金有效成功率'));
    expect(rate).toContain('| 99.98% |'); // the worst of an "at least" metric is its lowest
    expect(rate).toContain('1 周（2024-W11）');
    // A target said to be a floor outright keeps its sign (walkthrough: the summary dropped it).
    expect(md.split('\n').find((l) => l.startsWith('| 日均交易笔数'))).toContain('| ≥10000笔 |');
  });

  it('the changes card says the target with its comparison', async () => {
    const c = (await get(`/api/reports/${ids['2024-W12']}/changes`)).json;
    expect(c.kpis.find((k: any) => k.name === '平均响应时间')).toMatchObject({ from: 250, to: 180, target: 200, targetOp: '≤' });
  });
});
