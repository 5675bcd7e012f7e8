import type { EventBus } from './bus.js';

/**
 * "This user's access changed" (removed, demoted, signed out): every server process re-checks that user's open
 * sockets and event streams at once. Sent on the same bus as comments, so it crosses processes through Redis.
 */
export const ACCESS_CHANNEL = 'access';

export function accessChanged(bus: EventBus, userId: string) {
  bus.publish(ACCESS_CHANNEL, { type: 'access', userId });
}
