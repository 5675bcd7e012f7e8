import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * A space whose weeks hold thousands of items (hostile-input probe): importing a week of thousands of new project
 * names matched each against every item of the nearby weeks (names × items, a regular expression each: 7.7 minutes
 * with the process held), and a report's changes matched each item by scanning last week's (13 s). Both are lookups
 * now; with 10,000 items a week the steps here took well over a minute before (9 s now), so the time limit is what fails.
 */
const N = 10_000;
const week = (w: string, name: (i: number) => string, progress: number) =>
  [`# ${w}`, '', 'Created: 2024年7月26日 10:00', '', '## 【O1 业务服务】', '',
    ...Array.from({ length: N }, (_, i) => `- ${name(i)}进度${progress}%，计划8/${(i % 28) + 1}上线`)].join('\n');

let s: TestServer;
let owner: TestUser;
let spaceId: string;
beforeAll(async () => {
  s = await startTestServer();
  [owner] = await signedUp(s.base, 'ManyItems');
  spaceId = await spaceWith(owner);
});
afterAll(async () => { await s.close(); });

it('imports a week of thousands of new names beside a week of thousands, linking names written differently', { timeout: 60_000 }, async () => {
  const first = await owner.call('POST', `/api/spaces/${spaceId}/import?week=2024-W30`, week('2024-W30', (i) => `清结算${i}号项目`, 40), { 'content-type': 'text/markdown' });
  expect(first.status).toBe(201);
  expect(first.json.counts.okrs).toBe(N);
  // Half the names are last week's written differently (no 项目 suffix): linked; the other half are new.
  const second = await owner.call('POST', `/api/spaces/${spaceId}/import?week=2024-W31`, week('2024-W31', (i) => (i % 2 ? `清结算${i}号` : `新工程${i}号`), 50), { 'content-type': 'text/markdown' });
  expect(second.status).toBe(201);
  expect(second.json.links.length).toBe(N / 2);
  expect(second.json.links[0]).toMatchObject({ name: '清结算1号', linkedTo: '清结算1号项目', week: '2024-W30' });

  const changes = await owner.call('GET', `/api/reports/${second.json.report.id}/changes`);
  expect(changes.status).toBe(200);
  expect(changes.json.counts).toMatchObject({ new: N / 2, dropped: N / 2, moved: N / 2 });
  const moved = changes.json.items.find((i: { project: string }) => i.project === '清结算1号');
  expect(moved).toMatchObject({ change: 'changed', progress: { from: 40, to: 50 } });
});
