import type { PubSub } from '../db/redisPubSub.js';
import type { RoomBus } from './rooms.js';

/**
 * Live edits and presence between server processes: each process stores an update, then publishes it; the others
 * apply it to their open room and broadcast it to their own sockets. Two channels per document.
 */
export function createRedisRoomBus(pubsub: PubSub): RoomBus {
  const offs = new Map<string, (() => void)[]>();
  return {
    async subscribe(roomId, h) {
      offs.set(roomId, await Promise.all([
        pubsub.subscribe(`doc:${roomId}`, (p) => h.update(new Uint8Array(p))),
        pubsub.subscribe(`awareness:${roomId}`, (p) => h.awareness(new Uint8Array(p))),
      ]));
    },
    async unsubscribe(roomId) {
      for (const off of offs.get(roomId) ?? []) off();
      offs.delete(roomId);
    },
    publish: (roomId, u) => pubsub.publish(`doc:${roomId}`, u),
    publishAwareness: (roomId, u) => pubsub.publish(`awareness:${roomId}`, u),
  };
}
