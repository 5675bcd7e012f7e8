import { Hono } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../auth.js';
import { listNotifications, markRead } from '../domain/notifications.js';
import { reportChannel, userChannel } from '../events/bus.js';
import { requireReport } from '../domain/reports.js';
import type { Deps } from './deps.js';
import { streamAccess } from '../access.js';
import { validate } from './validate.js';

const readBody = z.union([
  z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(500) }),
  z.object({ all: z.literal(true) }),
]);

/** The signed-in user's inbox: list (newest first, with the unread count), mark read, live stream. */
export const notificationsRoutes = (d: Deps) =>
  new Hono<AuthEnv>()
    .get('/', async (c) => c.json(await listNotifications(d.db, c.var.user.id)))
    .post('/read', validate('json', readBody), async (c) => {
      const which = c.req.valid('json');
      return c.json({ unread: await markRead(d.db, d.events, c.var.user.id, which) });
    })
    .get('/events', async (c) => {
      // ?report=<id> adds that report's events (comments, restores) to the same stream: one connection per page.
      const reportId = c.req.query('report');
      if (!reportId) return d.streams.stream(c, [userChannel(c.var.user.id)], streamAccess(d, c.req.raw.headers, c.var.user.id));
      const { report } = await requireReport(d.db, reportId, c.var.user.id);
      return d.streams.stream(c, [userChannel(c.var.user.id), reportChannel(report.id)], streamAccess(d, c.req.raw.headers, c.var.user.id, report.spaceId));
    });
