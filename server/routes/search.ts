import { Hono } from 'hono';
import { z } from 'zod';
import { searchKinds } from '../../shared/blocks/index.js';
import type { AuthEnv } from '../auth.js';
import { requireRole } from '../domain/spaces.js';
import { searchSpace } from '../search/search.js';
import type { Deps } from './deps.js';
import { validate } from './validate.js';
import { MAX_QUERY_CHARS } from '../../shared/api/search.js';

const searchQuery = z.object({
  q: z.string().trim().min(1, 'q is required').max(MAX_QUERY_CHARS),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  kind: z.enum(searchKinds).optional(),
});

/** GET /api/spaces/:spaceId/search?q= — full-text search over the space's reports, newest week first. */
export const searchRoutes = (d: Deps) =>
  new Hono<AuthEnv>()
    .get('/:spaceId/search', validate('query', searchQuery), async (c) => {
      const spaceId = c.req.param('spaceId');
      await requireRole(d.db, spaceId, c.var.user.id);
      const { q, limit, kind } = c.req.valid('query');
      return c.json({ results: await searchSpace(d.db, spaceId, q, { limit, kind }) });
    });
