/**
 * The y-websocket wire protocol, as pure encode/decode functions (no sockets, no rooms).
 *
 * Every message starts with a varUint type:
 *   0 sync       followed by a y-protocols sync message:
 *                  0 step 1 (state vector: "send me what I miss"), 1 step 2 (the missing update), 2 update
 *   1 awareness  followed by an awareness update (client id, clock, JSON state per entry)
 *   3 query awareness (no payload): "send me all awareness states"
 *
 * A message does not carry the room name: the socket's URL does (/api/sync/:reportId).
 * Flow: on connect the server sends step 1 and the room's awareness; the client answers with step 2 and
 * its own step 1; the server answers that with step 2. After that both sides send updates.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

export const messageSync = 0;
export const messageAwareness = 1;
export const messageQueryAwareness = 3;

export type Incoming =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array } // sync step 2 or update: both carry a Yjs update
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'unknown'; code: number };

export function decodeMessage(data: Uint8Array): Incoming {
  const d = decoding.createDecoder(data);
  const type = decoding.readVarUint(d);
  switch (type) {
    case messageSync: {
      const sub = decoding.readVarUint(d);
      if (sub === syncProtocol.messageYjsSyncStep1) return { type: 'syncStep1', stateVector: decoding.readVarUint8Array(d) };
      if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) return { type: 'update', update: decoding.readVarUint8Array(d) };
      return { type: 'unknown', code: sub };
    }
    case messageAwareness:
      return { type: 'awareness', update: decoding.readVarUint8Array(d) };
    case messageQueryAwareness:
      return { type: 'queryAwareness' };
    default:
      return { type: 'unknown', code: type };
  }
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, messageSync);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, messageSync);
  syncProtocol.writeSyncStep2(e, doc, stateVector);
  return encoding.toUint8Array(e);
}

/** Sync step 2 carrying an update already encoded (a stored snapshot): the same bytes `encodeSyncStep2` would frame. */
export function encodeSyncStep2Update(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, messageSync);
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, messageSync);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, messageAwareness);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(e);
}
