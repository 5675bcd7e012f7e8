import { Hono } from 'hono';
import { isValid, parseISO } from 'date-fns';
import { z } from 'zod';
import type { AuthEnv } from '../auth.js';
import { requireRole } from '../domain/spaces.js';
import { isWeek, WEEK_HINT } from '../../shared/week.js';
import { dashboard } from '../rollups/dashboard.js';
import { incidentSummary, listIncidents } from '../rollups/incidents.js';
import { kpiSeries } from '../rollups/kpiSeries.js';
import { projectTimeline } from '../rollups/timeline.js';
import type { Deps } from './deps.js';
import { validate } from './validate.js';

/** A real calendar day written YYYY-MM-DD (2024-02-30 is refused). */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => isValid(parseISO(s)), 'not a calendar date');
const range = z.object({ from: day.optional(), to: day.optional() })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'from must not be after to', path: ['from'] });
const dashboardQuery = z.object({ week: z.string().refine(isWeek, `expected ${WEEK_HINT}`).optional() });
const name = z.object({ spaceId: z.string(), project: z.string().trim().min(1).max(200).optional(), name: z.string().trim().min(1).max(200).optional() });

/** Rollups across a space's weeks: project timeline, KPI series, incidents, dashboard. Any member may read. */
export const rollupsRoutes = (d: Deps) =>
  new Hono<AuthEnv>()
    .get('/:spaceId/projects/:project/timeline', validate('param', name), async (c) => {
      const { spaceId, project } = c.req.valid('param');
      await requireRole(d.db, spaceId, c.var.user.id);
      return c.json(await projectTimeline(d.db, spaceId, project!));
    })
    .get('/:spaceId/kpis/:name/series', validate('param', name), async (c) => {
      const { spaceId, name: metric } = c.req.valid('param');
      await requireRole(d.db, spaceId, c.var.user.id);
      return c.json(await kpiSeries(d.db, spaceId, metric!));
    })
    .get('/:spaceId/incidents/summary', validate('query', range), async (c) => {
      const spaceId = c.req.param('spaceId');
      await requireRole(d.db, spaceId, c.var.user.id);
      return c.json(await incidentSummary(d.db, spaceId, c.req.valid('query')));
    })
    .get('/:spaceId/incidents', validate('query', range), async (c) => {
      const spaceId = c.req.param('spaceId');
      await requireRole(d.db, spaceId, c.var.user.id);
      return c.json({ incidents: await listIncidents(d.db, spaceId, c.req.valid('query')) });
    })
    .get('/:spaceId/dashboard', validate('query', dashboardQuery), async (c) => {
      const spaceId = c.req.param('spaceId');
      await requireRole(d.db, spaceId, c.var.user.id);
      return c.json(await dashboard(d.db, spaceId, c.req.valid('query')));
    });
