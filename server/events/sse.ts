import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { tooMany } from '../errors.js';
import type { AppEvent, EventBus } from './bus.js';

/** How often an idle stream sends a comment line, so proxies and clients keep it open. */
const KEEPALIVE_MS = 25_000;
/**
 * Streams one person may hold open on a server (a page holds one; several tabs and devices a few). A probe held
 * 19,600 on one session until the process ran out of file descriptors and refused everyone else.
 */
export const MAX_STREAMS_PER_USER = 32;

/** Whose stream it is, and whether they may still read it. */
export interface StreamAccess { userId: string; allowed(): Promise<boolean> }

/**
 * One server's Server-Sent Event streams of app events (comments, notifications, restores): each client's
 * channels of the bus (`event: <type>`, `data: <json>`) until it disconnects, the first event `ready` telling it that
 * it is subscribed. Streams with an access check re-check it every `recheckMs` (sessions expire, memberships
 * change) and on demand (`recheck`); a stopping server ends them all (`endAll`) rather than wait for clients that
 * never leave. Per server, so that two in one process (tests) never end or re-check each other's.
 */
export class EventStreams {
  /** Every open stream's way to end. */
  private readonly open = new Set<() => void>();
  private readonly guarded = new Map<() => void, StreamAccess>();
  /** Open streams per person. */
  private readonly perUser = new Map<string, number>();
  private recheckTimer: NodeJS.Timeout | null = null;

  /** `recheckMs`: SOCKET_RECHECK_MS, as the server's configuration gives it (the streams share one timer). */
  constructor(private readonly bus: EventBus, private readonly recheckMs = 60_000) {}

  /** Ends the streams of `userId` (or of anyone) that are no longer allowed. */
  async recheck(userId?: string) {
    await Promise.all([...this.guarded].filter(([, a]) => !userId || a.userId === userId).map(async ([end, a]) => {
      const ok = await a.allowed().catch(() => true); // a failing check (database down) is not a revocation
      if (!ok) end();
    }));
  }

  endAll() {
    for (const end of [...this.open]) end();
  }

  /** Several channels on one stream (a browser allows few connections per origin: one stream per page). */
  stream(c: Context, channels: string[], access?: StreamAccess) {
    const userId = access?.userId;
    if (userId !== undefined) {
      const open = this.perUser.get(userId) ?? 0;
      if (open >= MAX_STREAMS_PER_USER) throw tooMany('too_many_streams', `At most ${MAX_STREAMS_PER_USER} event streams per person at once; close a tab or two.`);
      this.perUser.set(userId, open + 1);
    }
    const release = () => {
      if (userId === undefined) return;
      const left = (this.perUser.get(userId) ?? 1) - 1;
      if (left > 0) this.perUser.set(userId, left);
      else this.perUser.delete(userId);
    };
    return streamSSE(c, async (stream) => {
      const queue: AppEvent[] = [];
      let wake = () => {};
      let open = true;
      const end = () => {
        open = false;
        wake();
      };
      const subs = channels.map((channel) => this.bus.subscribe(channel, (e) => {
        queue.push(e);
        wake();
      }));
      this.open.add(end);
      if (access) {
        this.guarded.set(end, access);
        this.recheckTimer ??= setInterval(() => void this.recheck(), this.recheckMs).unref();
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
        release();
        subs.forEach((off) => off());
        this.open.delete(end);
        this.guarded.delete(end);
        if (this.guarded.size === 0 && this.recheckTimer) {
          clearInterval(this.recheckTimer);
          this.recheckTimer = null;
        }
      }
    });
  }
}
