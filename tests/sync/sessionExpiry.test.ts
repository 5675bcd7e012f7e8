/**
 * A session that expires (or is deleted behind the server's back) stops working on open sockets too: every socket
 * re-checks its session periodically. Here the period is shortened through SOCKET_RECHECK_MS on a child server.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { ChildServer } from '../helpers/childServer.js';
import { rawSocket } from '../helpers/rawSocket.js';

let server: ChildServer;
let owner: TestUser;
beforeAll(async () => {
  server = new ChildServer(undefined, { SOCKET_RECHECK_MS: '300' });
  await server.start();
  [owner] = await signedUp(server.base, 'Owner');
});
afterAll(async () => { await server.kill(); });

it('an expired session closes its open socket (4401) at the next periodic check', async () => {
  const spaceId = await spaceWith(owner);
  const id = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2025-W10' })).json.id as string;
  const sock = await rawSocket(owner, id);
  // Still open across several checks while the session is valid.
  await new Promise((r) => setTimeout(r, 1200));
  expect(sock.isOpen()).toBe(true);
  const db = new Database(path.join(server.dataDir, 'cadence.db'));
  db.prepare('update session set expiresAt = ? where userId = ?').run(new Date(Date.now() - 60_000).toISOString(), owner.id);
  db.close();
  expect(await sock.closed).toBe(4401);
});
