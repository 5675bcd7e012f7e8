import type { Auth } from './auth.js';
import type { Db } from './db/client.js';
import { roleIn } from './domain/spaces.js';
import type { StreamAccess } from './events/sse.js';

/**
 * Access of a long-lived connection, asked again after it opened: the session behind it still exists and is
 * the same user's, and (for a report's stream) the user is still a member of the report's space.
 */
export function streamAccess(d: { auth: Auth; db: Db }, headers: Headers, userId: string, spaceId?: string): StreamAccess {
  return {
    userId,
    async allowed() {
      const session = await d.auth.api.getSession({ headers });
      if (!session || session.user.id !== userId) return false;
      return !spaceId || (await roleIn(d.db, spaceId, userId)) !== null;
    },
  };
}
