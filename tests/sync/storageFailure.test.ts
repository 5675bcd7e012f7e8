import { afterAll, beforeAll, expect, it } from 'vitest';
import { CloseCodes } from '../../server/sync/peer.js';
import { MemoryDocStore } from '../../server/db/memoryDocStore.js';
import { appendParagraph, connect, eventually, signedUp, spaceWith, type Conn, type TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
let a: TestUser, b: TestUser;
// Documents in memory, so the test can make storage fail and come back at will.
const store = new MemoryDocStore();
beforeAll(async () => {
  s = await startTestServer({ docStore: store });
  [a, b] = await signedUp(s.base, 'Writer', 'Reader');
});
afterAll(async () => { await s.close(); });

it('when storage fails nothing is broadcast, and the writer\'s edit is stored once storage is back', async () => {
  const spaceId = await spaceWith(a, [[b, 'editor']]);
  const id = (await a.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W20' })).json.id;
  const ca = connect(a, id), cb = connect(b, id);
  await Promise.all([ca.synced, cb.synced]);
  appendParagraph(ca, 'stored before the failure');
  await eventually(() => cb.text().includes('stored before the failure'), 'first edit');

  // Storage breaks.
  const closeCodes = (c: Conn) => {
    const codes: number[] = [];
    c.provider.on('connection-close', (e: CloseEvent | null) => e && codes.push(e.code));
    return codes;
  };
  const closedA = closeCodes(ca), closedB = closeCodes(cb);
  store.failing = true;
  appendParagraph(ca, 'typed while storage was down');
  // First the positive signal: the server tried to store the edit, failed and closed the room for both peers
  // (after that the room sends nothing, and no room can load until storage is back). Only then the absence.
  const failed = CloseCodes.StorageFailed.code;
  await eventually(() => closedA.includes(failed) && closedB.includes(failed), 'the failed write closes the room');
  expect(cb.text()).not.toContain('typed while storage was down'); // never broadcast what was not stored

  // Storage comes back; the writer's provider reconnects and sends what the server lacks.
  store.failing = false;
  await eventually(() => cb.text().includes('typed while storage was down'), 'edit delivered after recovery', 15_000, 100);
  ca.close(); cb.close();
  await eventually(async () => (await s.rooms.peek(id)) === null, 'room released');
  const fresh = connect(b, id);
  await fresh.synced;
  expect(fresh.text()).toContain('typed while storage was down');
  fresh.close();
});
