import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, signedUp, sleep, spaceWith } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.close(); });

it('keeps a stock y-websocket client that is alone in a report connected past its 30 s silence limit', { timeout: 90_000 }, async () => {
  const [u] = await signedUp(s.base, 'Alone');
  const spaceId = await spaceWith(u);
  const id = (await u.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W40' })).json.id;
  const c = connect(u, id);
  await c.synced;
  const statuses: string[] = [];
  c.provider.on('status', ({ status }: { status: string }) => statuses.push(status));
  await sleep(36_000);
  expect(statuses).not.toContain('disconnected');
  expect(c.provider.wsconnected).toBe(true);
  c.close();
});
