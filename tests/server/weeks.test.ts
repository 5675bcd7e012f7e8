import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, type TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { addWeek, isWeek, weekStart } from '../../shared/week.js';

let s: TestServer;
let owner: TestUser;
let space: string;
beforeAll(async () => {
  s = await startTestServer();
  [owner] = await signedUp(s.base, 'Weeks');
  space = (await owner.call('POST', '/api/spaces', { name: 'Calendar' })).json.id;
});
afterAll(async () => { await s.close(); });

const reports = async () => (await owner.call('GET', `/api/spaces/${space}/reports`)).json.map((r: any) => r.week).sort();
const importAs = (markdown: string, query = '') => owner.call('POST', `/api/spaces/${space}/import${query}`, markdown, { 'content-type': 'text/markdown' });
const MARKDOWN = '# 2030-W10\n\n## 【O1 业务服务】\n\n1. 支付网关：整体进度50%\n';

describe('week range', () => {
  it('knows weeks of the years 2000 to 2100 only, and never reads year 0 as 1900', () => {
    for (const w of ['2000-W01', '2024-W12', '2020-W53', '2100-W52']) expect(isWeek(w), w).toBe(true);
    for (const w of ['0000-W01', '1999-W52', '2101-W01', '9999-W52', '10000-W01', '2024-W54', '2021-W53', '2024-W00']) expect(isWeek(w), w).toBe(false);
    // Arithmetic still works just outside the range (a dashboard of 2000-W02 looks back into 1999).
    expect(addWeek('2000-W01', -1)).toBe('1999-W52');
    expect(addWeek('2100-W52', 1)).toBe('2101-W01');
    expect(weekStart('0000-W01').getFullYear()).not.toBe(1900);
  });

  it('refuses weeks outside the range with 400 when creating or importing, and writes nothing', async () => {
    for (const week of ['9999-W52', '0000-W01', '1999-W52', '2101-W01', '10000-W01']) {
      const r = await owner.call('POST', `/api/spaces/${space}/reports`, { week });
      expect(r.status, week).toBe(400);
      expect(r.json.error.code).toBe('invalid_input');
      expect(r.json.error.message).toContain('2000–2100');
      const imp = await importAs(MARKDOWN, `?week=${week}`);
      expect(imp.status, week).toBe(400);
      expect(imp.json.error.code).toBe('invalid_week');
    }
    const titled = await importAs(MARKDOWN.replace('2030-W10', '9999-W52'));
    expect(titled.status).toBe(400);
    const dash = await owner.call('GET', `/api/spaces/${space}/dashboard?week=9999-W52`);
    expect(dash.status).toBe(400);
    expect(await reports()).toEqual([]);
  });

  it('serves the first and last weeks on every route, and refuses the week after 2100-W52 with 400', async () => {
    const first = await owner.call('POST', `/api/spaces/${space}/reports`, { week: '2000-W01' });
    const last = await owner.call('POST', `/api/spaces/${space}/reports`, { week: '2100-W52' });
    expect([first.status, last.status]).toEqual([201, 201]);
    for (const r of [first.json, last.json]) {
      for (const p of ['', '/items', '/markdown', '/comments', '/history', '/neighbours']) {
        const got = await owner.call('GET', `/api/reports/${r.id}${p}`);
        expect(got.status, `${r.week} ${p}`).toBe(200);
      }
      expect((await owner.call('GET', `/api/spaces/${space}/dashboard?week=${r.week}`)).status, r.week).toBe(200);
    }
    const next = await owner.call('POST', `/api/reports/${last.json.id}/next`);
    expect(next.status).toBe(400);
    expect(next.json.error.code).toBe('invalid_week');
    expect(next.json.error.message).toContain('2101-W01');
    expect(await reports()).toEqual(['2000-W01', '2100-W52']);
    expect((await owner.call('POST', `/api/reports/${first.json.id}/next`)).json.week).toBe('2000-W02');
  });

  it('answers rollups over extreme date ranges without a 500', async () => {
    for (const q of ['?from=0000-01-01&to=9999-12-31', '?from=9999-12-31', '?to=0000-01-01', '?from=2000-01-01&to=2100-12-31']) {
      for (const p of ['incidents', 'incidents/summary']) {
        const r = await owner.call('GET', `/api/spaces/${space}/${p}${q}`);
        expect(r.status, `${p}${q}`).toBeLessThan(500);
      }
    }
  });
});
