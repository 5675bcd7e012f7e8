import crypto from 'node:crypto';
import type { Db } from '../db/client.js';
import type { DocStore } from '../db/docStore.js';
import type { Role } from '../db/schema.js';
import { badRequest, conflict, forbidden, notFound } from '../errors.js';
import { isWeek, WEEK_HINT } from '../../shared/week.js';
import { markReportStarted } from './itemUpdates.js';

export interface ReportRow { id: string; spaceId: string; week: string; title: string; updatedAt: string }

const columns = ['id', 'space_id', 'week', 'title', 'updated_at'] as const;
const toReport = (r: { id: string; space_id: string; week: string; title: string; updated_at: string }): ReportRow =>
  ({ id: r.id, spaceId: r.space_id, week: r.week, title: r.title, updatedAt: r.updated_at });

/**
 * Creates the report row and, when given, its initial document content, in one step: a unique
 * (space, week) constraint makes concurrent creators of one week get 409, and nothing is left half-written.
 */
export async function createReport(db: Db, store: DocStore, spaceId: string, week: string, initial?: Uint8Array, title = week): Promise<ReportRow> {
  // Every way in (create, import, next week) ends here: no report outside the years the calendar code is sure of.
  if (!isWeek(week)) throw badRequest('invalid_week', `${week.slice(0, 20)} is not ${WEEK_HINT}.`);
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  const exists = await db.k.selectFrom('report').select('id').where('space_id', '=', spaceId).where('week', '=', week).executeTakeFirst();
  if (exists) throw conflict('week_exists', `The space already has a report for ${week}.`);
  try {
    await db.k.insertInto('report').values({ id, space_id: spaceId, week, title, created_at: now, updated_at: now }).execute();
  } catch (e) {
    if (/unique|duplicate/i.test(String(e))) throw conflict('week_exists', `The space already has a report for ${week}.`);
    throw e;
  }
  await markReportStarted(db, id);
  if (initial) {
    try {
      await store.append(id, [initial]);
    } catch (e) {
      await db.k.deleteFrom('report').where('id', '=', id).execute();
      throw e;
    }
  }
  return { id, spaceId, week, title, updatedAt: now };
}

export async function listReports(db: Db, spaceId: string) {
  const rows = await db.k.selectFrom('report').select(columns).where('space_id', '=', spaceId).orderBy('week', 'desc').execute();
  return rows.map(toReport).map(({ id, week, title, updatedAt }) => ({ id, week, title, updatedAt }));
}

export async function findReport(db: Db, id: string): Promise<ReportRow | null> {
  const row = await db.k.selectFrom('report').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? toReport(row) : null;
}

/** The report and the user's role in its space (null when not a member), in one query; null for an unknown id. */
export async function reportWithRole(db: Db, id: string, userId: string): Promise<{ report: ReportRow; role: Role | null } | null> {
  const row = await db.k.selectFrom('report as r')
    .leftJoin('member as m', (j) => j.onRef('m.space_id', '=', 'r.space_id').on('m.user_id', '=', userId))
    .select(['r.id', 'r.space_id', 'r.week', 'r.title', 'r.updated_at', 'm.role'])
    .where('r.id', '=', id).executeTakeFirst();
  return row ? { report: toReport(row), role: row.role ?? null } : null;
}

/** The report and the caller's role in its space; 404 for unknown ids and for outsiders alike. */
export async function requireReport(db: Db, id: string, userId: string, allowed?: readonly Role[]) {
  const found = await reportWithRole(db, id, userId);
  if (!found?.role) throw notFound('Report');
  const { report, role } = found;
  if (allowed && !allowed.includes(role)) throw forbidden(`This needs the ${allowed.join(' or ')} role in the space.`);
  return { report, role };
}

export async function touchReport(db: Db, id: string) {
  await db.k.updateTable('report').set({ updated_at: new Date().toISOString() }).where('id', '=', id).execute();
}
