import { Hono } from 'hono';
import * as Y from 'yjs';
import type { AuthEnv } from '../auth.js';
import { diffBlocks } from '../domain/diffBlocks.js';
import { listSnapshots, snapshotJson, takeSnapshot } from '../domain/history.js';
import { FRAGMENT, readReportJson, withReportDoc } from '../domain/reportDoc.js';
import { requireReport } from '../domain/reports.js';
import { reportChannel } from '../events/bus.js';
import { reportSchema } from '../../shared/blocks/index.js';
import type { Deps } from './deps.js';
import { restoreBlocks } from '../domain/restoreBlocks.js';
import { docJson } from '../domain/docJson.js';

/** Version history of a report: list, view one (with what changed since), restore. Mounted at /api. */
export const historyRoutes = (d: Deps) =>
  new Hono<AuthEnv>()
    .get('/reports/:reportId/history', async (c) => {
      const { report } = await requireReport(d.db, c.req.param('reportId'), c.var.user.id);
      return c.json(await listSnapshots(d.db, report.id));
    })
    // "Save a version" by hand (besides the automatic hourly and next-week snapshots).
    .post('/reports/:reportId/history', async (c) => {
      const { report } = await requireReport(d.db, c.req.param('reportId'), c.var.user.id, ['owner', 'editor']);
      const state = await withReportDoc(d, report.id, (live) => Y.encodeStateAsUpdate(live));
      const id = await takeSnapshot(d.db, report.id, state, 'manual', [...d.history.takeAuthors(report.id), c.var.user.id]);
      d.history.noteSnapshot(report.id);
      return c.json({ id }, 201);
    })
    .get('/reports/:reportId/history/:snapshotId', async (c) => {
      const { report } = await requireReport(d.db, c.req.param('reportId'), c.var.user.id);
      const { summary, doc } = await snapshotJson(d.db, report.id, c.req.param('snapshotId'));
      const current = await readReportJson(d, report.id);
      // From the snapshot to now: `removed` and `changed` blocks are the ones a restore would bring back.
      return c.json({ ...summary, doc, diff: await diffBlocks(doc, current) });
    })
    .post('/reports/:reportId/history/:snapshotId/restore', async (c) => {
      const { report } = await requireReport(d.db, c.req.param('reportId'), c.var.user.id, ['owner', 'editor']);
      const { summary, doc } = await snapshotJson(d.db, report.id, c.req.param('snapshotId'));
      const old = reportSchema().nodeFromJSON(doc);
      // Keep what is replaced, so a restore can itself be undone from the history.
      const state = await withReportDoc(d, report.id, (live) => Y.encodeStateAsUpdate(live));
      const before = await takeSnapshot(d.db, report.id, state, 'before_restore', [...d.history.takeAuthors(report.id), c.var.user.id]);
      d.history.noteSnapshot(report.id);
      // A new change on top of the current state (nothing rewritten): connected clients follow live.
      await d.rooms.change(report.id, (live) => restoreBlocks(live, live.getXmlFragment(FRAGMENT), docJson(live), doc, old), c.var.user.id);
      // Everyone with the report open is told who restored which version (the version's time: `at`).
      d.events.publish(reportChannel(report.id), { type: 'restored', reportId: report.id, snapshotId: c.req.param('snapshotId'), at: summary.createdAt, by: { id: c.var.user.id, name: c.var.user.name } });
      return c.json({ ok: true, restored: c.req.param('snapshotId'), before });
    });
