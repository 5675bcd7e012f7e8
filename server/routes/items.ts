import { Hono } from 'hono';
import type { AuthEnv } from '../auth.js';
import { requireReport } from '../domain/reports.js';
import { indexedHash, readReportItems } from '../search/itemStore.js';
import { rowsToItems } from '../search/itemRows.js';
import type { Deps } from './deps.js';

/** GET /api/reports/:reportId/items — the report's structured items as indexed now. */
export const itemsRoutes = (d: Deps) =>
  new Hono<AuthEnv>()
    .get('/:reportId/items', async (c) => {
      const { report } = await requireReport(d.db, c.req.param('reportId'), c.var.user.id);
      // A report never indexed yet (created before the indexer ran) is indexed on first read.
      if ((await indexedHash(d.db, report.id)) === null) await d.indexer.indexNow(report.id);
      return c.json(rowsToItems(await readReportItems(d.db, report.id)));
    });
