import { Redis } from 'ioredis';
import { logger } from '../log.js';
import type { RoomBus } from './rooms.js';

const log = logger('redis');

/**
 * Redis pub/sub between server processes: each process stores an update, then publishes it; the others
 * apply it to their open room and broadcast it to their own sockets. One channel per document.
 */
export async function createRedisBus(url: string): Promise<RoomBus & { ping(): Promise<boolean>; close(): Promise<void> }> {
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  await Promise.all([pub.connect(), sub.connect()]);
  const handlers = new Map<string, { update(u: Uint8Array): void; awareness(u: Uint8Array): void }>();
  // Each process tags what it publishes, to skip its own messages.
  const self = Buffer.from(crypto.randomUUID().replace(/-/g, ''), 'hex'); // 16 bytes
  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const name = channel.toString();
    const kind = name.startsWith('doc:') ? 'update' : 'awareness';
    const h = handlers.get(name.slice(kind === 'update' ? 4 : 10));
    if (!h || message.subarray(0, 16).equals(self)) return;
    h[kind](new Uint8Array(message.subarray(16)));
  });
  const send = (channel: string, u: Uint8Array) => pub.publish(channel, Buffer.concat([self, u])).catch((e) => log.error('publish failed', { error: String(e) }));
  return {
    async subscribe(roomId, h) {
      handlers.set(roomId, h);
      await sub.subscribe(`doc:${roomId}`, `awareness:${roomId}`);
    },
    async unsubscribe(roomId) {
      handlers.delete(roomId);
      await sub.unsubscribe(`doc:${roomId}`, `awareness:${roomId}`);
    },
    publish: (roomId, u) => void send(`doc:${roomId}`, u),
    publishAwareness: (roomId, u) => void send(`awareness:${roomId}`, u),
    /** Redis answers (both connections: publishing and subscribed). */
    async ping() {
      const answer = (r: Redis) => Promise.race([r.ping().then(() => true, () => false), new Promise<boolean>((res) => setTimeout(() => res(false), 1000).unref())]);
      return (await answer(pub)) && sub.status === 'ready';
    },
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
