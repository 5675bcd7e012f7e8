import type { PubSub } from '../db/redisPubSub.js';
import { logger } from '../log.js';
import { createMemoryBus, type AppEvent, type EventBus } from './bus.js';

const log = logger('events');
const PREFIX = 'events:';

/**
 * The event bus across server processes: an event is delivered to this process's listeners at once and
 * published on Redis (`events:<channel>`) for the others, which deliver it to theirs.
 */
export function createRedisEventBus(pubsub: PubSub): EventBus {
  const local = createMemoryBus();
  return {
    publish(channel, event) {
      local.publish(channel, event);
      pubsub.publish(PREFIX + channel, JSON.stringify(event));
    },
    subscribe(channel, listener) {
      const off = local.subscribe(channel, listener);
      // Events from other processes reach this listener only; local ones come through `local`.
      const remote = pubsub.subscribe(PREFIX + channel, (payload) => {
        try {
          listener(JSON.parse(payload.toString()) as AppEvent);
        } catch (e) {
          log.warn('bad event message', { error: String(e) });
        }
      });
      let done = false;
      return Object.assign(() => {
        if (done) return;
        done = true;
        off();
        void remote.then((unsubscribe) => unsubscribe(), () => {});
      }, { ready: remote.then(() => {}, (e) => log.error('subscribe failed', { channel, error: String(e) })) });
    },
  };
}
