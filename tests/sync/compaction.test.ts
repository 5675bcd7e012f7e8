import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryDocStore } from '../../server/db/memoryDocStore.js';
import { loadYDoc } from '../../server/db/docStore.js';
import { Room } from '../../server/sync/room.js';
import { reportShape } from '../../shared/blocks/docShape.js';
import { encodeUpdate } from '../../server/sync/protocol.js';
import type { Peer } from '../../server/sync/peer.js';

/**
 * Issue 17: a room alone on its store compacts by storing its open document's state (replaceLog) instead of
 * re-applying the log; what is stored must still be everything, including writes right after the compaction.
 */
describe('compaction from the open document', () => {
  it('keeps every edit across several compactions, and the log short', async () => {
    const store = new MemoryDocStore();
    const room = await Room.load('c1', store, {}, reportShape());
    const writer: Peer = { id: 'w', userId: 'u', readOnly: false, awarenessIds: new Set(), send: () => {}, close: () => { throw new Error('closed'); } };
    room.join(writer);
    const doc = new Y.Doc();
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    p.insert(0, [t]);
    doc.on('update', (u: Uint8Array) => room.receive(writer, encodeUpdate(u)));
    doc.getXmlFragment('default').insert(0, [p]);
    for (let i = 0; i < 1234; i++) {
      t.insert(t.length, String(i % 10));
      if (i % 7 === 0) await room.flushed();
    }
    await room.flushed();
    const stored = await store.load('c1');
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates.length).toBeLessThan(500);
    const loaded = await loadYDoc(store, 'c1');
    const text = ((loaded.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText).toString();
    expect(text).toBe(t.toString());
    expect(text).toHaveLength(1234);
    room.destroy();
  });
});
