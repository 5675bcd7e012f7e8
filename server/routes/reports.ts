import { Hono } from 'hono';
import type { AuthEnv } from '../auth.js';
import { requireReport } from '../domain/reports.js';
import type { Deps } from './deps.js';

export const reportsRoutes = (d: Deps) =>
  new Hono<AuthEnv>()
    .get('/:reportId', async (c) => {
      const { report, role } = await requireReport(d.db, c.req.param('reportId'), c.var.user.id);
      return c.json({ ...report, role });
    });
