import { Hono } from 'hono';
import { z } from 'zod';
import { blockOf } from '../../shared/blocks/index.js';
import { commenters } from '../../shared/roles.js';
import type { AuthEnv } from '../auth.js';
import { addComment, anchorAccepted, anchorAlive, getComment, listComments, updateComment, type CommentView } from '../domain/comments.js';
import { mentionedMembers, notify, type NewNotification } from '../domain/notifications.js';
import { docJsonInTurns } from '../domain/docJson.js';
import { blocksById, readReportJson, withReportDoc } from '../domain/reportDoc.js';
import { requireReport } from '../domain/reports.js';
import { listMembers } from '../domain/spaces.js';
import { reportChannel } from '../events/bus.js';
import type { Deps } from './deps.js';
import { streamAccess } from '../access.js';
import { validate } from './validate.js';

const body = z.string().trim().min(1, 'a comment cannot be empty').max(10_000);
const anchor = z.object({ from: z.string().min(1).max(2000), to: z.string().min(1).max(2000), quote: z.string().max(2000).optional() });
const newComment = z.object({
  blockId: z.string().min(1).max(100).nullish(),
  body,
  parentId: z.string().min(1).max(100).nullish(),
  anchor: anchor.nullish(),
});
const patch = z.object({ resolved: z.boolean().optional(), body: body.optional() })
  .refine((p) => p.resolved !== undefined || p.body !== undefined, 'give resolved or body');


/** A thread on a block is detached when the block is gone from the document. */
const blockGone = (ids: Map<string, unknown>) => (x: CommentView) => !!x.blockId && !ids.has(x.blockId);

/** Comment threads of a report, their live event stream, and edits of one comment. Mounted at /api. */
export const commentsRoutes = (d: Deps) =>
  new Hono<AuthEnv>()
    .get('/reports/:reportId/comments', async (c) => {
      const { report } = await requireReport(d.db, c.req.param('reportId'), c.var.user.id);
      const comments = await listComments(d.db, report.id);
      const byId = new Map(comments.map((x) => [x.id, x]));
      // Detached: the block (or text range) a thread hangs on is gone from the current document.
      // The document is read only as far as the threads need it: none, none on text ranges (its JSON: a long report's
      // read in the document worker), or threads on text ranges (the Y.Doc, for their relative positions).
      const detached = comments.length === 0 ? () => false
        : !comments.some((x) => x.anchor) ? blockGone(blocksById(await readReportJson(d, report.id)))
        : await withReportDoc(d, report.id, async (doc) => {
          const gone = blockGone(blocksById(await docJsonInTurns(doc)));
          return (x: CommentView) => gone(x) || (!x.blockId && !!x.anchor && !anchorAlive(doc, x.anchor));
        });
      return c.json(comments.map((x) => {
        const root = x.parentId ? byId.get(x.parentId) ?? x : x;
        return { ...x, resolved: root.resolved, detached: detached(root) };
      }));
    })
    .post('/reports/:reportId/comments', validate('json', newComment), async (c) => {
      const user = c.var.user;
      const { report } = await requireReport(d.db, c.req.param('reportId'), user.id, commenters);
      const input = c.req.valid('json');
      // Read while the document is at hand: whether the anchor (an opening comment's) points at live text.
      const anchored = !!input.anchor && !input.parentId;
      const { blocks, accepted } = anchored
        ? await withReportDoc(d, report.id, async (doc) => {
          // Checked before the JSON's turns: the anchor is checked against the document as the comment arrives.
          const accepted = anchorAccepted(doc, input.anchor!);
          return { blocks: blocksById(await docJsonInTurns(doc)), accepted };
        })
        : { blocks: blocksById(await readReportJson(d, report.id)), accepted: true };
      const comment = await addComment(d.db, report.id, user.id, input, { blockExists: async (id) => blocks.has(id), anchorAccepted: () => accepted });
      d.events.publish(reportChannel(report.id), { type: 'comment', action: 'created', comment });

      // Who is told: people mentioned, the block's owner (an OKR item's), the author of the thread replied to.
      const members = await listMembers(d.db, report.spaceId);
      const memberIds = new Set(members.map((m) => m.userId));
      const base = { reportId: report.id, commentId: comment.id, blockId: comment.blockId, actorId: user.id, excerpt: comment.body };
      const list: NewNotification[] = mentionedMembers(comment.body, members).map((userId) => ({ ...base, userId, kind: 'mention' }));
      const block = comment.blockId ? blocks.get(comment.blockId) : undefined;
      const owners = block ? blockOf(block.type)?.ownerIds?.(block.attrs ?? {}) ?? [] : [];
      for (const owner of owners) if (memberIds.has(owner)) list.push({ ...base, userId: owner, kind: 'owner' });
      if (comment.parentId) {
        const root = await getComment(d.db, comment.parentId);
        if (root) list.push({ ...base, userId: root.author.id, kind: 'reply' });
      }
      await notify(d.db, d.events, list);
      return c.json(comment, 201);
    })
    .get('/reports/:reportId/events', async (c) => {
      const { report } = await requireReport(d.db, c.req.param('reportId'), c.var.user.id);
      return d.streams.stream(c, [reportChannel(report.id)], streamAccess(d, c.req.raw.headers, c.var.user.id, report.spaceId));
    })
    .patch('/comments/:commentId', validate('json', patch), async (c) => {
      const { comment, root, report } = await updateComment(d.db, c.req.param('commentId'), c.var.user.id, c.req.valid('json'));
      d.events.publish(reportChannel(report.id), { type: 'comment', action: 'updated', comment });
      if (root) d.events.publish(reportChannel(report.id), { type: 'comment', action: 'updated', comment: root });
      return c.json(comment);
    });
