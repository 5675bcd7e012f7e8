import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEvent, EventBus } from './bus.js';

/** How often an idle stream sends a comment line, so proxies and clients keep it open. */
const KEEPALIVE_MS = 25_000;

/** Sessions expire and memberships change: every guarded stream re-checks its access this often (and on demand). */
let recheckMs = 60_000;
/** SOCKET_RECHECK_MS, as the server's configuration gives it (streams of this process share one timer). */
export function setStreamRecheckMs(ms: number) {
  recheckMs = ms;
}

/** Every open stream's way to end, so a stopping server does not wait for clients that never leave. */
const openStreams = new Set<() => void>();
export function endAllStreams() {
  for (const end of [...openStreams]) end();
}

/** Whose stream it is, and whether they may still read it. */
export interface StreamAccess { userId: string; allowed(): Promise<boolean> }
const guarded = new Map<() => void, StreamAccess>();
let recheckTimer: NodeJS.Timeout | null = null;

/** Ends the streams of `userId` (or of anyone) that are no longer allowed. */
export async function recheckStreams(userId?: string) {
  await Promise.all([...guarded].filter(([, a]) => !userId || a.userId === userId).map(async ([end, a]) => {
    const ok = await a.allowed().catch(() => true); // a failing check (database down) is not a revocation
    if (!ok) end();
  }));
}

/**
 * Streams a bus channel to one client as Server-Sent Events (`event: <type>`, `data: <json>`) until it
 * disconnects. The first event, `ready`, tells the client it is subscribed.
 */
export function streamChannel(c: Context, bus: EventBus, channel: string, access?: StreamAccess) {
  return streamChannels(c, bus, [channel], access);
}

/** Several channels on one stream (a browser allows few connections per origin: one stream per page). */
export function streamChannels(c: Context, bus: EventBus, channels: string[], access?: StreamAccess) {
  return streamSSE(c, async (stream) => {
    const queue: AppEvent[] = [];
    let wake = () => {};
    let open = true;
    const end = () => {
      open = false;
      wake();
    };
    const subs = channels.map((channel) => bus.subscribe(channel, (e) => {
      queue.push(e);
      wake();
    }));
    const unsubscribe = () => subs.forEach((off) => off());
    openStreams.add(end);
    if (access) {
      guarded.set(end, access);
      recheckTimer ??= setInterval(() => void recheckStreams(), recheckMs).unref();
    }
    stream.onAbort(end);
    try {
      await Promise.all(subs.map((s) => s.ready));
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ channels }) });
      while (open) {
        if (queue.length === 0) {
          let timer: NodeJS.Timeout | undefined;
          const woken = await new Promise<boolean>((r) => {
            wake = () => r(true);
            timer = setTimeout(() => r(false), KEEPALIVE_MS);
          });
          clearTimeout(timer);
          if (!woken && open) await stream.write(': keepalive\n\n');
          continue;
        }
        const e = queue.shift()!;
        await stream.writeSSE({ event: e.type, data: JSON.stringify(e) });
      }
    } finally {
      unsubscribe();
      openStreams.delete(end);
      guarded.delete(end);
      if (guarded.size === 0 && recheckTimer) {
        clearInterval(recheckTimer);
        recheckTimer = null;
      }
    }
  });
}
