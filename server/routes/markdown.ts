import { Hono } from 'hono';
import type { AuthEnv } from '../auth.js';
import { readReportJson } from '../domain/reportDoc.js';
import { requireReport } from '../domain/reports.js';
import { listMembers } from '../domain/spaces.js';
import { exportMarkdownInTurns } from '../../shared/markdown/export.js';
import { nextTurn } from '../nextTurn.js';
import type { Deps } from './deps.js';

/**
 * GET /api/reports/:reportId/markdown — the report in the Markdown shape it can be imported from. Mounted at
 * /api/reports. The export lets other requests have turns: a 2 MB report takes about a second of the one thread, and
 * four viewers asking at once held every other request for nine (probe).
 */
export const markdownRoutes = (d: Deps) =>
  new Hono<AuthEnv>()
    .get('/:reportId/markdown', async (c) => {
      const { report } = await requireReport(d.db, c.req.param('reportId'), c.var.user.id);
      // Owners are written by name, so that importing the export finds the same members.
      const people = new Map((await listMembers(d.db, report.spaceId)).map((m) => [m.userId, m.name]));
      const markdown = await exportMarkdownInTurns(await readReportJson(d, report.id), { week: report.week, people }, nextTurn);
      return c.body(markdown, 200, {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': `inline; filename="${report.week}.md"`,
      });
    });
