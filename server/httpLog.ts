import { createMiddleware } from 'hono/factory';
import { requestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import { logger, withRequestContext } from './log.js';

const log = logger('http');

/** One answered request, as the access log and the HTTP latency metric see it. */
export interface RequestRecord { method: string; route: string; status: number; seconds: number }

/** Probes and scrapes (load balancer, container health check, Prometheus) log at debug, not once every few seconds at info. */
const QUIET = new Set(['/api/health', '/api/ready', '/metrics']);

/**
 * Every request gets an id (the client's X-Request-Id when it sent a sane one, else a new UUID), answered in
 * X-Request-Id and carried by every log line written while it is served (errors included); when it is answered,
 * one access-log line and `observe` (HTTP latency by route and status). The route is the pattern that answered
 * (`/api/reports/:id`), never the raw path, so metrics stay bounded.
 */
export function requestLog(observe?: (r: RequestRecord) => void) {
  const id = requestId();
  const access = createMiddleware<{ Variables: { requestId: string } }>(async (c, next) => {
    const started = performance.now();
    const requestId = c.get('requestId');
    await withRequestContext({ requestId }, next);
    // A handler that answers with its own Response (better-auth) does not carry the header yet.
    if (!c.res.headers.has('X-Request-Id')) {
      try {
        c.res.headers.set('X-Request-Id', requestId);
      } catch {
        c.res = new Response(c.res.body, c.res); // immutable headers: copy once
        c.res.headers.set('X-Request-Id', requestId);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const status = c.res.status;
    // A 404 that no route answered is labelled as such, not by the wildcard middleware it passed through last.
    const matched = routePath(c);
    const route = status === 404 && matched.endsWith('*') && !matched.startsWith('/api/auth') ? '(unmatched)' : matched;
    observe?.({ method: c.req.method, route, status, seconds });
    const line = { method: c.req.method, path: c.req.path, route, status, ms: Math.round(seconds * 10000) / 10, requestId };
    if (QUIET.has(c.req.path)) log.debug('request', line);
    else log.info('request', line);
  });
  return [id, access] as const;
}
