import { createMiddleware } from 'hono/factory';
import { forbidden } from '../errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site write protection for the app's own routes (better-auth guards only /api/auth/*):
 * a write that carries a cookie must come from a trusted Origin; a foreign Origin is refused with or without one.
 */
export const checkOrigin = (trusted: string[]) =>
  createMiddleware(async (c, next) => {
    if (!SAFE.has(c.req.method)) {
      const origin = c.req.header('origin');
      const hasCookie = !!c.req.header('cookie');
      if (origin ? !trusted.includes(origin) : hasCookie) throw forbidden(origin ? `Origin ${origin} is not trusted.` : 'Requests that carry a session must send an Origin header.');
    }
    await next();
  });
