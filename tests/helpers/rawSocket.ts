import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { TestUser } from './client.js';

/** A bare authenticated WebSocket on /api/sync/:id, for sending exact frames and seeing how the server closes. */
export async function rawSocket(user: TestUser, reportId: string) {
  const ws = new WebSocket(user.base.replace('http', 'ws') + '/api/sync/' + encodeURIComponent(reportId), { headers: { cookie: user.cookie }, origin: user.base });
  ws.binaryType = 'arraybuffer';
  const received: Uint8Array[] = [];
  ws.on('message', (d: ArrayBuffer) => received.push(new Uint8Array(d)));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    received,
    closed,
    send: (bytes: Uint8Array | number[]) => ws.send(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)),
    isOpen: () => ws.readyState === WebSocket.OPEN,
    close: () => ws.terminate(),
  };
}

/** A sync "update" message (type 0, sub-type 2) carrying a Yjs update. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** An awareness message (type 1) with the given entries. */
export function awarenessFrame(entries: { clientID: number; clock: number; state: string }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(inner, x.clientID);
    encoding.writeVarUint(inner, x.clock);
    encoding.writeVarString(inner, x.state);
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

/** The update a change makes to a copy of `base` (a doc as the server has it), as a client would send it. */
export function updateFrom(base: Y.Doc | null, change: (doc: Y.Doc) => void, clientID?: number): Uint8Array {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  change(doc);
  const u = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return u;
}
