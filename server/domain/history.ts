import crypto from 'node:crypto';
import type { Db } from '../db/client.js';
import { notFound } from '../errors.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { storedJson } from './docJson.js';

/** Why a snapshot was taken. */
export type SnapshotReason = 'auto' | 'manual' | 'next_week' | 'before_restore' | 'import';

export interface SnapshotSummary { id: string; createdAt: string; reason: SnapshotReason; authors: { id: string; name: string }[] }

/** Stores the document's full state now, with the people who edited since the snapshot before. */
export async function takeSnapshot(db: Db, reportId: string, state: Uint8Array, reason: SnapshotReason, authorIds: string[]): Promise<string> {
  const id = crypto.randomUUID();
  await db.k.insertInto('report_history').values({
    id, report_id: reportId, created_at: new Date().toISOString(), reason, authors: JSON.stringify([...new Set(authorIds)]),
    data: state,
  }).execute();
  return id;
}

export async function lastSnapshotAt(db: Db, reportId: string): Promise<string | null> {
  const row = await db.k.selectFrom('report_history').select('created_at').where('report_id', '=', reportId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return row?.created_at ?? null;
}

/** Newest first, authors with their names. */
export async function listSnapshots(db: Db, reportId: string): Promise<SnapshotSummary[]> {
  const rows = await db.k.selectFrom('report_history').select(['id', 'created_at', 'reason', 'authors'])
    .where('report_id', '=', reportId).orderBy('created_at', 'desc').orderBy('id').execute();
  const ids = [...new Set(rows.flatMap((r) => JSON.parse(r.authors) as string[]))];
  const users = ids.length ? await db.k.selectFrom('user').select(['id', 'name']).where('id', 'in', ids).execute() : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id, createdAt: r.created_at, reason: r.reason as SnapshotReason,
    authors: (JSON.parse(r.authors) as string[]).map((id) => ({ id, name: names.get(id) ?? '(removed)' })),
  }));
}

/** A snapshot's document as ProseMirror JSON. */
export async function snapshotJson(db: Db, reportId: string, snapshotId: string): Promise<{ summary: SnapshotSummary; doc: DocNode }> {
  const row = await db.k.selectFrom('report_history').select(['id', 'data']).where('id', '=', snapshotId).where('report_id', '=', reportId).executeTakeFirst();
  if (!row) throw notFound('Snapshot');
  const summary = (await listSnapshots(db, reportId)).find((s) => s.id === snapshotId)!;
  // As the editor would show it (a long report's version read in the document worker).
  return { summary, doc: await storedJson({ snapshot: new Uint8Array(row.data), updates: [] }, reportId) };
}
