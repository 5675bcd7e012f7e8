import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Peer } from './peer.js';
import { encodeAwareness } from './protocol.js';

/** How long changes are gathered before one frame goes out to each peer. */
const BATCH_MS = 25;
type Change = { added: number[]; updated: number[]; removed: number[] };

/**
 * The room's presence: one Awareness kept on the server. Incoming entries are applied to it, and only entries
 * whose clock advanced produce an 'update' (so echoes of known states stop here). Changes are gathered for
 * BATCH_MS and sent as one frame per peer, without the peer's own entries: when everyone in a report moves
 * at once, each peer gets one frame, not one per person.
 */
export class Presence {
  readonly awareness: Awareness;
  private changed = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(doc: Y.Doc, private readonly peers: () => Iterable<Peer>, private readonly publish?: (update: Uint8Array) => void) {
    this.awareness = new Awareness(doc);
    this.awareness.setLocalState(null); // the server has no presence of its own
    this.awareness.on('update', this.onUpdate);
  }

  /** Everyone present, for a peer that just joined or asked. */
  snapshot(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length > 0 ? encodeAwareness(this.awareness, ids) : null;
  }

  apply(update: Uint8Array, origin: Peer | symbol) {
    applyAwarenessUpdate(this.awareness, update, origin);
  }

  /** A closed connection's entries are removed for everyone. */
  removePeer(peer: Peer) {
    if (peer.awarenessIds.size > 0) removeAwarenessStates(this.awareness, [...peer.awarenessIds], peer);
  }

  destroy() {
    if (this.timer) clearTimeout(this.timer);
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }

  private onUpdate = ({ added, updated, removed }: Change, origin: unknown) => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    if (origin && typeof origin === 'object' && 'awarenessIds' in origin) {
      const peer = origin as Peer;
      for (const id of [...added, ...updated]) peer.awarenessIds.add(id);
      for (const id of removed) peer.awarenessIds.delete(id);
    }
    // Relay to other processes only what was said here (what came from them is theirs already).
    if (typeof origin !== 'symbol' && this.publish) this.publish(encodeAwarenessUpdate(this.awareness, changed));
    for (const id of changed) this.changed.add(id);
    this.timer ??= setTimeout(this.flush, BATCH_MS);
  };

  private flush = () => {
    this.timer = null;
    const changed = [...this.changed];
    this.changed.clear();
    let shared: Uint8Array | null = null;
    for (const peer of this.peers()) {
      const own = changed.filter((id) => peer.awarenessIds.has(id));
      if (own.length === 0) peer.send((shared ??= encodeAwareness(this.awareness, changed)));
      else if (own.length < changed.length) peer.send(encodeAwareness(this.awareness, changed.filter((id) => !peer.awarenessIds.has(id))));
    }
  };
}
