import { Hono } from 'hono';
import { z } from 'zod';
import { EMAIL_MAX } from '../accounts/rules.js';
import type { AuthEnv } from '../auth.js';
import { roles } from '../db/schema.js';
import { createReport, listReports } from '../domain/reports.js';
import { addMember, createSpace, getObjectives, listMembers, listSpaces, removeMember, requireRole, setObjectives } from '../domain/spaces.js';
import { invite, listInvites, revokeInvite } from '../domain/invites.js';
import { isWeek, WEEK_HINT } from '../../shared/week.js';
import { isInvisibleText, OBJECTIVE_CODE } from '../../shared/objectives.js';
import type { Deps } from './deps.js';
import { accessChanged } from '../events/access.js';
import { userChannel } from '../events/bus.js';
import { validate } from './validate.js';

const week = z.string().refine(isWeek, `week must be ${WEEK_HINT}`);
/** A space's objectives: each code once (OKR items are grouped by it), each title something one can read. */
const objectives = z.array(z.object({
  code: z.string().trim().regex(OBJECTIVE_CODE, 'code is O1, O2, … O99 (not O0 or O01)'),
  title: z.string().trim().min(1).max(60).refine((t) => !isInvisibleText(t), 'title cannot be only blank or invisible characters'),
})).min(1).max(20).refine((list) => new Set(list.map((o) => o.code)).size === list.length, 'each objective code may appear only once');

export const spacesRoutes = (d: Deps) =>
  new Hono<AuthEnv>()
    .post('/', validate('json', z.object({ name: z.string().trim().min(1).max(100) })), async (c) =>
      c.json(await createSpace(d.db, c.var.user.id, c.req.valid('json').name), 201))
    .get('/', async (c) => c.json(await listSpaces(d.db, c.var.user.id)))
    .get('/:spaceId/members', async (c) => {
      await requireRole(d.db, c.req.param('spaceId'), c.var.user.id);
      return c.json(await listMembers(d.db, c.req.param('spaceId')));
    })
    .post('/:spaceId/members', validate('json', z.object({ email: z.email().max(EMAIL_MAX), role: z.enum(roles) })), async (c) => {
      await requireRole(d.db, c.req.param('spaceId'), c.var.user.id, ['owner']);
      const { email, role } = c.req.valid('json');
      const member = await addMember(d.db, c.req.param('spaceId'), email, role);
      // No account yet: an invitation, taken up when they sign up with this email.
      if (!member) return c.json({ invited: await invite(d.db, c.req.param('spaceId'), email, role, c.var.user.id) }, 201);
      accessChanged(d.events, member.userId); // a demotion narrows open sockets at once
      d.events.publish(userChannel(member.userId), { type: 'spaces' }); // their space list, live (also a first space)
      return c.json(member, 201);
    })
    // Invitations not taken up yet (owners only: they hold email addresses of people outside the space).
    .get('/:spaceId/invites', async (c) => {
      await requireRole(d.db, c.req.param('spaceId'), c.var.user.id, ['owner']);
      return c.json(await listInvites(d.db, c.req.param('spaceId')));
    })
    .delete('/:spaceId/invites/:email', async (c) => {
      await requireRole(d.db, c.req.param('spaceId'), c.var.user.id, ['owner']);
      await revokeInvite(d.db, c.req.param('spaceId'), c.req.param('email'));
      return c.json({ ok: true });
    })
    .delete('/:spaceId/members/:userId', async (c) => {
      await requireRole(d.db, c.req.param('spaceId'), c.var.user.id, ['owner']);
      await removeMember(d.db, c.req.param('spaceId'), c.req.param('userId'));
      accessChanged(d.events, c.req.param('userId')); // open sockets and streams close at once
      d.events.publish(userChannel(c.req.param('userId')), { type: 'spaces' });
      return c.json({ ok: true });
    })
    .get('/:spaceId/objectives', async (c) => {
      await requireRole(d.db, c.req.param('spaceId'), c.var.user.id);
      return c.json(await getObjectives(d.db, c.req.param('spaceId')));
    })
    .put('/:spaceId/objectives',
      validate('json', objectives),
      async (c) => {
        await requireRole(d.db, c.req.param('spaceId'), c.var.user.id, ['owner']);
        return c.json(await setObjectives(d.db, c.req.param('spaceId'), c.req.valid('json')));
      })
    .post('/:spaceId/reports', validate('json', z.object({ week })), async (c) => {
      await requireRole(d.db, c.req.param('spaceId'), c.var.user.id, ['owner', 'editor']);
      const r = await createReport(d.db, d.store, c.req.param('spaceId'), c.req.valid('json').week);
      // Indexed at once (nothing in it yet): what is written from now on counts as this week's update (issue 15).
      await d.indexer.indexNow(r.id).catch(() => {});
      return c.json({ id: r.id, week: r.week, title: r.title }, 201);
    })
    .get('/:spaceId/reports', async (c) => {
      await requireRole(d.db, c.req.param('spaceId'), c.var.user.id);
      return c.json(await listReports(d.db, c.req.param('spaceId')));
    });
