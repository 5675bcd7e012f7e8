import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { logger } from '../log.js';
import { createMemoryBus, type AppEvent, type EventBus } from './bus.js';

const log = logger('events');
const PREFIX = 'events:';

/**
 * The event bus across server processes: an event is delivered to this process's listeners at once and
 * published on Redis (`events:<channel>`) for the others, which deliver it to theirs. Each process tags
 * what it publishes, to skip its own messages.
 */
export async function createRedisEventBus(url: string): Promise<EventBus & { close(): Promise<void> }> {
  const local = createMemoryBus();
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  await Promise.all([pub.connect(), sub.connect()]);
  const self = crypto.randomUUID();
  const counts = new Map<string, number>(); // listeners per channel in this process
  sub.on('message', (redisChannel: string, message: string) => {
    try {
      const { from, event } = JSON.parse(message) as { from: string; event: AppEvent };
      if (from !== self) local.publish(redisChannel.slice(PREFIX.length), event);
    } catch (e) {
      log.warn('bad event message', { error: String(e) });
    }
  });
  return {
    publish(channel, event) {
      local.publish(channel, event);
      pub.publish(PREFIX + channel, JSON.stringify({ from: self, event })).catch((e) => log.error('publish failed', { error: String(e) }));
    },
    subscribe(channel, listener) {
      const off = local.subscribe(channel, listener);
      const n = (counts.get(channel) ?? 0) + 1;
      counts.set(channel, n);
      const ready = n === 1
        ? sub.subscribe(PREFIX + channel).then(() => {}, (e) => log.error('subscribe failed', { channel, error: String(e) }))
        : Promise.resolve();
      let done = false;
      return Object.assign(() => {
        if (done) return;
        done = true;
        off();
        const left = (counts.get(channel) ?? 1) - 1;
        if (left > 0) counts.set(channel, left);
        else {
          counts.delete(channel);
          sub.unsubscribe(PREFIX + channel).catch(() => {});
        }
      }, { ready });
    },
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
