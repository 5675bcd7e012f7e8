import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedUp, TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => {
  process.env.AUTH_RATE_LIMIT = 'on'; // the suite turns it off elsewhere so that many users can sign up
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
  process.env.AUTH_RATE_LIMIT = 'off';
});

it('rate-limits sign-in per client address, whatever address header the client sends', async () => {
  const [u] = await signedUp(s.base, 'Limited');
  const guesser = new TestUser(s.base, 'guesser');
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    // A client cannot choose its own bucket: the server overwrites the address header with the socket's address.
    const r = await guesser.call('POST', '/api/auth/sign-in/email', { email: u.email, password: `wrong-${i}` }, { 'x-cadence-client-ip': `10.0.0.${i}`, 'x-forwarded-for': `10.1.0.${i}` });
    statuses.push(r.status);
  }
  expect(statuses.slice(0, 10).every((st) => st === 401)).toBe(true);
  expect(statuses.slice(10)).toEqual([429, 429]);
  const blocked = await new TestUser(s.base, 'x').call('POST', '/api/auth/sign-in/email', { email: u.email, password: 'correct horse battery 9' });
  expect(blocked.status).toBe(429);
});
