import crypto from 'node:crypto';
import * as Y from 'yjs';
import type { Db } from '../db/client.js';
import { canComment, type Role } from '../db/schema.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { findReport } from './reports.js';
import { roleIn } from './spaces.js';
import type { Anchor, CommentView } from '../../shared/api/comments.js';
import { DOC_FIELD } from '../../shared/doc/field.js';

export type { Anchor, CommentView };

const select = (db: Db) =>
  db.k.selectFrom('comment').innerJoin('user', 'user.id', 'comment.author_id').select([
    'comment.id', 'comment.report_id', 'comment.block_id', 'comment.parent_id', 'comment.body', 'comment.anchor',
    'comment.resolved', 'comment.created_at', 'comment.updated_at', 'comment.author_id', 'user.name as author_name',
  ]);
type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

const toView = (r: Row): CommentView => ({
  id: r.id,
  reportId: r.report_id,
  blockId: r.block_id,
  parentId: r.parent_id,
  body: r.body,
  anchor: r.anchor ? JSON.parse(r.anchor) : null,
  author: { id: r.author_id, name: r.author_name },
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  resolved: Number(r.resolved) === 1,
});

export async function getComment(db: Db, id: string): Promise<CommentView | null> {
  const row = await select(db).where('comment.id', '=', id).executeTakeFirst();
  return row ? toView(row) : null;
}

/** Oldest first, so replies follow their thread's opening comment. */
export async function listComments(db: Db, reportId: string): Promise<CommentView[]> {
  const rows = await select(db).where('comment.report_id', '=', reportId).orderBy('comment.created_at').orderBy('comment.id').execute();
  return rows.map(toView);
}

export interface NewComment { blockId?: string | null; body: string; parentId?: string | null; anchor?: Anchor | null }

/** What an opening comment may hang on: a block, or a text range, that is in the report's document now. */
export interface CommentTargets {
  blockExists(id: string): Promise<boolean>;
  /** anchorAccepted() against the current document. */
  anchorAccepted(anchor: Anchor): boolean;
}

/**
 * Adds a comment. A reply takes its thread's block and anchor; an opening comment needs a block or a text-range
 * anchor that is in the document now (a range that is not would be detached from birth).
 */
export async function addComment(db: Db, reportId: string, authorId: string, input: NewComment, targets: CommentTargets): Promise<CommentView> {
  let blockId = input.blockId ?? null;
  let anchor = input.anchor ?? null;
  let parentId: string | null = null;
  if (input.parentId) {
    const parent = await getComment(db, input.parentId);
    if (!parent || parent.reportId !== reportId) throw badRequest('invalid_parent', 'parentId must be a comment of the same report.');
    // Replies attach to the thread's opening comment, so threads stay one level deep.
    parentId = parent.parentId ?? parent.id;
    const root = parent.parentId ? await getComment(db, parent.parentId) : parent;
    blockId = root?.blockId ?? null;
    anchor = root?.anchor ?? null;
  } else {
    if (!blockId && !anchor) throw badRequest('invalid_input', 'A comment needs a blockId or a text-range anchor.');
    if (blockId && !(await targets.blockExists(blockId))) throw badRequest('unknown_block', `The report has no block ${blockId}.`);
    if (anchor && !targets.anchorAccepted(anchor)) throw badRequest('invalid_anchor', 'The anchor is not a text range of the report (its text may have been deleted).');
  }
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  await db.k.insertInto('comment').values({
    id, report_id: reportId, block_id: blockId, parent_id: parentId, author_id: authorId, body: input.body,
    anchor: anchor ? JSON.stringify(anchor) : null, resolved: 0, created_at: now, updated_at: now,
  }).execute();
  return (await getComment(db, id))!;
}

/**
 * Resolve/reopen (anyone who may comment) or edit the body (its author only). Checks everything before
 * writing anything. Resolving applies to the thread: pass a reply and its opening comment changes.
 */
export async function updateComment(db: Db, commentId: string, userId: string, patch: { resolved?: boolean; body?: string }) {
  const comment = await getComment(db, commentId);
  const report = comment ? await findReport(db, comment.reportId) : null;
  const role: Role | null = report ? await roleIn(db, report.spaceId, userId) : null;
  if (!comment || !role) throw notFound('Comment');
  if (!canComment(role)) throw forbidden('Viewers may read comments but not change them.');
  if (patch.body !== undefined && comment.author.id !== userId) throw forbidden('Only its author may edit a comment.');
  const now = new Date().toISOString();
  await db.k.transaction().execute(async (tx) => {
    if (patch.body !== undefined) await tx.updateTable('comment').set({ body: patch.body, updated_at: now }).where('id', '=', commentId).execute();
    if (patch.resolved !== undefined) {
      const rootId = comment.parentId ?? comment.id;
      await tx.updateTable('comment').set({ resolved: patch.resolved ? 1 : 0, updated_at: now }).where('id', '=', rootId).execute();
    }
  });
  return { comment: (await getComment(db, commentId))!, root: comment.parentId ? (await getComment(db, comment.parentId))! : null, report: report! };
}

/**
 * Whether an opening comment may hang on a text-range anchor: both ends decode to positions in the report's text,
 * and that text is there now, or comes from edits this server has not received yet (text typed and commented on at
 * once: the comment's request can overtake the edit's frames). A range nowhere in the text is refused.
 */
export function anchorAccepted(doc: Y.Doc, anchor: Anchor): boolean {
  let ends: Y.RelativePosition[];
  try {
    ends = [anchor.from, anchor.to].map((e) => Y.decodeRelativePosition(Buffer.from(e, 'base64')));
  } catch {
    return false;
  }
  // A position by root type name must name the report's text: reading another would create that type here.
  if (ends.some((p) => p.tname !== null && p.tname !== DOC_FIELD)) return false;
  const notYetHere = (p: Y.RelativePosition) => p.item !== null && Y.getState(doc.store, p.item.client) <= p.item.clock;
  return ends.some(notYetHere) || anchorAlive(doc, anchor);
}

/**
 * Whether a text-range anchor still points at live text: both ends resolve in the document and, within one
 * paragraph, the range is not collapsed (its text deleted). Anchors that cannot be decoded count as detached.
 */
export function anchorAlive(doc: Y.Doc, anchor: Anchor): boolean {
  try {
    const from = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(anchor.from, 'base64')), doc);
    const to = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(anchor.to, 'base64')), doc);
    if (!from || !to) return false;
    // Within one text: collapsed means its text was deleted. Across paragraphs: alive while both ends are.
    return from.type !== to.type || to.index > from.index;
  } catch {
    return false;
  }
}
