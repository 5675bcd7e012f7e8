import type { Db } from '../db/client.js';
import type { Role } from '../db/schema.js';
import { notFound } from '../errors.js';

/**
 * Members added by an email that no account uses yet: kept as an invitation, and made members when someone signs up
 * with that email (the auth hook, server/index.ts). Adding such a person used to answer 404 "ask them to sign up
 * first", and the owner had to come back for each one (walkthrough). The invitation carries the role it was given;
 * adding the same email again changes it.
 */
export interface Invite { email: string; role: Role; invitedBy: string; createdAt: string }

const normal = (email: string) => email.trim().toLowerCase();

export async function invite(db: Db, spaceId: string, email: string, role: Role, invitedBy: string): Promise<Invite> {
  const row = { space_id: spaceId, email: normal(email), role, invited_by: invitedBy, created_at: new Date().toISOString() };
  await db.k.insertInto('invite').values(row)
    .onConflict((oc) => oc.columns(['space_id', 'email']).doUpdateSet({ role, invited_by: invitedBy })).execute();
  return { email: row.email, role, invitedBy, createdAt: row.created_at };
}

export async function listInvites(db: Db, spaceId: string): Promise<Invite[]> {
  const rows = await db.k.selectFrom('invite').selectAll().where('space_id', '=', spaceId).orderBy('created_at').execute();
  return rows.map((r) => ({ email: r.email, role: r.role, invitedBy: r.invited_by, createdAt: r.created_at }));
}

export async function revokeInvite(db: Db, spaceId: string, email: string) {
  const res = await db.k.deleteFrom('invite').where('space_id', '=', spaceId).where('email', '=', normal(email)).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('Invitation');
}

/** A new account takes up every invitation to its email: member of each space, with the role it was given. The spaces. */
export async function acceptInvites(db: Db, userId: string, email: string): Promise<string[]> {
  return db.k.transaction().execute(async (tx) => {
    const rows = await tx.selectFrom('invite').selectAll().where('email', '=', normal(email)).execute();
    if (rows.length === 0) return [];
    const now = new Date().toISOString();
    await tx.insertInto('member').values(rows.map((r) => ({ space_id: r.space_id, user_id: userId, role: r.role, created_at: now })))
      .onConflict((oc) => oc.doNothing()).execute();
    await tx.deleteFrom('invite').where('email', '=', normal(email)).execute();
    return rows.map((r) => r.space_id);
  });
}
