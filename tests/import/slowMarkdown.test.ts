/**
 * Markdown that costs micromark quadratic time (server/domain/markdownWorkers.ts): parsed in a worker thread with a
 * time budget, never on the server's own thread. 80 kB of `*_*_…` takes micromark minutes.
 */
import os from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { markdownBlocksInWorkers, MarkdownTooSlow } from '../../server/domain/markdownWorkers.js';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const slow = `# 2031-W40\n\n## 【O1 业务服务】\n\n${'*_'.repeat(40_000)}\n`;

let s: TestServer;
let owner: TestUser;
let space: string;
beforeAll(async () => {
  s = await startTestServer();
  [owner] = await signedUp(s.base, 'Owner');
  space = await spaceWith(owner);
});
afterAll(async () => { await s?.close(); });

// On one core there are no workers (the parse has nowhere else to go).
const workers = os.availableParallelism() >= 2;

it.runIf(workers)('answers other requests while such a file is read, then refuses it with 400 too_complex, writing nothing', async () => {
  const order: string[] = [];
  const imported = owner.call('POST', `/api/spaces/${space}/import`, slow, { 'content-type': 'text/markdown' }).then((r) => {
    order.push('import');
    return r;
  });
  // Once the import is under way, the server still answers at once (the parse is not on its thread).
  await new Promise((r) => setTimeout(r, 500));
  const health = await fetch(`${s.base}/api/health`);
  order.push('health');
  expect(health.status).toBe(200);
  const r = await imported;
  expect(order).toEqual(['health', 'import']);
  expect(r.status, r.text.slice(0, 200)).toBe(400);
  expect(r.json.error.code).toBe('too_complex');
  expect((await owner.call('GET', `/api/spaces/${space}/reports`)).json).toEqual([]);
  // The workers were ended; the next file gets new ones.
  const ok = await owner.call('POST', `/api/spaces/${space}/import`, '# 2031-W41\n\n## 【O1 业务服务】\n\n1. 【收银台】改版 进度50%\n', { 'content-type': 'text/markdown' });
  expect(ok.status, ok.text.slice(0, 200)).toBe(201);
});

it.runIf(workers)('a parse past its budget throws MarkdownTooSlow', async () => {
  const read = async () => { for await (const _ of markdownBlocksInWorkers(slow, 300)); };
  await expect(read()).rejects.toBeInstanceOf(MarkdownTooSlow);
});

it.runIf(workers)('two such files at once are both refused in the workers, and a real report beside them imports', async () => {
  const post = (body: string) => owner.call('POST', `/api/spaces/${space}/import`, body, { 'content-type': 'text/markdown' });
  const order: string[] = [];
  const slowA = post(slow).then((r) => (order.push('a'), r));
  const slowB = post(slow.replace('2031-W40', '2031-W42')).then((r) => (order.push('b'), r));
  const real = post('# 2031-W43\n\n## 【O1 业务服务】\n\n1. 【收银台】改版 进度60%\n');
  await new Promise((r) => setTimeout(r, 500));
  // When the first is refused its workers end; the other's batch must not fall back to this thread.
  const refused = () => order.filter((x) => x !== 'health').length;
  for (let i = 0; i < 40 && refused() < 2; i++) {
    expect((await fetch(`${s.base}/api/health`)).status).toBe(200);
    order.push('health');
    await new Promise((r) => setTimeout(r, 1000));
  }
  const [a, b, ok] = await Promise.all([slowA, slowB, real]);
  expect([a.json.error?.code, b.json.error?.code]).toEqual(['too_complex', 'too_complex']);
  expect(ok.status, ok.text.slice(0, 200)).toBe(201);
  // Health was answered after the first refusal too (the second was still being read then).
  expect(order.indexOf('health', order.findIndex((x) => x === 'a' || x === 'b'))).toBeGreaterThan(-1);
});
