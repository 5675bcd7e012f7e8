import { bodyLimit } from 'hono/body-limit';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { tooLarge } from './errors.js';

/** Every JSON body the API takes (comments, objectives, sign-up…) fits in far less; import has its own limit. */
export const JSON_LIMIT_BYTES = 1024 * 1024;

/** Routes that read their body themselves, under their own limit. */
const OWN_LIMIT = /^\/api\/spaces\/[^/]+\/import\/?$/;

/**
 * Refuses a body past the limit with 413 too_large before anything parses it: at once from Content-Length,
 * otherwise as soon as the bytes read pass the limit. The connection is closed, since the rest of the
 * body is never read.
 */
export const limitBodies = (maxBytes = JSON_LIMIT_BYTES) => {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      c.header('Connection', 'close');
      throw tooLarge(`The request body is larger than the limit of ${maxBytes} bytes.`);
    },
  });
  return createMiddleware(async (c, next) => (OWN_LIMIT.test(c.req.path) ? next() : limit(c, next)));
};

/**
 * An answer given before the request's body was read (refused by its type, its caller, its route) closes the
 * connection: the client may already have sent the next request on it behind the unread bytes, and Node drops such a
 * connection when it gives up draining them, taking that next request with it.
 */
export function closeIfBodyUnread(c: Context) {
  const hasBody = Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
  if (hasBody && !c.req.raw.bodyUsed) c.header('Connection', 'close');
}
