import crypto from 'node:crypto';
import type { Db } from '../db/client.js';
import { notFound } from '../errors.js';
import { requireRole } from './spaces.js';

/** Documents of a space beside its weekly reports: saved period summaries (issue 15). Read-only once saved. */
export async function saveDocument(db: Db, spaceId: string, userId: string, title: string, markdown: string) {
  const id = crypto.randomUUID();
  await db.k.insertInto('space_document').values({ id, space_id: spaceId, title, markdown, created_by: userId, created_at: new Date().toISOString() }).execute();
  return { id };
}

export async function listDocuments(db: Db, spaceId: string) {
  const rows = await db.k.selectFrom('space_document').leftJoin('user', 'user.id', 'space_document.created_by')
    .select(['space_document.id', 'space_document.title', 'space_document.created_at', 'space_document.created_by', 'user.name'])
    .where('space_document.space_id', '=', spaceId).orderBy('space_document.created_at', 'desc').limit(200).execute();
  return rows.map((r) => ({ id: r.id, title: r.title, createdAt: r.created_at, createdBy: { id: r.created_by, name: r.name ?? '' } }));
}

/** A document, for a member of its space (404 for others alike). */
export async function readDocument(db: Db, id: string, userId: string) {
  const row = await db.k.selectFrom('space_document').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Document');
  await requireRole(db, row.space_id, userId).catch(() => { throw notFound('Document'); });
  return { id: row.id, spaceId: row.space_id, title: row.title, markdown: row.markdown, createdAt: row.created_at, createdBy: row.created_by };
}
