import crypto from 'node:crypto';
import type { Auth } from './auth.js';
import type { Db } from './db/client.js';

/** The signed-in user behind a request, as the server's own checks need them. */
export interface SignedIn { id: string; name: string; email: string; /** When the session ends. */ expiresAt: Date }

/**
 * Reads the session behind a request's cookie the way better-auth's getSession does (the session cookie's HMAC
 * checked with the auth secret, the session row and its user found by the token, not expired), without its endpoint
 * pipeline, its adapter and its WebCrypto round trips: about 1.5 ms less on every API request and socket upgrade,
 * where a reconnect storm after a deploy asks for hundreds of sessions at once (issue 17, cold open). The tables
 * are better-auth's own as its migration makes them (createAuth sets no other model names and no secondary storage).
 *
 * Only an answer that is surely "yes" is given here. Everything else goes to getSession, whose answer stands: no
 * cookie, more than one, a bad signature, no such session, an expired one, a session due for better-auth's
 * refresh (getSession extends it), and a read that failed.
 */
export function sessionReader(auth: Auth, db: Db) {
  const context = auth.$context;
  return async function signedIn(headers: Headers): Promise<SignedIn | null> {
    // A failing read (the database down) is not a no either: better-auth's own read decides, and logs its error.
    const fast = await quick(db, await context, headers.get('cookie')).catch(() => null);
    if (fast) return fast;
    const session = await auth.api.getSession({ headers });
    return session ? { id: session.user.id, name: session.user.name, email: session.user.email, expiresAt: new Date(session.session.expiresAt) } : null;
  };
}

type AuthContext = Awaited<Auth['$context']>;

async function quick(db: Db, ctx: AuthContext, cookie: string | null): Promise<SignedIn | null> {
  const value = cookie ? onlyCookie(cookie, ctx.authCookies.sessionToken.name) : null;
  if (!value) return null;
  // The cookie is `token.signature`, the signature base64 HMAC-SHA256 of the token (better-call's signed cookies).
  const dot = value.lastIndexOf('.');
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const wanted = Buffer.from(crypto.createHmac('sha256', ctx.secret).update(token).digest('base64'));
  if (given.length !== wanted.length || !crypto.timingSafeEqual(given, wanted)) return null;
  const found = await db.k.selectFrom('session as s').innerJoin('user as u', 'u.id', 's.userId')
    .select(['s.expiresAt', 'u.id', 'u.name', 'u.email']).where('s.token', '=', token).executeTakeFirst();
  if (!found) return null;
  const expires = new Date(found.expiresAt).getTime();
  const now = Date.now();
  if (!(expires > now)) return null;
  // Due for the refresh getSession makes (expiresIn − updateAge since it was last extended): leave it to it.
  const { expiresIn, updateAge } = ctx.sessionConfig;
  if (expires - expiresIn * 1000 + updateAge * 1000 <= now) return null;
  return { id: found.id, name: found.name, email: found.email, expiresAt: new Date(expires) };
}

/** The value of the one cookie called `name`, percent-decoded; null when there is none or more than one. */
function onlyCookie(header: string, name: string): string | null {
  let found: string | null = null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    if (found !== null) return null;
    let v = part.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1);
    try {
      found = decodeURIComponent(v);
    } catch {
      return null;
    }
  }
  return found;
}
