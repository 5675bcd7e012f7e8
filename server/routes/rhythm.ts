import { Hono } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../auth.js';
import { getDeadline, setDeadline } from '../domain/deadline.js';
import { listDocuments, readDocument, saveDocument } from '../domain/documents.js';
import { remindOwners } from '../domain/reminders.js';
import { requireReport } from '../domain/reports.js';
import { requireRole } from '../domain/spaces.js';
import { reportChanges } from '../rollups/changes.js';
import { reportStatus } from '../rollups/status.js';
import { periodSummary } from '../rollups/summary.js';
import { isWeek, WEEK_HINT } from '../../shared/week.js';
import type { Deps } from './deps.js';
import { validate } from './validate.js';

const isoWeek = z.string().refine(isWeek, `expected ${WEEK_HINT}`);
const period = z.object({ from: isoWeek, to: isoWeek }).refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
const remind = z.object({ userIds: z.array(z.string().min(1).max(100)).max(200).optional() });
const deadline = z.object({
  weekday: z.number().int().min(1).max(7),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour)'),
  timeZone: z.string().min(1).max(64),
});
// A NUL in either is refused (400) by validate(), as in every JSON body.
const document = z.object({ title: z.string().trim().min(1).max(200), markdown: z.string().min(1).max(500_000) });

/**
 * The weekly rhythm (issue 15): who has updated their items, reminders, what changed since last week, the period
 * summary and its saved documents, the space's weekly deadline. Mounted at /api.
 */
export const rhythmRoutes = (d: Deps) =>
  new Hono<AuthEnv>()
    .get('/reports/:reportId/status', async (c) => {
      const { report } = await requireReport(d.db, c.req.param('reportId'), c.var.user.id);
      // Edits of the last second are counted: the report is indexed now if a change is pending.
      await d.indexer.current(report.id);
      return c.json(await reportStatus(d.db, report, d.now()));
    })
    .post('/reports/:reportId/remind', validate('json', remind), async (c) => {
      const { report } = await requireReport(d.db, c.req.param('reportId'), c.var.user.id, ['owner', 'editor']);
      await d.indexer.current(report.id);
      return c.json(await remindOwners(d.db, d.events, report, c.var.user.id, c.req.valid('json').userIds, d.now()));
    })
    .get('/reports/:reportId/changes', async (c) => {
      const { report } = await requireReport(d.db, c.req.param('reportId'), c.var.user.id);
      await d.indexer.current(report.id);
      return c.json(await reportChanges(d.db, report));
    })
    .get('/spaces/:spaceId/summary', validate('query', period), async (c) => {
      const spaceId = c.req.param('spaceId');
      await requireRole(d.db, spaceId, c.var.user.id);
      const { from, to } = c.req.valid('query');
      c.header('Content-Type', 'text/markdown; charset=utf-8');
      return c.body(await periodSummary(d.db, spaceId, from, to));
    })
    .get('/spaces/:spaceId/documents', async (c) => {
      const spaceId = c.req.param('spaceId');
      await requireRole(d.db, spaceId, c.var.user.id);
      return c.json({ documents: await listDocuments(d.db, spaceId) });
    })
    .post('/spaces/:spaceId/documents', validate('json', document), async (c) => {
      const spaceId = c.req.param('spaceId');
      await requireRole(d.db, spaceId, c.var.user.id, ['owner', 'editor']);
      const { title, markdown } = c.req.valid('json');
      return c.json(await saveDocument(d.db, spaceId, c.var.user.id, title, markdown), 201);
    })
    .get('/documents/:documentId', async (c) => c.json(await readDocument(d.db, c.req.param('documentId'), c.var.user.id)))
    .get('/spaces/:spaceId/rhythm', async (c) => {
      const spaceId = c.req.param('spaceId');
      await requireRole(d.db, spaceId, c.var.user.id);
      return c.json({ deadline: await getDeadline(d.db, spaceId) });
    })
    .patch('/spaces/:spaceId/rhythm', validate('json', z.object({ deadline })), async (c) => {
      const spaceId = c.req.param('spaceId');
      await requireRole(d.db, spaceId, c.var.user.id, ['owner']);
      return c.json({ deadline: await setDeadline(d.db, spaceId, c.req.valid('json').deadline) });
    });
