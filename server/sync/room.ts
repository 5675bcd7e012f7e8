import * as Y from 'yjs';
import type { DocStore, StoredDoc } from '../db/docStore.js';
import { applyStored, LARGE_DOC_BYTES } from '../db/docLog.js';
import { logger } from '../log.js';
import { CloseCodes, type Peer } from './peer.js';
import { Presence } from './presence.js';
import { decodeMessage, encodeSyncStep1, encodeSyncStep2, encodeSyncStep2Update, encodeUpdate } from './protocol.js';
import { checkUpdate } from './updateCheck.js';
import { addedBytes, type DecodedUpdate } from './addedBytes.js';
import type { SyncObserver } from './observer.js';
import { removeMisfits, type DocShape } from '../../shared/doc/shape.js';
import { MAX_DOC_BYTES } from '../../shared/doc/limits.js';

const log = logger('room');

/** Origin of updates that came from another server process: already stored there, so only broadcast here. */
export const REMOTE = Symbol('remote');
const EMPTY_STATE_VECTOR = new Uint8Array([0]);
/** Smaller documents encode in well under a millisecond: not worth keeping a copy per open report. */
const KEEP_WHOLE_DOC_FROM = 64 * 1024;
/** Origin of changes the server itself makes (restore, carry-forward): stored and broadcast to every peer. */
export const SERVER = Symbol('server');

/** What the layers above hear after a batch of updates is durable (indexing, history, mentions, timestamps). */
export interface StoredEvent {
  reportId: string;
  /** Users whose edits were in the batch (none for server changes). */
  writers: string[];
  /** The document's state now, or null once the room has been released. */
  readState(): Uint8Array | null;
}

export interface RoomHooks {
  /** After updates are durable: the indexer and report timestamps follow from here. */
  onStored?(event: StoredEvent): void;
  /** After updates are durable: tell other server processes (they apply with origin REMOTE). */
  publish?(roomId: string, update: Uint8Array): void;
  publishAwareness?(roomId: string, update: Uint8Array): void;
  /** Storage failed: the registry forgets the room so the next client gets a fresh load. */
  onFailed?(room: Room): void;
  /** Counts and timings (metrics). */
  observer?: SyncObserver;
}

/** A peer whose updates keep depending on structs it never sends is closed after this many asks. */
const MAX_MISSING_ASKS = 3;

/** How large a document may grow (a test sets a small one). */
export interface RoomLimits { maxDocBytes: number }
const DEFAULT_ROOM_LIMITS: RoomLimits = { maxDocBytes: MAX_DOC_BYTES };
/** Past the limit, the exact size is measured (the whole document encoded) at most this often. */
const MEASURE_EVERY_MS = 1000;

/** Compact the log into a snapshot once it holds this many updates or bytes. */
const COMPACT_COUNT = 500;
const COMPACT_BYTES = 1 << 20;

/**
 * One open document. The hot path: a peer's update is applied to `doc`, appended to the store, and only when
 * the store has it durable is it broadcast. Every message that reveals document state (broadcasts, sync step 2)
 * waits behind the writes before it, so nothing a client has received can be lost by a crash.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly peers = new Set<Peer>();
  readonly presence: Presence;
  private pending: Uint8Array[] = [];
  private pendingWriters = new Set<string>();
  private received = 0; // updates applied so far
  private durable = 0; // of which stored
  /**
   * What waits for the writes before it: a message to send, or a peer's update to broadcast (`update`, from
   * `except`). Consecutive durable updates go out as one merged message (see drain).
   */
  private outbox: ({ after: number; send: () => void; update?: undefined } | { after: number; update: Uint8Array; except: unknown })[] = [];
  private flushScheduled = false;
  private writing: Promise<void> = Promise.resolve();
  private logCount: number;
  private logBytes: number;
  /**
   * The highest update id stored by this room or loaded with it (DocStore.append): `doc` holds every update up to
   * it that this process stored. The indexer records it as the version its rows come from without reading it.
   */
  storedVersion: number;
  /**
   * The document's size as stored, from above: the stored bytes at load, plus every update integrated since (as Yjs
   * encodes it: only what was new). Made exact where the whole document is encoded anyway (a compaction from the
   * open document), and by fits() when an update near the limit needs it: deletions only lower it there.
   */
  private size: number;
  /** When the exact size was last measured, and the update count then. */
  private measured = { at: 0, received: -1 };
  failed = false;

  constructor(readonly id: string, private readonly store: DocStore, private readonly hooks: RoomHooks, stored: { count: number; bytes: number; size: number; version: number }, readonly shape: DocShape,
    private readonly limits: RoomLimits = DEFAULT_ROOM_LIMITS) {
    this.logCount = stored.count;
    this.logBytes = stored.bytes;
    this.size = stored.size;
    this.storedVersion = stored.version;
    this.presence = new Presence(this.doc, () => this.peers, hooks.publishAwareness && ((u) => hooks.publishAwareness!(id, u)));
    this.doc.on('update', this.onDocUpdate);
  }

  /**
   * Reads the stored document. A large one stored as a single snapshot (a room compacts when released) is applied
   * only when something needs it: clients that have nothing (every fresh page load) are answered with the stored
   * bytes (durable, and encoded by a room), so the server's apply no longer stands between opening a report and
   * seeing it, and a report only read is never applied. The first edit, a client with state of its own, a reader
   * of `doc` (`applied()`, which Rooms.open and peek call) applies it first. Measured on the bench's 2,000-block
   * report: applying it takes 12–20 ms, which a client opening the report waited for, and so did the next one when
   * it arrived while the room was applying. A snapshot is written by a room, from a document already checked against
   * the report shape; only after an upgrade that narrows the shape can a client be sent something the room then
   * removes when it applies the document (set aside and logged as before, the removal sent as a server change).
   */
  static async load(id: string, store: DocStore, hooks: RoomHooks, shape: DocShape, limits?: RoomLimits): Promise<Room> {
    const stored = await store.load(id);
    const size = (stored.snapshot?.length ?? 0) + stored.logBytes;
    const room = new Room(id, store, hooks, { count: stored.updates.length, bytes: stored.logBytes, size, version: stored.version }, shape, limits);
    if (stored.updates.length === 0 && stored.snapshot && stored.snapshot.length >= KEEP_WHOLE_DOC_FROM) {
      const message = encodeSyncStep2Update(stored.snapshot);
      room.wholeDoc = message;
      // The snapshot is kept once: as the tail of the message.
      room.unapplied = { ...stored, snapshot: message.subarray(message.length - stored.snapshot.length) };
    } else room.applyStoredNow(stored);
    return room;
  }

  /** The stored document, until it is applied to `doc` (see load). */
  private unapplied: StoredDoc | null = null;
  /** Peers that joined before the document was applied: sent sync step 1 once it is (its state vector needs it). */
  private awaitingStep1: Peer[] = [];

  /** The room once its stored document is in `doc`: what every reader of `doc` outside this class waits for. */
  applied(): Room {
    if (this.unapplied) this.applyLoaded();
    return this;
  }

  private applyLoaded() {
    const stored = this.unapplied;
    if (!stored) return;
    this.unapplied = null;
    // The whole-document answer made from the snapshot stays: applying it changes nothing a client could miss, unless
    // something is set aside or removed on the way (both drop it).
    this.applyStoredNow(stored);
    for (const p of this.awaitingStep1.splice(0)) if (this.peers.has(p)) p.send(encodeSyncStep1(this.doc));
  }

  private applyStoredNow(stored: StoredDoc) {
    const id = this.id;
    // Loading is not an edit: the update listener ignores it.
    this.loading = true;
    const setAside = applyStored(this.doc, stored, id);
    this.loading = false;
    if (setAside) this.wholeDoc = null;
    // Fold the log without what could not be applied, so it is set aside once, not again at every load.
    if (setAside) this.writing = this.writing.then(() => this.store.compact(id)).catch((e) => log.error('compaction after a bad entry failed', { room: id, error: String(e) }));
    // What an older log holds that the editor cannot show is set aside (logged), as a change of the server's.
    const misfits = removeMisfits(this.doc, this.shape, SERVER);
    if (misfits.length) log.warn('removed content the report schema does not allow', { room: id, misfits: misfits.slice(0, 20) });
  }
  private loading = false;
  private missingAsks = new WeakMap<Peer, number>();
  /** Who writes under each client id (user id), as seen while the room is open. */
  private writers = new Map<number, string>();

  /**
   * A peer may advance a client id's clock only if that id is its user's: not the server's own, not one another
   * user has written under or announced in presence. Otherwise its structs would take the places of that client's
   * next edits, and those would be skipped as already known: gone for everyone but their author.
   */
  private mayWrite(peer: Peer, client: number): boolean {
    if (client === this.doc.clientID) return false;
    const writer = this.writers.get(client) ?? this.presence.userOf(client);
    return writer === undefined || writer === peer.userId;
  }

  /**
   * The whole document as sync step 2, for a client that has nothing yet (every fresh page load): encoded once per
   * change of the document and handed to every such client, when the document is large enough for encoding to cost
   * (a team opening a 2,000-block report at once encoded it once per person). Any change drops it (onDocUpdate).
   */
  private wholeDoc: Uint8Array | null = null;
  private wholeDocStep2(): Uint8Array {
    if (this.wholeDoc) return this.wholeDoc;
    this.applied();
    const message = encodeSyncStep2(this.doc, EMPTY_STATE_VECTOR);
    if (message.length >= KEEP_WHOLE_DOC_FROM) this.wholeDoc = message;
    return message;
  }

  join(peer: Peer) {
    this.peers.add(peer);
    if (this.unapplied) this.awaitingStep1.push(peer);
    else peer.send(encodeSyncStep1(this.doc));
    const present = this.presence.snapshot();
    if (present) peer.send(present);
  }

  leave(peer: Peer) {
    if (!this.peers.delete(peer)) return;
    this.presence.removePeer(peer);
  }

  /** One message from a peer. Anything undecodable or invalid closes that peer; nothing of it is applied. */
  receive(peer: Peer, data: Uint8Array) {
    if (this.failed) return;
    try {
      this.handle(peer, data);
    } catch (e) {
      this.refuse(peer, String(e));
    }
  }

  private handle(peer: Peer, data: Uint8Array) {
    const msg = decodeMessage(data);
    switch (msg.type) {
      case 'syncStep1': {
        const hasNothing = Y.decodeStateVector(msg.stateVector).size === 0; // throws on junk, before anything is queued
        if (!hasNothing) this.applied();
        // Answer after pending writes, so a joining client never sees state that is not yet stored.
        this.afterDurable(() => peer.send(hasNothing ? this.wholeDocStep2() : encodeSyncStep2(this.doc, msg.stateVector)));
        break;
      }
      case 'update':
        // Viewers and commenters read: their edits are neither applied, stored nor broadcast. One that brings content
        // the document lacks (typed offline before a demotion, kept in the browser) is closed: told, the page drops
        // it instead of showing it as the report and sending it again once the person may write.
        if (peer.readOnly) {
          if (this.bringsNew(msg.update)) peer.close(CloseCodes.WriteRefused.code, CloseCodes.WriteRefused.reason);
          return;
        }
        this.applied();
        this.applyFromPeer(peer, msg.update);
        break;
      case 'awareness':
        if (!this.presence.apply(msg.update, peer)) this.refuse(peer, 'bad awareness update');
        break;
      case 'queryAwareness': {
        const present = this.presence.snapshot();
        if (present) peer.send(present);
        break;
      }
      default:
        this.refuse(peer, `unknown message type ${msg.code}`);
    }
  }

  /** Whether an update holds structs past what the document has (a reader's own edits); undecodable: no. */
  private bringsNew(update: Uint8Array): boolean {
    try {
      const doc = this.applied().doc;
      // parseUpdateMeta's `to`: each client's clock after the update (a state vector from the update would leave out
      // every client whose structs in it do not start at clock 0 — a reconnecting client's own, exactly).
      for (const [client, clock] of Y.parseUpdateMeta(update).to) if (clock > Y.getState(doc.store, client)) return true;
    } catch {
      // nothing applied either way
    }
    return false;
  }

  private applyFromPeer(peer: Peer, update: Uint8Array) {
    if (this.size + update.length > this.limits.maxDocBytes && !this.fits(update)) {
      log.warn('edit would take the document past its size limit; closing the peer', { room: this.id, peer: peer.id, user: peer.userId, size: this.size, update: update.length });
      return peer.close(CloseCodes.DocumentTooLarge.code, CloseCodes.DocumentTooLarge.reason);
    }
    const written: number[] = [];
    const verdict = checkUpdate(this.doc, update, this.shape, (client) => (written.push(client), this.mayWrite(peer, client)));
    if (!verdict.ok && verdict.reason === 'invalid') return this.refuse(peer, verdict.detail);
    if (!verdict.ok) {
      // It builds on something the server has not seen: ask for the peer's whole state instead, a few times.
      const asks = (this.missingAsks.get(peer) ?? 0) + 1;
      if (asks > MAX_MISSING_ASKS) return this.refuse(peer, verdict.detail);
      this.missingAsks.set(peer, asks);
      log.info('update depends on unseen structs; asking for state', { room: this.id, peer: peer.id, detail: verdict.detail });
      return peer.send(encodeSyncStep1(this.doc));
    }
    this.missingAsks.delete(peer);
    for (const client of written) this.writers.set(client, peer.userId);
    Y.applyUpdate(this.doc, update, peer);
    this.dropPending();
  }

  /** The checks should leave nothing waiting; if something is, it must not hold back later edits. */
  private dropPending() {
    const store = this.doc.store;
    if (store.pendingStructs || store.pendingDs) {
      log.error('update left pending structs; dropped', { room: this.id });
      store.pendingStructs = null;
      store.pendingDs = null;
    }
  }

  /**
   * Near the size limit: whether the update may still be applied. What it adds is its new structs, with the content
   * of those it does not delete itself: a deletion, or content inserted and removed again before it reached the
   * server (an undone paste, which the client's undo history keeps in the update), adds next to nothing, so content
   * can be removed from a full document. Something that adds fits if the document's exact size (measured, at most once a
   * second and only after changes) leaves room for it.
   */
  private fits(update: Uint8Array): boolean {
    let added: number;
    try {
      added = addedBytes(this.doc, Y.decodeUpdate(update) as DecodedUpdate);
    } catch {
      return true; // checkUpdate refuses it as undecodable
    }
    if (added === 0) return true;
    const now = performance.now();
    if (this.measured.received !== this.received && now - this.measured.at >= MEASURE_EVERY_MS) {
      this.size = Y.encodeStateAsUpdate(this.doc).length;
      this.measured = { at: now, received: this.received };
    }
    return this.size + added <= this.limits.maxDocBytes;
  }

  private refuse(peer: Peer, detail: string) {
    log.warn('peer sent an invalid message; closing it', { room: this.id, peer: peer.id, user: peer.userId, detail: detail.slice(0, 200) });
    peer.close(CloseCodes.InvalidMessage.code, CloseCodes.InvalidMessage.reason);
  }

  /** An update stored by another process. */
  applyRemote(update: Uint8Array) {
    this.applied();
    try {
      Y.applyUpdate(this.doc, update, REMOTE);
    } catch (e) {
      log.error('update from another process could not be applied', { room: this.id, error: String(e) });
    }
  }

  applyRemoteAwareness(update: Uint8Array) {
    this.presence.apply(update, REMOTE);
  }

  /** Resolves when everything applied so far is stored. */
  async flushed(): Promise<void> {
    while (this.durable < this.received && !this.failed) {
      await new Promise((r) => setImmediate(r)); // let a scheduled flush join the chain
      await this.writing;
    }
  }

  get idle() {
    return this.peers.size === 0;
  }

  /**
   * Folds the log into one snapshot: when it has grown (flush) and on release, so the next open reads one piece (and
   * can answer before applying it, see load). Synchronous where the store allows (replaceLog: alone on its store, the
   * open document is the fold of the log; on release called while this room is still the only one for its document),
   * else queued on the writes (the store folds its own log). Resolves when folded.
   */
  compactLog(): Promise<void> {
    // Nothing new to fold; a fold still under way (a long document's, in the worker) is waited for.
    if (this.failed || this.unapplied || this.logCount === 0) return this.writing.then(() => {});
    this.logCount = 0;
    this.logBytes = 0;
    // A long document (a 2 MB report: ~0.3 s to encode) is folded by the store, in a worker thread.
    if (this.store.replaceLog && this.size < LARGE_DOC_BYTES) {
      const state = Y.encodeStateAsUpdate(this.doc);
      this.size = state.length;
      try {
        this.store.replaceLog(this.id, state);
      } catch (e) {
        log.error('compaction failed', { room: this.id, error: String(e) });
      }
      return Promise.resolve();
    }
    this.writing = this.writing.then(() => this.store.compact(this.id)).catch((e) => log.error('compaction failed', { room: this.id, error: String(e) }));
    return this.writing;
  }

  destroy() {
    this.doc.off('update', this.onDocUpdate);
    this.presence.destroy();
    this.doc.destroy();
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (this.loading) return;
    this.wholeDoc = null;
    this.size += update.length;
    if (origin === REMOTE) {
      this.afterDurable(() => this.broadcast(encodeUpdate(update), null));
      return;
    }
    this.received++;
    this.hooks.observer?.applied?.();
    this.pending.push(update);
    if (origin && typeof origin === 'object' && 'userId' in origin) this.pendingWriters.add((origin as Peer).userId);
    this.scheduleFlush();
    // Not durable yet (received > durable): it waits in the outbox for its write.
    this.outbox.push({ after: this.received, update, except: origin });
  };

  /** A document update to everyone but its author, with any presence changes riding in the same socket writes. */
  private broadcast(message: Uint8Array, except: unknown) {
    for (const p of this.peers) if (p !== except) p.send(message);
    this.presence.flushPending();
  }

  /** Sends what the writes so far allow, in order. */
  private drain() {
    const box = this.outbox;
    while (box.length > 0 && box[0].after <= this.durable) {
      const first = box[0];
      if (first.update === undefined) {
        box.shift();
        safely(first.send);
        continue;
      }
      let end = 1;
      while (end < box.length && box[end].update !== undefined && box[end].after <= this.durable) end++;
      const run = box.splice(0, end) as { update: Uint8Array; except: unknown }[];
      safely(() => this.broadcastRun(run));
    }
  }

  /**
   * A run of durable updates, as one message encoded once for everyone (Y.mergeUpdates when there are several);
   * a peer whose own updates are in the run gets the others' merged instead, so nobody is sent back their own edit.
   */
  private broadcastRun(run: { update: Uint8Array; except: unknown }[]) {
    const merged = run.length === 1 ? run[0].update : Y.mergeUpdates(run.map((r) => r.update));
    const authors = new Set(run.map((r) => r.except));
    const message = encodeUpdate(merged);
    if (authors.size === 1) this.broadcast(message, run[0].except);
    else {
      for (const p of this.peers) {
        if (!authors.has(p)) p.send(message);
        else {
          const others = run.filter((r) => r.except !== p).map((r) => r.update);
          p.send(encodeUpdate(others.length === 1 ? others[0] : Y.mergeUpdates(others)));
        }
      }
      this.presence.flushPending();
    }
    this.hooks.publish?.(this.id, merged);
  }

  private afterDurable(send: () => void) {
    if (this.durable >= this.received && this.outbox.length === 0) safely(send);
    else this.outbox.push({ after: this.received, send });
  }

  private scheduleFlush() {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // One write per event-loop turn: every update of this turn in one transaction.
    setImmediate(() => {
      this.flushScheduled = false;
      // A failing flush must never leave the chain rejected: later writes would neither store nor broadcast.
      this.writing = this.writing.then(() => this.flush()).catch((e) => log.error('flush failed', { room: this.id, error: String(e) }));
    });
  }

  private async flush() {
    if (this.failed || this.pending.length === 0) return;
    const batch = this.pending;
    const writers = [...this.pendingWriters];
    this.pending = [];
    this.pendingWriters = new Set();
    try {
      const started = performance.now();
      this.storedVersion = Math.max(this.storedVersion, await this.store.append(this.id, batch));
      this.hooks.observer?.appended?.((performance.now() - started) / 1000);
    } catch (e) {
      // Not stored means not sent: close every peer so they reconnect to a fresh load; their clients keep the edits.
      log.error('append failed; closing room', { room: this.id, error: String(e) });
      this.failed = true;
      this.outbox = [];
      for (const p of this.peers) p.close(CloseCodes.StorageFailed.code, CloseCodes.StorageFailed.reason);
      this.hooks.onFailed?.(this);
      return;
    }
    this.durable += batch.length;
    this.logCount += batch.length;
    this.logBytes += batch.reduce((n, u) => n + u.length, 0);
    this.drain();
    safely(() => this.hooks.onStored?.({ reportId: this.id, writers, readState: () => (this.doc.isDestroyed ? null : Y.encodeStateAsUpdate(this.doc)) }));
    if (this.logCount >= COMPACT_COUNT || this.logBytes >= COMPACT_BYTES) this.compactLog();
  }
}

/** A send or hook that throws must not stop the ones after it, nor the write chain. */
function safely(fn: () => void) {
  try {
    fn();
  } catch (e) {
    log.error('send failed', { error: String(e) });
  }
}
