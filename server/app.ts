import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { CLIENT_IP_HEADER, requireUser, type AuthEnv } from './auth.js';
import { closeIfBodyUnread, limitBodies } from './bodyLimit.js';
import { clientAddressOf } from './clientAddress.js';
import { AppError, errorBody } from './errors.js';
import { requestLog } from './httpLog.js';
import { currentRequestId, logger } from './log.js';
import { metricsAllowed } from './metrics.js';
import type { Deps } from './routes/deps.js';
import { checkOrigin } from './routes/origin.js';
import { reportsRoutes } from './routes/reports.js';
import { spacesRoutes } from './routes/spaces.js';
import { commentsRoutes } from './routes/comments.js';
import { notificationsRoutes } from './routes/notifications.js';
import { cycleRoutes } from './routes/cycle.js';
import { historyRoutes } from './routes/history.js';
import { itemsRoutes } from './routes/items.js';
import { searchRoutes } from './routes/search.js';
import { rollupsRoutes } from './routes/rollups.js';
import { importRoutes } from './routes/import.js';
import { markdownRoutes } from './routes/markdown.js';
import { rhythmRoutes } from './routes/rhythm.js';
import { reportShell } from './shell.js';
import { builtFiles } from './staticFiles.js';

const log = logger('http');
// npm start, npm test and the dev server all run from the project root.
const WEB_DIST = path.resolve('dist/web');

/** The Hono root: auth, then one sub-app per area, then the built web app. */
export function createApp(d: Deps) {
  const app = new Hono<AuthEnv & { Bindings: { incoming?: { socket?: { remoteAddress?: string } } } }>();

  app.onError((err, c) => {
    closeIfBodyUnread(c);
    if (err instanceof AppError) return c.json(errorBody(err.code, err.message), err.status);
    if (err instanceof HTTPException) {
      const code = err.status === 400 ? 'invalid_json' : err.status === 413 ? 'too_large' : 'http_error';
      return c.json(errorBody(code, err.message || 'Bad request.'), err.status);
    }
    // A client that went away mid-request (an upload dropped half-way): no one to answer, and nothing wrong here.
    if (c.req.raw.signal.aborted || (err as NodeJS.ErrnoException).code === 'ECONNRESET') {
      log.info('client went away', { method: c.req.method, path: c.req.path });
      return c.json(errorBody('aborted', 'The request was cut off before all of it arrived.'), 400);
    }
    log.error('unhandled', { method: c.req.method, path: c.req.path, error: err });
    // The request id (also in X-Request-Id) finds this request's log lines.
    const requestId = currentRequestId();
    return c.json({ error: { ...errorBody('internal', 'Something went wrong on the server.').error, ...(requestId && { requestId }) } }, 500);
  });
  app.notFound((c) => { closeIfBodyUnread(c); return c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404); });

  // First of all: a request id, one access-log line per request, HTTP latency by route and status.
  app.use('*', ...requestLog(d.metrics?.http));

  app.get('/api/health', (c) => c.json({ ok: true }));
  // Prometheus metrics on the app's port, for METRICS_TOKEN holders only (METRICS_BIND serves them on their own address instead).
  if (d.metrics && d.config.metricsToken && !d.config.metricsBind) {
    const metrics = d.metrics;
    app.get('/metrics', async (c) => {
      if (!metricsAllowed(d.config.metricsToken, c.req.header('authorization'))) return c.text('Unauthorized\n', 401, { 'WWW-Authenticate': 'Bearer' });
      const m = await metrics.render();
      return c.body(m.body, 200, { 'Content-Type': m.contentType });
    });
  }
  // Readiness: the database (and Redis, when configured) answer; a load balancer stops sending traffic otherwise.
  app.get('/api/ready', async (c) => {
    const checks = await d.ready();
    const ok = Object.values(checks).every(Boolean);
    return c.json({ ok, checks }, ok ? 200 : 503);
  });

  // Before every route, better-auth's included: no body is read whole past the limit.
  app.use('*', limitBodies());

  // better-auth answers its own routes; the client IP is the socket's, or what a trusted proxy forwarded, never what the client sent.
  const clientAddress = clientAddressOf(d.config.trustedProxies);
  app.on(['GET', 'POST'], '/api/auth/*', (c) => {
    const headers = new Headers(c.req.raw.headers);
    headers.set(CLIENT_IP_HEADER, clientAddress(c.env?.incoming?.socket?.remoteAddress, c.req.header('x-forwarded-for')));
    return d.auth.handler(new Request(c.req.raw, { headers }));
  });

  // Ids and names in paths never hold control characters; refused here, they never reach a query (a NUL breaks PostgreSQL).
  app.use('/api/*', async (c, next) => {
    if (/%(?:[01][0-9a-f]|7f)/i.test(new URL(c.req.url).pathname)) throw new AppError(400, 'invalid_input', 'The path holds control characters.');
    await next();
  });
  app.use('/api/*', checkOrigin(d.config.trustedOrigins));
  app.use('/api/*', requireUser(d.auth, d.db));

  const routes = app
    .route('/api/spaces', spacesRoutes(d))
    .route('/api/reports', reportsRoutes(d))
    .route('/api', commentsRoutes(d))
    .route('/api', cycleRoutes(d))
    .route('/api', historyRoutes(d))
    .route('/api/notifications', notificationsRoutes(d))
    .route('/api/reports', itemsRoutes(d))
    .route('/api/spaces', searchRoutes(d))
    .route('/api/spaces', rollupsRoutes(d))
    .route('/api/spaces', importRoutes(d))
    .route('/api/reports', markdownRoutes(d))
    .route('/api', rhythmRoutes(d));

  if (d.config.serveWeb && fs.existsSync(WEB_DIST)) {
    // Built files are served as the build precompressed them (x.js.br, x.js.gz; vite.config.ts), per Accept-Encoding.
    // Hashed assets never change under their name: cached for a year. The shell (index.html) is revalidated every time.
    app.use('*', async (c, next) => {
      await next();
      if (c.res.status !== 200 || c.res.headers.has('Cache-Control')) return;
      const hashed = c.req.path.startsWith('/assets/');
      c.res.headers.set('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    });
    // Vite's manifest (which chunks a page needs) is the server's to read (server/shell.ts), not a page.
    app.use('/.vite/*', async (c) => c.notFound());
    app.use('*', builtFiles(WEB_DIST));
    const shells = new Map<string, Buffer | null>();
    const shell = (suffix: '' | '.br' | '.gz') => {
      if (!shells.has(suffix)) {
        const file = path.join(WEB_DIST, `index.html${suffix}`);
        shells.set(suffix, fs.existsSync(file) ? fs.readFileSync(file) : null);
      }
      return shells.get(suffix)!;
    };
    // A report's address, asked for by someone who may read it: the shell names its chunks and carries the report (issue 13, first load).
    const forReport = reportShell(d, WEB_DIST);
    // Client-side routes all get the app shell; a missing asset or API route is a 404, not the shell.
    app.get('*', async (c) => {
      if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/assets/')) return c.notFound();
      const report = await forReport(c);
      if (report) return report;
      const accepts = new Set((c.req.header('accept-encoding') ?? '').split(',').map((e) => e.trim().split(';')[0]));
      const encoding = accepts.has('br') && shell('.br') ? 'br' : accepts.has('gzip') && shell('.gz') ? 'gzip' : null;
      const body = shell(encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : '')!;
      return c.body(new Uint8Array(body), 200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-cache',
        Vary: 'Accept-Encoding',
        ...(encoding && { 'Content-Encoding': encoding }),
      });
    });
  }
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
