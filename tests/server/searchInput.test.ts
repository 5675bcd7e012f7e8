import { beforeAll, expect, it } from 'vitest';
import { signedUp, type TestUser } from '../helpers/client.js';
import { eachDatabase } from '../helpers/eachDatabase.js';

// Both stores: SQLite's FTS and PostgreSQL's text parameters each choke on a NUL byte in their own way.
eachDatabase('control characters in search terms', (server) => {
  let owner: TestUser;
  let space: string;
  beforeAll(async () => {
    [owner] = await signedUp(server().base, 'Seeker');
    space = (await owner.call('POST', '/api/spaces', { name: 'Search' })).json.id;
    const md = '# 2024-W12\n\n## 【O1 业务服务】\n\n1. Gateway rollout：整体进度50%\n';
    expect((await owner.call('POST', `/api/spaces/${space}/import`, md, { 'content-type': 'text/markdown' })).status).toBe(201);
  });

  const search = (q: string) => owner.call('GET', `/api/spaces/${space}/search?q=${q}`);

  it('answers a term of only control characters with no results, never a 500', async () => {
    for (const q of ['%00', '%00%00%00', '%01%1F%7F', '%00%20%09']) {
      const r = await search(q);
      expect(r.status, q).toBe(200);
      expect(r.json).toEqual({ results: [] });
    }
  });

  it('a project name with control characters in a timeline or the projects page is never a 500', async () => {
    for (const name of ['%00', 'Gateway%00rollout', '%01%1F']) {
      const r = await owner.call('GET', `/api/spaces/${space}/projects/${name}/timeline`);
      expect([200, 400, 404], `${name}: ${r.text.slice(0, 120)}`).toContain(r.status);
    }
  });

  it('drops control characters inside a term and still finds the rest', async () => {
    for (const q of ['Gate%00way', 'Gateway%00', '%00Gateway', 'Gate%07way%1B']) {
      const r = await search(q);
      expect(r.status, q).toBe(200);
      expect(r.json.results.length, q).toBe(1);
      expect(r.json.results[0].snippet).not.toMatch(/[\u0000-\u001f]/);
    }
  });
});
