import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Peer } from './peer.js';
import { presenceProblem } from '../../shared/doc/presence.js';
import { messageAwareness } from './protocol.js';

/** How long changes are gathered before one frame goes out to each peer. */
const BATCH_MS = 25;
/** A cursor and a name take a few hundred bytes; anything near this is not a browser's presence. */
export const MAX_STATE_BYTES = 4096;
/** One provider speaks for one client id; a little room for a reconnect that reuses its socket. */
export const MAX_IDS_PER_PEER = 4;
/** Client ids remembered per room after their person left (oldest forgotten first). */
const MAX_REMEMBERED_IDS = 10_000;
type Change = { added: number[]; updated: number[]; removed: number[] };
interface Entry { clientID: number; clock: number; state: string }

/** Reads an awareness update's entries; throws on anything malformed. */
export function readAwarenessEntries(update: Uint8Array): Entry[] {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  const entries: Entry[] = [];
  for (let i = 0; i < n; i++) {
    const clientID = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    entries.push({ clientID, clock, state: decoding.readVarString(d) });
  }
  return entries;
}

function writeAwarenessEntries(entries: Entry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(e, x.clientID);
    encoding.writeVarUint(e, x.clock);
    encoding.writeVarString(e, x.state);
  }
  return encoding.toUint8Array(e);
}

/** One entry of an awareness update (client id, clock, JSON state), encoded once and reused in every frame. */
function encodeEntry(clientID: number, clock: number, state: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, clientID);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, state);
  return encoding.toUint8Array(e);
}

/** An awareness update of pre-encoded entries: just the count and the entries' bytes. */
function updateOf(entries: Uint8Array[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const x of entries) encoding.writeUint8Array(e, x);
  return encoding.toUint8Array(e);
}

/** The y-websocket awareness message (type 1, then the update as a varUint8Array) of pre-encoded entries. */
function frameOf(entries: Uint8Array[]): Uint8Array {
  let inner = 0;
  for (const x of entries) inner += x.length;
  const head = encoding.createEncoder();
  encoding.writeVarUint(head, messageAwareness);
  encoding.writeVarUint(head, inner + varUintLength(entries.length));
  encoding.writeVarUint(head, entries.length);
  const h = encoding.toUint8Array(head);
  // One allocation, the entries copied in once.
  const out = new Uint8Array(h.length + inner);
  out.set(h, 0);
  let at = h.length;
  for (const x of entries) {
    out.set(x, at);
    at += x.length;
  }
  return out;
}

const varUintLength = (n: number) => {
  let len = 1;
  while (n > 127) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
};

/**
 * The room's presence: one Awareness kept on the server. Incoming entries are checked (well-formed, JSON, a few
 * KB at most, a presence's shape and the sender's own user id (shared/doc/presence.ts), a few ids per peer, and only
 * ids the peer introduced itself), then applied; only entries whose clock advanced produce an 'update' (so echoes
 * of known states stop here). Changes are gathered for BATCH_MS and sent as one frame per peer, without the peer's
 * own entries: when everyone in a report moves at once, each peer gets one frame, not one per person.
 */
export class Presence {
  readonly awareness: Awareness;
  /** Which local peer introduced each present client id (ids from other processes have none). */
  private owners = new Map<number, Peer>();
  /**
   * Which person (user id) introduced each client id, kept after their connection closes: someone else may not
   * take the id over while they are away, or their presence would come back as the taker's (and a stock client
   * adopts a newer state for its own id as its own).
   */
  private introducedBy = new Map<number, string>();
  private changed = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Each present client's state as the JSON text it was received in (checked to parse, at most MAX_STATE_BYTES):
   * frames are built from it, so the hot path never turns a state back into JSON.
   */
  private raw = new Map<number, string>();

  constructor(doc: Y.Doc, private readonly peers: () => Iterable<Peer>, private readonly publish?: (update: Uint8Array) => void) {
    this.awareness = new Awareness(doc);
    this.awareness.setLocalState(null); // the server has no presence of its own
    this.awareness.on('update', this.onUpdate);
  }

  /** Everyone present, for a peer that just joined or asked. */
  snapshot(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length > 0 ? frameOf(ids.map(this.entry)) : null;
  }

  /** A client's entry as it stands: its clock and its state as received (`null` once it left). */
  private entry = (id: number): Uint8Array => {
    const clock = this.awareness.meta.get(id)?.clock ?? 0;
    const state = this.awareness.getStates().get(id);
    return encodeEntry(id, clock, state === undefined ? 'null' : (this.raw.get(id) ?? JSON.stringify(state)));
  };

  /** Applies a peer's (or another process's) awareness update. False: malformed or oversized, nothing applied. */
  apply(update: Uint8Array, origin: Peer | symbol): boolean {
    let entries: Entry[];
    const parsed = new Map<Entry, unknown>();
    try {
      entries = readAwarenessEntries(update);
      for (const x of entries) {
        if (x.state.length > MAX_STATE_BYTES) return false;
        const state = JSON.parse(x.state);
        if (presenceProblem(state) !== null) return false;
        parsed.set(x, state);
      }
    } catch {
      return false;
    }
    const states = this.awareness.getStates();
    const accepted = entries.filter((x) => {
      const owner = this.owners.get(x.clientID);
      if (typeof origin === 'symbol') return !owner; // another process may not touch what a local peer said
      if (owner === origin) return true;
      // Stock clients echo others' entries at the same clock: only a newer clock from the same person is a takeover.
      if (owner && owner.userId === origin.userId) return x.clock > (this.awareness.meta.get(x.clientID)?.clock ?? 0) && this.handOver(x.clientID, owner, origin);
      if (owner || states.has(x.clientID)) return false; // someone else's presence
      const introducer = this.introducedBy.get(x.clientID);
      if (introducer !== undefined && introducer !== origin.userId) return false; // someone else's, who is away
      return origin.awarenessIds.size < MAX_IDS_PER_PEER && x.state !== 'null';
    });
    if (typeof origin !== 'symbol') {
      if (accepted.length > MAX_IDS_PER_PEER) return false;
      // What the peer says of itself names the peer (user.id). Checked only here, after others' entries are set
      // aside: a stock client relays everyone's entries back, each naming its own person, and was closed for it.
      if (accepted.some((x) => presenceProblem(parsed.get(x), origin.userId) !== null)) return false;
    }
    if (accepted.length > 0) {
      // The text of what applyAwarenessUpdate keeps for each id: the first entry with the highest clock.
      const incoming = new Map<number, Entry>();
      for (const x of accepted) if (!(x.clock <= (incoming.get(x.clientID)?.clock ?? -1))) incoming.set(x.clientID, x);
      this.incoming = new Map([...incoming].map(([id, x]) => [id, x.state]));
      try {
        applyAwarenessUpdate(this.awareness, writeAwarenessEntries(accepted), origin);
      } finally {
        this.incoming = null;
      }
    }
    return true;
  }

  /** The person whose client id this is: its present owner's, or whoever introduced it here before. */
  userOf(clientID: number): string | undefined {
    return this.owners.get(clientID)?.userId ?? this.introducedBy.get(clientID);
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

  /** The same person's new connection takes over a client id from their old one (a reconnect before the close is seen). */
  private handOver(id: number, from: Peer, to: Peer) {
    from.awarenessIds.delete(id);
    to.awarenessIds.add(id);
    this.owners.set(id, to);
    return true;
  }

  /** The received texts of the update being applied (read by onUpdate). */
  private incoming: Map<number, string> | null = null;

  private onUpdate = ({ added, updated, removed }: Change, origin: unknown) => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    for (const id of removed) this.raw.delete(id);
    for (const id of added.concat(updated)) {
      const text = this.incoming?.get(id);
      if (text !== undefined) this.raw.set(id, text);
      else this.raw.delete(id); // changed some other way (a renewal): turned into JSON when next sent
    }
    if (origin && typeof origin === 'object' && 'awarenessIds' in origin) {
      const peer = origin as Peer;
      for (const id of [...added, ...updated]) {
        peer.awarenessIds.add(id);
        this.owners.set(id, peer);
        if (!this.introducedBy.has(id)) {
          this.introducedBy.set(id, peer.userId);
          if (this.introducedBy.size > MAX_REMEMBERED_IDS) this.introducedBy.delete(this.introducedBy.keys().next().value!);
        }
      }
    }
    for (const id of removed) {
      this.owners.get(id)?.awarenessIds.delete(id);
      this.owners.delete(id);
    }
    // Relay to other processes only what was said here (what came from them is theirs already).
    if (typeof origin !== 'symbol' && this.publish) this.publish(updateOf(changed.map(this.entry)));
    for (const id of changed) this.changed.add(id);
    this.timer ??= setTimeout(this.flush, BATCH_MS);
  };

  /**
   * Sends what has changed now instead of at the end of the batch: the room calls this right after a document
   * update went out, so each peer's presence frame leaves in the same socket write as the update (the transport
   * corks a socket for the rest of the turn) instead of a write of its own ~25 ms later.
   */
  flushPending() {
    if (this.changed.size === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.flush();
  }

  /**
   * Every changed entry is encoded once; a peer that owns none of them gets the shared frame, one that owns some a
   * frame of the others' entries, put together from the same bytes.
   */
  private flush = () => {
    this.timer = null;
    const changed = [...this.changed];
    this.changed.clear();
    const entries = changed.map(this.entry);
    let shared: Uint8Array | null = null;
    for (const peer of this.peers()) {
      let own = 0;
      for (const id of changed) if (peer.awarenessIds.has(id)) own++;
      if (own === 0) peer.send((shared ??= frameOf(entries)));
      else if (own < changed.length) peer.send(frameOf(entries.filter((_, i) => !peer.awarenessIds.has(changed[i]))));
    }
  };
}
