import crypto from 'node:crypto';
import type { Db } from '../db/client.js';
import type { Transaction } from 'kysely';
import type { Role, Tables } from '../db/schema.js';
import { AppError, forbidden, notFound } from '../errors.js';

import { defaultObjectives, type Objective } from '../../shared/objectives.js';

export { defaultObjectives, type Objective };

export async function createSpace(db: Db, userId: string, name: string) {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  await db.k.transaction().execute(async (tx) => {
    await tx.insertInto('space').values({ id, name, objectives: JSON.stringify(defaultObjectives), created_at: now }).execute();
    await tx.insertInto('member').values({ space_id: id, user_id: userId, role: 'owner', created_at: now }).execute();
  });
  return { id, name };
}

export async function listSpaces(db: Db, userId: string) {
  return db.k.selectFrom('space').innerJoin('member', 'member.space_id', 'space.id')
    .where('member.user_id', '=', userId)
    .select(['space.id', 'space.name', 'member.role'])
    .orderBy('space.created_at').execute();
}

export async function roleIn(db: Db, spaceId: string, userId: string): Promise<Role | null> {
  const row = await db.k.selectFrom('member').select('role').where('space_id', '=', spaceId).where('user_id', '=', userId).executeTakeFirst();
  return row?.role ?? null;
}

/** The caller's role in a space; 404 when the space does not exist or they are not in it (no leak of ids). */
export async function requireRole(db: Db, spaceId: string, userId: string, allowed?: readonly Role[]): Promise<Role> {
  const role = await roleIn(db, spaceId, userId);
  if (!role) throw notFound('Space');
  if (allowed && !allowed.includes(role)) throw forbidden(`This needs the ${allowed.join(' or ')} role in the space.`);
  return role;
}

/** Adds (or re-roles) the member with this email; null when no account uses it (domain/invites.ts then keeps an invitation). */
export async function addMember(db: Db, spaceId: string, email: string, role: Role) {
  const user = await db.k.selectFrom('user').select(['id', 'name', 'email']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  if (!user) return null;
  const now = new Date().toISOString();
  await db.k.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('member').select('role').where('space_id', '=', spaceId).where('user_id', '=', user.id).executeTakeFirst();
    if (existing?.role === 'owner' && role !== 'owner') await keepAnOwner(tx, db, spaceId, user.id);
    if (existing) {
      await tx.updateTable('member').set({ role }).where('space_id', '=', spaceId).where('user_id', '=', user.id).execute();
    } else {
      await tx.insertInto('member').values({ space_id: spaceId, user_id: user.id, role, created_at: now }).execute();
    }
  });
  return { userId: user.id, name: user.name, email: user.email, role };
}

export async function removeMember(db: Db, spaceId: string, userId: string) {
  await db.k.transaction().execute(async (tx) => {
    await keepAnOwner(tx, db, spaceId, userId);
    const res = await tx.deleteFrom('member').where('space_id', '=', spaceId).where('user_id', '=', userId).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw notFound('Member');
  });
}

/**
 * 409 last_owner when `userId` is the space's only owner. On PostgreSQL the owner rows stay locked until the
 * transaction ends, so two owners stepping down at once cannot both see the other still in place.
 */
async function keepAnOwner(tx: Transaction<Tables>, db: Db, spaceId: string, userId: string) {
  const owners = await tx.selectFrom('member').select('user_id').where('space_id', '=', spaceId).where('role', '=', 'owner')
    .$if(db.kind === 'postgres', (q) => q.forUpdate()).execute();
  if (owners.length === 1 && owners[0].user_id === userId) throw new AppError(409, 'last_owner', 'A space keeps at least one owner: make someone else owner first.');
}

export async function listMembers(db: Db, spaceId: string) {
  return db.k.selectFrom('member').innerJoin('user', 'user.id', 'member.user_id')
    .where('member.space_id', '=', spaceId)
    .select(['user.id as userId', 'user.name', 'user.email', 'member.role'])
    .orderBy('member.created_at').execute();
}

export async function getObjectives(db: Db, spaceId: string): Promise<Objective[]> {
  const row = await db.k.selectFrom('space').select('objectives').where('id', '=', spaceId).executeTakeFirst();
  if (!row) throw notFound('Space');
  return JSON.parse(row.objectives);
}

export async function setObjectives(db: Db, spaceId: string, objectives: Objective[]) {
  await db.k.updateTable('space').set({ objectives: JSON.stringify(objectives) }).where('id', '=', spaceId).execute();
  return objectives;
}
