import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { MemoryDocStore } from '../../server/db/memoryDocStore.js';
import { Room } from '../../server/sync/room.js';
import { reportShape } from '../../shared/blocks/docShape.js';
import { decodeMessage, encodeUpdate } from '../../server/sync/protocol.js';
import type { Peer } from '../../server/sync/peer.js';

/** Issue 17: updates stored in one write go out as one merged message, encoded once; nobody gets their own edit back. */
const peer = (id: string): Peer & { got: Uint8Array[] } => {
  const got: Uint8Array[] = [];
  return { id, userId: `user-${id}`, readOnly: false, awarenessIds: new Set(), send: (m) => got.push(m), close: () => {}, got };
};
const paragraphUpdate = (text: string) => {
  const doc = new Y.Doc();
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.insert(0, text);
  p.insert(0, [t]);
  doc.getXmlFragment('default').insert(0, [p]);
  return Y.encodeStateAsUpdate(doc);
};
const updatesIn = (frames: Uint8Array[]) => frames.map((f) => decodeMessage(f)).filter((m) => m.type === 'update');
const textOf = (updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getXmlFragment('default').toArray().map((p) => ((p as Y.XmlElement).get(0) as Y.XmlText).toString()).sort();
};

describe('broadcast per write', () => {
  it('three updates from two writers in one turn: one message to the reader, the others\' edits to each writer, all stored first', async () => {
    const store = new MemoryDocStore();
    const published: Uint8Array[] = [];
    const room = await Room.load('r1', store, { publish: (_id, u) => published.push(u) }, reportShape());
    const [a, b, reader] = [peer('a'), peer('b'), peer('reader')];
    for (const p of [a, b, reader]) room.join(p);
    for (const p of [a, b, reader]) p.got.length = 0;
    room.receive(a, encodeUpdate(paragraphUpdate('from a, 1')));
    room.receive(b, encodeUpdate(paragraphUpdate('from b')));
    room.receive(a, encodeUpdate(paragraphUpdate('from a, 2')));
    expect(reader.got).toHaveLength(0); // nothing before the write
    await room.flushed();
    const toReader = updatesIn(reader.got);
    expect(toReader).toHaveLength(1);
    expect(textOf(toReader.map((m) => (m as { update: Uint8Array }).update))).toEqual(['from a, 1', 'from a, 2', 'from b']);
    expect(textOf(updatesIn(a.got).map((m) => (m as { update: Uint8Array }).update))).toEqual(['from b']);
    expect(textOf(updatesIn(b.got).map((m) => (m as { update: Uint8Array }).update))).toEqual(['from a, 1', 'from a, 2']);
    expect(published).toHaveLength(1);
    expect(textOf(published)).toEqual(['from a, 1', 'from a, 2', 'from b']);
    expect(textOf((await store.load('r1')).updates)).toEqual(['from a, 1', 'from a, 2', 'from b']);
    room.destroy();
  });

  it('a lone writer\'s update is sent as it came, once, to everyone else', async () => {
    const room = await Room.load('r2', new MemoryDocStore(), {}, reportShape());
    const [a, reader] = [peer('a'), peer('reader')];
    room.join(a);
    room.join(reader);
    reader.got.length = 0;
    a.got.length = 0;
    const u = paragraphUpdate('solo');
    room.receive(a, encodeUpdate(u));
    await room.flushed();
    expect(a.got).toHaveLength(0);
    expect(updatesIn(reader.got)).toHaveLength(1);
    const d = decoding.createDecoder(reader.got[0]);
    expect([decoding.readVarUint(d), decoding.readVarUint(d)]).toEqual([0, 2]); // sync, update
    expect(textOf([decoding.readVarUint8Array(d)])).toEqual(['solo']);
    room.destroy();
  });
});
