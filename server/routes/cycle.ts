import { Hono } from 'hono';
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import type { AuthEnv } from '../auth.js';
import { carryForward } from '../domain/carryForward.js';
import { takeSnapshot } from '../domain/history.js';
import { mentionsIn, recordMentions } from '../domain/docMentions.js';
import { docJsonInTurns } from '../domain/docJson.js';
import { withReportDoc } from '../domain/reportDoc.js';
import { createReport, requireReport } from '../domain/reports.js';
import { conflict } from '../errors.js';
import { logger } from '../log.js';
import { reportSchema } from '../../shared/blocks/index.js';
import { DOC_FIELD } from '../../shared/doc/field.js';
import { addWeek } from '../../shared/week.js';
import type { Deps } from './deps.js';

const log = logger('cycle');

/** The weekly cycle: start next week's report from this one. Mounted at /api. */
export const cycleRoutes = (d: Deps) =>
  new Hono<AuthEnv>()
    .post('/reports/:reportId/next', async (c) => {
      const { report } = await requireReport(d.db, c.req.param('reportId'), c.var.user.id, ['owner', 'editor']);
      const week = addWeek(report.week, 1);
      const taken = await d.db.k.selectFrom('report').select('id').where('space_id', '=', report.spaceId).where('week', '=', week).executeTakeFirst();
      if (taken) throw conflict('week_exists', `The space already has a report for ${week}.`);

      const source = await withReportDoc(d, report.id, async (doc) => {
        const json = await docJsonInTurns(doc);
        return { json, state: Y.encodeStateAsUpdate(doc) }; // the same state: no turn since the JSON's last step
      });
      // Each block that names a project keeps the project it is this week (by key, whatever its name becomes).
      await d.indexer.indexNow(report.id).catch((e) => log.warn('index before next week failed', { report: report.id, error: String(e) }));
      const resolved = await d.db.k.selectFrom('item').select(['block_id', 'project_id']).where('report_id', '=', report.id).where('project_id', 'is not', null).execute();
      const json = carryForward(source.json, { week: report.week }, { week }, { projectKeys: new Map(resolved.map((r) => [r.block_id, r.project_id!])) });
      const ydoc = prosemirrorJSONToYDoc(reportSchema(), json, DOC_FIELD);
      const created = await createReport(d.db, d.store, report.spaceId, week, Y.encodeStateAsUpdate(ydoc));
      ydoc.destroy();
      // Mentions carried along were told last week already.
      await recordMentions(d.db, created.id, mentionsIn(json));

      // History: this week as it stood when the next one was started.
      await takeSnapshot(d.db, report.id, source.state, 'next_week', d.history.takeAuthors(report.id));
      d.history.noteSnapshot(report.id);
      await d.indexer.indexNow(created.id).catch((e) => log.warn('index of next week failed', { report: created.id, error: String(e) }));
      log.info('next week started', { from: report.id, to: created.id, week });
      return c.json({ id: created.id, week: created.week, title: created.title, spaceId: created.spaceId }, 201);
    })
    // Week navigation: the reports before and after this one in its space (null when there is none).
    .get('/reports/:reportId/neighbours', async (c) => {
      const { report } = await requireReport(d.db, c.req.param('reportId'), c.var.user.id);
      const near = async (op: '<' | '>') => {
        const row = await d.db.k.selectFrom('report').select(['id', 'week']).where('space_id', '=', report.spaceId).where('week', op, report.week)
          .orderBy('week', op === '<' ? 'desc' : 'asc').limit(1).executeTakeFirst();
        return row ? { id: row.id, week: row.week } : null;
      };
      const next = addWeek(report.week, 1);
      const nextRow = await d.db.k.selectFrom('report').select('id').where('space_id', '=', report.spaceId).where('week', '=', next).executeTakeFirst();
      return c.json({ previous: await near('<'), next: await near('>'), nextWeek: { week: next, id: nextRow?.id ?? null } });
    });
