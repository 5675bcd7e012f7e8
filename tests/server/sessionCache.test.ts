import { expect, it } from 'vitest';
import { credentialsKey, SessionCache } from '../../server/sessionCache.js';

/** Issue 17: sessions read for socket upgrades are kept briefly (server/sessionCache.ts); what must hold. */
it('keeps a session for its TTL at most, never past the session\'s expiry, and forgets a user at once', () => {
  let now = 1_000_000;
  const cache = new SessionCache(30_000, 3, () => now);
  const far = new Date(now + 3_600_000);
  cache.set('a', 'u1', far);
  cache.set('b', 'u1', far);
  cache.set('c', 'u2', new Date(now + 5_000)); // the session itself ends in 5 s
  expect(cache.get('a')).toBe('u1');
  now += 5_000;
  expect(cache.get('c')).toBeNull(); // expired with its session, before the TTL
  expect(cache.get('a')).toBe('u1');
  cache.forget('u1');
  expect(cache.get('a')).toBeNull();
  expect(cache.get('b')).toBeNull();
  cache.set('d', 'u3', far);
  now += 30_000;
  expect(cache.get('d')).toBeNull(); // past the TTL
});

it('holds at most its limit, dropping the oldest; keys only real credentials of a sane size', () => {
  const cache = new SessionCache(30_000, 2);
  const far = new Date(Date.now() + 3_600_000);
  cache.set('a', 'u1', far);
  cache.set('b', 'u2', far);
  cache.set('c', 'u3', far);
  expect(cache.size).toBe(2);
  expect(cache.get('a')).toBeNull();
  expect(cache.get('c')).toBe('u3');
  expect(new SessionCache(0).get('x')).toBeNull();
  expect(credentialsKey({})).toBeNull();
  expect(credentialsKey({ cookie: 'x'.repeat(9000) })).toBeNull();
  expect(credentialsKey({ cookie: 'better-auth.session_token=abc' })).not.toBeNull();
});
