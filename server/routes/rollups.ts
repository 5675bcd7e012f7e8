import { Hono } from 'hono';
import { isValid, parseISO } from 'date-fns';
import { z } from 'zod';
import type { AuthEnv } from '../auth.js';
import { requireRole } from '../domain/spaces.js';
import { badRequest } from '../errors.js';
import { isWeek, WEEK_HINT } from '../../shared/week.js';
import { dashboard } from '../rollups/dashboard.js';
import { incidentSummary, listIncidents } from '../rollups/incidents.js';
import { kpiSeries } from '../rollups/kpiSeries.js';
import { listProjects, mergeProjects, splitAlias } from '../rollups/projects.js';
import { projectTimeline } from '../rollups/timeline.js';
import type { Deps } from './deps.js';
import { validate } from './validate.js';

/** A real calendar day written YYYY-MM-DD (2024-02-30 is refused). */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => isValid(parseISO(s)), 'not a calendar date');
const range = z.object({ from: day.optional(), to: day.optional() })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'from must not be after to', path: ['from'] });
const isoWeek = z.string().refine(isWeek, `expected ${WEEK_HINT}`);
/** One week (`week`, the range's end), or a range `from`–`to` of weeks (issue 12). */
const dashboardQuery = z.object({ week: isoWeek.optional(), from: isoWeek.optional(), to: isoWeek.optional() })
  .refine((q) => !q.from || !(q.to ?? q.week) || q.from <= (q.to ?? q.week)!, { message: 'from must not be after to', path: ['from'] });
const projectKeyParam = z.string().regex(/^[\w-]{4,64}$/, 'expected a project key');
const merge = z.object({ from: projectKeyParam, into: projectKeyParam });
const split = z.object({ alias: z.string().trim().min(1).max(200) });
const name = z.object({ spaceId: z.string(), project: z.string().trim().min(1).max(200).optional(), name: z.string().trim().min(1).max(200).optional() });

/**
 * Rollups across a space's weeks: projects, project timeline, KPI series, incidents, dashboard. Any member may read;
 * owners merge projects and split names off them (issue 12).
 */
export const rollupsRoutes = (d: Deps) =>
  new Hono<AuthEnv>()
    .get('/:spaceId/projects', async (c) => {
      const spaceId = c.req.param('spaceId');
      await requireRole(d.db, spaceId, c.var.user.id);
      return c.json({ projects: await listProjects(d.db, spaceId) });
    })
    .post('/:spaceId/projects/merge', validate('json', merge), async (c) => {
      const spaceId = c.req.param('spaceId');
      await requireRole(d.db, spaceId, c.var.user.id, ['owner']);
      const { from, into } = c.req.valid('json');
      return c.json(await mergeProjects(d.db, spaceId, from, into));
    })
    .post('/:spaceId/projects/:projectKey/split', validate('json', split), async (c) => {
      const spaceId = c.req.param('spaceId');
      await requireRole(d.db, spaceId, c.var.user.id, ['owner']);
      const key = projectKeyParam.safeParse(c.req.param('projectKey'));
      if (!key.success) throw badRequest('invalid_input', 'projectKey: expected a project key');
      return c.json(await splitAlias(d.db, spaceId, key.data, c.req.valid('json').alias), 201);
    })
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
      return c.json(await dashboard(d.db, spaceId, { ...c.req.valid('query'), today: d.now() }));
    });
