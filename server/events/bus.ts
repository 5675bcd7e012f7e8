import { EventEmitter } from 'node:events';

/** Something that happened, for clients that have a report (or their inbox) open. */
export interface AppEvent {
  type: string;
  [key: string]: unknown;
}

/**
 * Pub/sub of app events by channel (`report:<id>`, `user:<id>`). In-process now; a Redis implementation
 * behind the same interface lets several server processes share it (the sync layer already has Redis).
 */
export interface EventBus {
  publish(channel: string, event: AppEvent): void;
  /** Returns the unsubscribe function; its `ready` settles once events from other processes arrive too. */
  subscribe(channel: string, listener: (event: AppEvent) => void): Subscription;
}
export type Subscription = (() => void) & { ready?: Promise<void> };

export const reportChannel = (reportId: string) => `report:${reportId}`;
export const userChannel = (userId: string) => `user:${userId}`;

export function createMemoryBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one listener per open stream; many people may have a report open
  return {
    publish: (channel, event) => void emitter.emit(channel, event),
    subscribe(channel, listener) {
      emitter.on(channel, listener);
      return () => void emitter.off(channel, listener);
    },
  };
}
