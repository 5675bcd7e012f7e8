import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { awarenessFrame, rawSocket, updateFrame } from '../helpers/rawSocket.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Issue 17, server CPU under live editing: socket writes are most of it. Presence changes waiting for their batch
 * go out with the next document update, in the same socket write (server/sync/room.ts broadcast, presence.ts
 * flushPending, transport.ts corkForTurn), instead of a write of their own ~25 ms later. Seen here at the TCP
 * level: the reader's socket delivers the update frame and the presence frame in one chunk.
 */
let s: TestServer;
let owner: TestUser, editor: TestUser;
let reportId: string;
beforeAll(async () => {
  s = await startTestServer();
  [owner, editor] = await signedUp(s.base, 'WriteOwner', 'WriteEditor');
  const spaceId = await spaceWith(owner, [[editor, 'editor']]);
  reportId = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W21' })).json.id;
});
afterAll(async () => { await s.close(); });

const socketOf = (ws: unknown) => (ws as { _socket: Duplex })._socket;

/** The y-protocols message types of the WebSocket frames in each TCP chunk the socket reads (server frames are unmasked). */
function framesPerChunk(socket: Duplex) {
  const chunks: number[][] = [];
  let carry = Buffer.alloc(0);
  socket.prependListener('data', (data: Buffer) => {
    let buf = Buffer.concat([carry, data]);
    const types: number[] = [];
    for (;;) {
      if (buf.length < 2) break;
      let len = buf[1] & 0x7f;
      let head = 2;
      if (len === 126) { if (buf.length < 4) break; len = buf.readUInt16BE(2); head = 4; }
      else if (len === 127) { if (buf.length < 10) break; len = Number(buf.readBigUInt64BE(2)); head = 10; }
      if (buf.length < head + len) break;
      if ((buf[0] & 0x0f) === 2) types.push(buf[head]); // binary frame: its first byte is the message type
      buf = buf.subarray(head + len);
    }
    carry = buf;
    chunks.push(types);
  });
  return chunks;
}

it('a document update and the presence change before it reach a peer in one socket write', async () => {
  const reader = await rawSocket(owner, reportId);
  const chunks = framesPerChunk(socketOf(reader.ws));
  const writer = await rawSocket(editor, reportId);
  await eventually(() => writer.received.length > 0 && reader.received.length > 0, 'joined');
  const clientID = 424242;
  const doc = new Y.Doc();
  doc.clientID = clientID;
  // Three times, each a cursor move then an edit sent in one TCP write, so the server reads them together.
  for (let attempt = 1; attempt <= 3; attempt++) {
    chunks.length = 0;
    const before = Y.encodeStateVector(doc);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(`第${attempt}次：光标移动和编辑一起到`)]);
    doc.getXmlFragment('default').insert(0, [p]);
    const update = Y.encodeStateAsUpdate(doc, before);
    const tcp = socketOf(writer.ws);
    tcp.cork();
    writer.send(awarenessFrame([{ clientID, clock: attempt, state: JSON.stringify({ user: { name: '乙' }, cursor: { anchor: { item: { client: clientID, clock: attempt }, assoc: 0 }, head: { item: { client: clientID, clock: attempt }, assoc: 0 } } }) }]));
    writer.send(updateFrame(update));
    tcp.uncork();
    await eventually(() => chunks.flat().includes(0) && chunks.flat().includes(1), `update and presence received (attempt ${attempt})`);
    // The update (type 0) and the presence frame (type 1) came in the same chunk, the update first.
    expect(chunks.filter((c) => c.length > 0)).toEqual([[0, 1]]);
  }
  reader.close();
  writer.close();
});
