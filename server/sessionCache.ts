/**
 * Sessions recently read for socket upgrades, by the request's credentials (Cookie and Authorization headers).
 *
 * Reading a session through better-auth costs about a millisecond and a few hundred kB of garbage; a page load, a
 * reconnect storm after a restart or a team opening a report at once asks for the same sessions many times. An
 * entry lives at most `ttlMs` (never past the session's own expiry) and is dropped at once when that user's
 * sessions end or access changes (`forget`, on sign-out here and on the access events from every process): a
 * session ended through better-auth is never served from here. Membership is not cached (checked on every upgrade),
 * and the periodic re-check of open sockets always reads the session afresh.
 */
export class SessionCache {
  private entries = new Map<string, { userId: string; until: number }>();

  constructor(private readonly ttlMs: number, private readonly maxEntries = 10_000, private readonly now: () => number = Date.now) {}

  /** The credentials' user, if read within the TTL and not forgotten since. */
  get(key: string): string | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.until <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return e.userId;
  }

  set(key: string, userId: string, sessionExpiresAt: Date) {
    if (this.ttlMs <= 0) return;
    this.entries.delete(key); // re-inserted last: the oldest entry is the first in the map
    this.entries.set(key, { userId, until: Math.min(this.now() + this.ttlMs, sessionExpiresAt.getTime()) });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Drops every entry of this user (their sessions ended, or their access changed). */
  forget(userId: string) {
    for (const [k, e] of this.entries) if (e.userId === userId) this.entries.delete(k);
  }

  get size() {
    return this.entries.size;
  }
}

/** The cache key of a request's credentials, or null when it has none worth keeping (none, or oversized). */
export function credentialsKey(headers: { cookie?: string; authorization?: string }): string | null {
  const key = `${headers.cookie ?? ''}\n${headers.authorization ?? ''}`;
  return key.length > 1 && key.length <= 8192 ? key : null;
}
