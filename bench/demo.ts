/**
 * Issue 17's "other paths" on the demo data (server/cli/demoReports.ts, 12 weeks imported as `npm run demo` does,
 * through the import route): the history panel (its list, then opening a version), "Start next week" (from the newest
 * week, each run starting the week after the last), and the project timeline page's call. Over HTTP against a
 * server on SQLite; each call's wall time and this process's CPU time (client and server: both run here).
 */
import fs from 'node:fs';
import { startServer } from '../server/index.js';
import { demoWeeks } from '../server/cli/demoReports.js';
import { TestUser } from '../tests/helpers/client.js';
import { freePort, tempDataDir } from '../tests/helpers/server.js';
import { timeOne, type Timings } from './stats.js';

export interface DemoTimings { history: Timings; snapshot: Timings; nextWeek: Timings; timeline: Timings; weeks: number }

export async function demoBench(rounds: number): Promise<DemoTimings> {
  const dataDir = tempDataDir();
  const port = await freePort();
  const server = await startServer({ port, baseURL: `http://localhost:${port}`, dataDir, databaseUrl: null, redisUrl: null, serveWeb: false });
  const base = `http://localhost:${port}`;
  try {
    const user = await new TestUser(base, 'demo').signUp();
    const spaceId = (await user.call('POST', '/api/spaces', { name: 'Demo' })).json.id as string;
    const weeks = demoWeeks(12);
    const ids: string[] = [];
    for (const w of weeks) {
      const r = await user.call('POST', `/api/spaces/${spaceId}/import?week=${w.week}`, w.markdown, { 'content-type': 'text/markdown' });
      if (r.status !== 201) throw new Error(`demo import ${w.week}: ${r.status} ${r.text.slice(0, 200)}`);
      ids.push(r.json.report.id as string);
    }
    const out: DemoTimings = { history: { wall: [], cpu: [] }, snapshot: { wall: [], cpu: [] }, nextWeek: { wall: [], cpu: [] }, timeline: { wall: [], cpu: [] }, weeks: weeks.length };
    const push = (t: Timings, x: { wall: number; cpu: number }) => { t.wall.push(x.wall); t.cpu.push(x.cpu); };
    const ok = async (method: string, p: string, body?: unknown) => {
      const r = await user.call(method, p, body);
      if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status}`);
      return r;
    };
    // "Start next week" from the newest week, then from the week it started, and so on.
    let newest = ids.at(-1)!;
    for (let i = 0; i < rounds; i++) {
      let r: Awaited<ReturnType<typeof ok>> | null = null;
      push(out.nextWeek, await timeOne(async () => { r = await ok('POST', `/api/reports/${newest}/next`); }));
      newest = (r!.json.report?.id ?? r!.json.id) as string;
    }
    // The history panel of a report with versions (the next-week ones above, a few saved by hand).
    const reportId = ids.at(-1)!;
    for (let i = 0; i < 3; i++) await ok('POST', `/api/reports/${reportId}/history`);
    const list = (await ok('GET', `/api/reports/${reportId}/history`)).json as { id: string }[];
    for (let i = 0; i < rounds; i++) {
      push(out.history, await timeOne(() => ok('GET', `/api/reports/${reportId}/history`)));
      push(out.snapshot, await timeOne(() => ok('GET', `/api/reports/${reportId}/history/${list[i % list.length].id}`)));
    }
    // The project timeline page (its one call), for each project of the demo space.
    const projects = ((await ok('GET', `/api/spaces/${spaceId}/projects`)).json.projects as { name: string }[]).map((p) => p.name);
    for (let i = 0; i < rounds; i++) {
      const p = projects[i % projects.length];
      push(out.timeline, await timeOne(() => ok('GET', `/api/spaces/${spaceId}/projects/${encodeURIComponent(p)}/timeline`)));
    }
    return out;
  } finally {
    await server.close();
    if (!process.env.BENCH_KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
