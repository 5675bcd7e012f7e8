import type { Auth } from '../auth.js';
import type { Db } from '../db/client.js';
import { canEdit } from '../db/schema.js';
import { findReport } from '../domain/reports.js';
import { roleIn } from '../domain/spaces.js';
import type { AuthorizeSocket } from './transport.js';

/** Socket upgrades: trusted Origin, a session cookie (401 without), membership of the report's space (403 without). */
export function authorizeSocket(auth: Auth, db: Db, trustedOrigins: string[]): AuthorizeSocket {
  return async (incoming, docId) => {
    const origin = incoming.origin;
    if (origin && !trustedOrigins.includes(origin)) return { ok: false, refusal: 'Forbidden' };
    const headers = new Headers();
    for (const [k, v] of Object.entries(incoming)) if (typeof v === 'string') headers.set(k, v);
    const session = await auth.api.getSession({ headers });
    if (!session) return { ok: false, refusal: 'Unauthorized' };
    const report = await findReport(db, docId);
    if (!report) return { ok: false, refusal: 'NotFound' };
    const role = await roleIn(db, report.spaceId, session.user.id);
    if (!role) return { ok: false, refusal: 'Forbidden' };
    return { ok: true, userId: session.user.id, readOnly: !canEdit(role) };
  };
}
