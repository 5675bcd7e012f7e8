import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness';
import { Presence, readAwarenessEntries } from '../../server/sync/presence.js';
import type { Peer } from '../../server/sync/peer.js';

/** Issue 17: presence frames are built from each entry's bytes, encoded once, from the state text as received. */
const peer = (id: string, userId = id): Peer & { got: Uint8Array[] } => {
  const got: Uint8Array[] = [];
  return { id, userId, readOnly: false, awarenessIds: new Set(), send: (m) => got.push(m), close: () => {}, got };
};
const update = (entries: [number, number, string][]) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, state);
  }
  return encoding.toUint8Array(e);
};
const entriesOf = (frame: Uint8Array) => {
  const d = decoding.createDecoder(frame);
  expect(decoding.readVarUint(d)).toBe(1); // awareness message
  return readAwarenessEntries(decoding.readVarUint8Array(d));
};

describe('presence frames', () => {
  it('relay each state as received to everyone else, one frame per peer per batch, and a stock Awareness reads them', () => {
    vi.useFakeTimers();
    try {
      const peers = [peer('a'), peer('b'), peer('c')];
      const presence = new Presence(new Y.Doc(), () => peers);
      const textA = '{"user":{"name":"甲","color":"#4f46e5"},"cursor":{"anchor":{"item":{"client":11,"clock":0},"assoc":0},"head":{"item":{"client":11,"clock":0},"assoc":0}}}';
      expect(presence.apply(update([[11, 1, textA]]), peers[0])).toBe(true);
      expect(presence.apply(update([[22, 1, '{"user":{"name":"B"}}']]), peers[1])).toBe(true);
      vi.advanceTimersByTime(100);
      // a owns 11: it gets only 22; b only 11; c both, in one frame.
      expect(peers[0].got.map(entriesOf)).toEqual([[{ clientID: 22, clock: 1, state: '{"user":{"name":"B"}}' }]]);
      expect(peers[1].got.map(entriesOf)).toEqual([[{ clientID: 11, clock: 1, state: textA }]]);
      expect(peers[2].got).toHaveLength(1);
      const other = new Awareness(new Y.Doc());
      const d = decoding.createDecoder(peers[2].got[0]);
      decoding.readVarUint(d);
      applyAwarenessUpdate(other, decoding.readVarUint8Array(d), 'test');
      expect(other.getStates().get(11)).toEqual(JSON.parse(textA));
      // The joiner's snapshot holds both; a peer leaving sends null at its clock.
      expect(entriesOf(presence.snapshot()!).map((x) => x.clientID).sort()).toEqual([11, 22]);
      presence.removePeer(peers[0]);
      vi.advanceTimersByTime(100);
      expect(entriesOf(peers[1].got.at(-1)!)).toEqual([{ clientID: 11, clock: 1, state: 'null' }]); // same clock, null: y-protocols' removal
      presence.destroy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('one id twice in an update: what is relayed is the state that was applied (the first at the highest clock)', () => {
    vi.useFakeTimers();
    try {
      const peers = [peer('a'), peer('b')];
      const presence = new Presence(new Y.Doc(), () => peers);
      expect(presence.apply(update([[5, 3, '{"n":"applied"}'], [5, 2, '{"n":"older"}'], [5, 3, '{"n":"same clock"}']]), peers[0])).toBe(true);
      vi.advanceTimersByTime(100);
      expect(entriesOf(peers[1].got[0])).toEqual([{ clientID: 5, clock: 3, state: '{"n":"applied"}' }]);
      expect(presence.awareness.getStates().get(5)).toEqual({ n: 'applied' });
      presence.destroy();
    } finally {
      vi.useRealTimers();
    }
  });
});
