import { Hono } from 'hono';
import type { AuthEnv } from '../auth.js';
import { readReportJson } from '../domain/reportDoc.js';
import { requireReport } from '../domain/reports.js';
import { listMembers } from '../domain/spaces.js';
import { exportMarkdown } from '../../shared/markdown/export.js';
import type { Deps } from './deps.js';

/** GET /api/reports/:reportId/markdown — the report in the Markdown shape it can be imported from. Mounted at /api/reports. */
export const markdownRoutes = (d: Deps) =>
  new Hono<AuthEnv>()
    .get('/:reportId/markdown', async (c) => {
      const { report } = await requireReport(d.db, c.req.param('reportId'), c.var.user.id);
      // Owners are written by name, so that importing the export finds the same members.
      const people = new Map((await listMembers(d.db, report.spaceId)).map((m) => [m.userId, m.name]));
      const markdown = exportMarkdown(await readReportJson(d, report.id), { week: report.week, people });
      return c.body(markdown, 200, {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': `inline; filename="${report.week}.md"`,
      });
    });
