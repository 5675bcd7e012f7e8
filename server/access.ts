/** Access policy for long-lived connections: who may open a report's socket, and whether an open one still may. */
import type { Auth } from './auth.js';
import type { Db } from './db/client.js';
import { canEdit } from './db/schema.js';
import { reportWithRole } from './domain/reports.js';
import { roleIn } from './domain/spaces.js';
import type { StreamAccess } from './events/sse.js';
import type { AuthorizeSocket } from './sync/transport.js';
import { credentialsKey, type SessionCache } from './sessionCache.js';
import { sessionReader } from './sessionReader.js';

/**
 * Access of a long-lived connection, asked again after it opened: the session behind it still exists and is
 * the same user's, and (for a report's stream) the user is still a member of the report's space.
 */
export function streamAccess(d: { auth: Auth; db: Db }, headers: Headers, userId: string, spaceId?: string): StreamAccess {
  const signedIn = sessionReader(d.auth, d.db);
  return {
    userId,
    async allowed() {
      const user = await signedIn(headers);
      if (!user || user.id !== userId) return false;
      return !spaceId || (await roleIn(d.db, spaceId, userId)) !== null;
    },
  };
}

/**
 * Socket upgrades: trusted Origin, a session cookie (401 without), membership of the report's space (403 without).
 * Sessions come from `sessions` when read there lately (see sessionCache.ts), unless `fresh` (the re-checks of open
 * sockets); membership is read every time.
 */
export function authorizeSocket(auth: Auth, db: Db, trustedOrigins: string[], sessions?: SessionCache): AuthorizeSocket {
  const signedIn = sessionReader(auth, db);
  return async (incoming, docId, { fresh = false } = {}) => {
    const origin = incoming.origin;
    if (origin && !trustedOrigins.includes(origin)) return { ok: false, refusal: 'Forbidden' };
    const key = sessions ? credentialsKey(incoming) : null;
    let userId = key && !fresh ? sessions!.get(key) : null;
    if (!userId) {
      const headers = new Headers();
      for (const [k, v] of Object.entries(incoming)) if (typeof v === 'string') headers.set(k, v);
      const user = await signedIn(headers);
      if (!user) return { ok: false, refusal: 'Unauthorized' };
      userId = user.id;
      if (key) sessions!.set(key, userId, user.expiresAt);
    }
    const found = await reportWithRole(db, docId, userId);
    if (!found) return { ok: false, refusal: 'NotFound' };
    const { role } = found;
    if (!role) return { ok: false, refusal: 'Forbidden' };
    return { ok: true, userId, readOnly: !canEdit(role), access: role };
  };
}
