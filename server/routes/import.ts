import { Hono } from 'hono';
import type { AuthEnv } from '../auth.js';
import { decodeMarkdown, importMarkdown, inImportTurn } from '../domain/importReport.js';
import { nextTurn } from '../nextTurn.js';
import { requireRole } from '../domain/spaces.js';
import { badRequest, tooLarge } from '../errors.js';
import { logger } from '../log.js';
import { isWeek, WEEK_HINT } from '../../shared/week.js';
import type { Deps } from './deps.js';

const log = logger('import');

/** Reads a request body up to `limit` bytes: 413 from Content-Length, or as soon as more bytes arrive. */
async function readBody(req: Request, limit: number): Promise<Uint8Array> {
  const tooBig = () => tooLarge(`The file is larger than the import limit of ${limit} bytes.`);
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooBig();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooBig();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/** POST /api/spaces/:spaceId/import — a report's Markdown as the body, optional ?week=YYYY-Www. Mounted at /api/spaces. */
export const importRoutes = (d: Deps) =>
  new Hono<AuthEnv>()
    .post('/:spaceId/import', async (c) => {
      const spaceId = c.req.param('spaceId');
      await requireRole(d.db, spaceId, c.var.user.id, ['owner', 'editor']);
      const week = c.req.query('week')?.trim().toUpperCase() || null;
      if (week !== null && !isWeek(week)) throw badRequest('invalid_week', `week must be ${WEEK_HINT}, not "${week.slice(0, 20)}".`);
      // Refused before the body is read to its end: the connection cannot be reused for another request.
      const body = await readBody(c.req.raw, d.config.importLimitBytes).catch((e) => { c.header('Connection', 'close'); throw e; });
      const text = decodeMarkdown(body);
      const result = await inImportTurn(async () => {
        const r = await importMarkdown(d.db, d.store, spaceId, text, week, c.var.user.id);
        await nextTurn();
        // /items must show the import at once, not after the debounced indexing of edits.
        await d.indexer.indexNow(r.report.id).catch((e) => log.warn('index after import failed', { report: r.report.id, error: String(e) }));
        return r;
      });
      log.info('imported', { space: spaceId, report: result.report.id, week: result.report.week, ...result.counts });
      return c.json(result, 201);
    });
