import type { DocStore } from '../db/docStore.js';
import { logger } from '../log.js';
import { Room, SERVER, type RoomHooks, type RoomLimits, type StoredEvent } from './room.js';
import type { SyncObserver } from './observer.js';
import type * as Y from 'yjs';
import type { DocShape } from '../../shared/doc/shape.js';

const log = logger('rooms');

/** Pub/sub between server processes serving the same documents (Redis in scale-out; absent when alone). */
export interface RoomBus {
  subscribe(roomId: string, handlers: { update(u: Uint8Array): void; awareness(u: Uint8Array): void }): Promise<void>;
  unsubscribe(roomId: string): Promise<void>;
  publish(roomId: string, update: Uint8Array): void;
  publishAwareness(roomId: string, update: Uint8Array): void;
}

/**
 * The open rooms of this process, one per document. A room loads once however many sockets ask at the same
 * moment, and is released (stored, then dropped from memory) when its last peer leaves.
 */
export class Rooms {
  private rooms = new Map<string, Promise<Room>>();

  private storedListeners = new Set<(e: StoredEvent) => void>();
  private readonly hooks: RoomHooks = { onStored: (e) => this.storedListeners.forEach((l) => l(e)) };

  constructor(private readonly store: DocStore, private readonly shape: DocShape, private readonly bus: RoomBus | null = null, private readonly observer: SyncObserver = {},
    private readonly limits?: RoomLimits) {}

  /** Listens for durable writes in any room of this process (indexer, history, mentions); returns the unsubscribe. */
  onStored(listener: (e: StoredEvent) => void) {
    this.storedListeners.add(listener);
    return () => void this.storedListeners.delete(listener);
  }

  /** The room with its stored document applied (readers and server changes use `room.doc`). */
  async open(id: string): Promise<Room> {
    return (await this.openForPeer(id)).applied();
  }

  /**
   * For a socket joining: the room may still be applying its stored document (Room.load), which the room itself
   * waits for before anything but answering a client that has nothing.
   */
  openForPeer(id: string): Promise<Room> {
    let room = this.rooms.get(id);
    if (!room) {
      room = this.load(id);
      this.rooms.set(id, room);
      // A failed load leaves nothing behind (and writes nothing): the next open tries again.
      room.catch(() => this.rooms.delete(id));
    }
    return room;
  }

  private async load(id: string): Promise<Room> {
    const hooks: RoomHooks = {
      ...this.hooks,
      observer: this.observer,
      onFailed: (room) => void this.forget(room),
      ...(this.bus && { publish: (rid, u) => this.bus!.publish(rid, u), publishAwareness: (rid, u) => this.bus!.publishAwareness(rid, u) }),
    };
    // Subscribe before loading, so no update stored elsewhere falls between the load and the subscription.
    const early: Uint8Array[] = [];
    let target: Room | null = null;
    if (this.bus) {
      await this.bus.subscribe(id, {
        update: (u) => (target ? target.applyRemote(u) : early.push(u)),
        awareness: (u) => target?.applyRemoteAwareness(u),
      });
    }
    try {
      const room = await Room.load(id, this.store, hooks, this.shape, this.limits);
      for (const u of early) room.applyRemote(u);
      target = room;
      return room;
    } catch (e) {
      log.error('load failed', { room: id, error: String(e) });
      if (this.bus) await this.bus.unsubscribe(id);
      throw e;
    }
  }

  /** The room if it is open in this process (for reading live state). */
  async peek(id: string): Promise<Room | null> {
    return (await this.rooms.get(id)?.catch(() => null))?.applied() ?? null;
  }

  private async forget(room: Room) {
    if ((await this.rooms.get(room.id)?.catch(() => null)) !== room) return;
    this.rooms.delete(room.id);
    if (this.bus) await this.bus.unsubscribe(room.id);
  }

  /** Drops an idle room once everything it holds is stored. */
  async releaseIfIdle(room: Room) {
    await room.flushed();
    if (!room.idle) return;
    if (room.failed) return room.destroy();
    if ((await this.rooms.get(room.id)?.catch(() => null)) !== room || !room.idle) return;
    // Before it leaves the registry: no second room for the document can be writing while the log is replaced.
    const folded = room.compactLog();
    this.rooms.delete(room.id);
    if (this.bus) await this.bus.unsubscribe(room.id);
    room.destroy();
    // Done when the fold is (on PostgreSQL queued on the room's writes): a release's work is not left running.
    await folded;
    log.debug('released', { room: room.id });
  }

  /**
   * A change made by the server (restore, carry-forward): applied in the live room if there is one, so
   * connected clients follow, then stored like any edit. `byUser`: the person it is made for (a restore), who is then
   * its writer for the stored hooks (mentions, history authors), as a peer is for its own edits.
   */
  async change(id: string, fn: (doc: Y.Doc) => void, byUser?: string) {
    const room = await this.open(id);
    room.doc.transact(() => fn(room.doc), byUser ? { userId: byUser } : SERVER);
    await room.flushed();
    if (room.idle) await this.releaseIfIdle(room);
  }

  /** Whether the document has a room in this process (open or loading). */
  has(id: string) {
    return this.rooms.has(id);
  }

  get size() {
    return this.rooms.size;
  }

  async closeAll() {
    const all = await Promise.allSettled([...this.rooms.values()]);
    for (const r of all) if (r.status === 'fulfilled') await r.value.flushed();
    this.rooms.clear();
    for (const r of all) if (r.status === 'fulfilled') r.value.destroy();
  }
}
