import crypto from 'node:crypto';
import type { Db } from '../db/client.js';
import { inValues } from '../db/inValues.js';
import { userChannel, type EventBus } from '../events/bus.js';
import type { NotificationKind, NotificationView } from '../../shared/api/comments.js';

export type { NotificationKind, NotificationView };

export interface Member { userId: string; name: string; email: string }

/** A Latin handle must not run on into more letters (`@ann` is not `@annie`); CJK names need no space after them. */
const continues = /^[A-Za-z0-9_]/;

/**
 * Members named in a text as `@email` or `@name` (case-insensitive; a name may contain spaces, so each member's
 * name is looked for, longest first, rather than guessing where a mention ends).
 */
export function mentionedMembers(text: string, members: Member[]): string[] {
  const lower = text.toLowerCase();
  const found = new Set<string>();
  const handles = members.flatMap((m) => [m.email, m.name].filter(Boolean).map((h) => ({ userId: m.userId, handle: h.toLowerCase() })))
    .sort((a, b) => b.handle.length - a.handle.length);
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    const rest = lower.slice(at + 1);
    const hit = handles.find((h) => rest.startsWith(h.handle) && !continues.test(rest.slice(h.handle.length)));
    if (hit) found.add(hit.userId);
  }
  return [...found];
}

export interface NewNotification { userId: string; kind: NotificationKind; reportId: string; commentId: string | null; blockId: string | null; actorId: string; excerpt: string }

/** Stores notifications (one per user: the first reason given wins) and pushes each to its user's stream. */
export async function notify(db: Db, events: EventBus, list: NewNotification[]) {
  const seen = new Set<string>();
  // Nobody is told of their own act; a deadline reminder is the server's, written with the person as its actor.
  const candidates = list.filter((n) => (n.userId !== n.actorId || n.kind === 'deadline') && !seen.has(n.userId) && seen.add(n.userId));
  if (candidates.length === 0) return;
  // Only people who are members of the report's space now (a reply to a removed member's comment reaches nobody).
  const members = new Set((await db.k.selectFrom('member').innerJoin('report', 'report.space_id', 'member.space_id')
    .select(['member.user_id', 'report.id as report_id'])
    .where(inValues(db, 'report.id', [...new Set(candidates.map((n) => n.reportId))]))
    .where(inValues(db, 'member.user_id', candidates.map((n) => n.userId)))
    .execute()).map((r) => `${r.report_id}:${r.user_id}`));
  const unique = candidates.filter((n) => members.has(`${n.reportId}:${n.userId}`));
  if (unique.length === 0) return;
  const now = new Date().toISOString();
  const rows = unique.map((n) => ({
    id: crypto.randomUUID(), user_id: n.userId, kind: n.kind, report_id: n.reportId, comment_id: n.commentId, block_id: n.blockId,
    actor_id: n.actorId, excerpt: excerptOf(n.excerpt), read: 0, created_at: now,
  }));
  await db.k.insertInto('notification').values(rows).execute();
  for (const r of rows) {
    const view = (await listNotifications(db, r.user_id, { id: r.id })).items[0];
    if (view) events.publish(userChannel(r.user_id), { type: 'notification', notification: view, unread: await unreadCount(db, r.user_id) });
  }
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const row = await db.k.selectFrom('notification').select((e) => e.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read', '=', 0).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The user's inbox, newest first. */
export async function listNotifications(db: Db, userId: string, opts: { id?: string; limit?: number } = {}) {
  let q = db.k.selectFrom('notification')
    .innerJoin('user', 'user.id', 'notification.actor_id')
    .leftJoin('report', 'report.id', 'notification.report_id')
    .select(['notification.id', 'notification.kind', 'notification.report_id', 'notification.comment_id', 'notification.block_id', 'notification.actor_id',
      'notification.excerpt', 'notification.read', 'notification.created_at', 'user.name as actor_name', 'report.week'])
    .where('notification.user_id', '=', userId);
  if (opts.id) q = q.where('notification.id', '=', opts.id);
  const rows = await q.orderBy('notification.created_at', 'desc').orderBy('notification.id').limit(opts.limit ?? 100).execute();
  const items: NotificationView[] = rows.map((r) => ({
    id: r.id, kind: r.kind as NotificationKind, reportId: r.report_id, week: r.week ?? null, commentId: r.comment_id, blockId: r.block_id,
    actor: { id: r.actor_id, name: r.actor_name }, excerpt: r.excerpt, read: Number(r.read) === 1, createdAt: r.created_at,
  }));
  return { items, unread: await unreadCount(db, userId) };
}

/** Marks the given notifications (only the user's own) or all of them read; returns the unread count left. */
export async function markRead(db: Db, events: EventBus, userId: string, which: { ids?: string[]; all?: boolean }) {
  let q = db.k.updateTable('notification').set({ read: 1 }).where('user_id', '=', userId);
  if (!which.all) q = q.where('id', 'in', which.ids?.length ? which.ids : ['']);
  await q.execute();
  const unread = await unreadCount(db, userId);
  events.publish(userChannel(userId), { type: 'read', unread });
  return unread;
}

/** The first 200 UTF-16 units of a text, never half of a character written with two (an emoji ended in U+FFFD). */
export function excerptOf(text: string, max = 200): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
