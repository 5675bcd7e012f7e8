import crypto from 'node:crypto';
import type { Redis as RedisClient } from 'ioredis';
import { logger } from '../log.js';

const log = logger('redis');

/**
 * Redis pub/sub shared by everything that crosses server processes (live edits and presence in sync/, app events
 * in events/): one publishing and one subscribed connection per process. Each process tags what it publishes and
 * skips its own messages, so a handler only ever hears the other processes.
 */
export interface PubSub {
  publish(channel: string, payload: Uint8Array | string): void;
  /** Resolves once Redis confirms the subscription; the returned function removes this handler. */
  subscribe(channel: string, handler: (payload: Buffer) => void): Promise<() => void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const TAG_BYTES = 16;

export async function createRedisPubSub(url: string): Promise<PubSub> {
  // Loaded only when Redis is configured: about 10 MB a lone server does not need (issue 17, idle memory).
  const { Redis } = await import('ioredis');
  const pub: RedisClient = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub: RedisClient = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  // While Redis is unreachable ioredis reconnects and emits 'error' at every try: one warning per outage, one line when back.
  for (const [role, conn] of [['publish', pub], ['subscribe', sub]] as const) {
    let down = false;
    conn.on('error', (e) => {
      if (!down) log.warn('redis connection lost; reconnecting', { connection: role, error: String(e) });
      down = true;
    });
    conn.on('ready', () => {
      if (down) log.info('redis connection back', { connection: role });
      down = false;
    });
  }
  await Promise.all([pub.connect(), sub.connect()]);
  const self = crypto.randomBytes(TAG_BYTES);
  const handlers = new Map<string, Set<(payload: Buffer) => void>>();
  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    if (message.subarray(0, TAG_BYTES).equals(self)) return;
    const payload = message.subarray(TAG_BYTES);
    for (const h of handlers.get(channel.toString()) ?? []) {
      try {
        h(payload);
      } catch (e) {
        log.error('handler failed', { channel: channel.toString(), error: String(e) });
      }
    }
  });
  return {
    publish(channel, payload) {
      const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
      pub.publish(channel, Buffer.concat([self, body])).catch((e) => log.error('publish failed', { channel, error: String(e) }));
    },
    async subscribe(channel, handler) {
      let set = handlers.get(channel);
      if (!set) {
        handlers.set(channel, (set = new Set()));
        await sub.subscribe(channel);
      }
      set.add(handler);
      return () => {
        const s = handlers.get(channel);
        if (!s?.delete(handler) || s.size > 0) return;
        handlers.delete(channel);
        sub.unsubscribe(channel).catch(() => {});
      };
    },
    async ping() {
      const timeout = new Promise<boolean>((res) => setTimeout(() => res(false), 1000).unref());
      return (await Promise.race([pub.ping().then(() => true, () => false), timeout])) && sub.status === 'ready';
    },
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
