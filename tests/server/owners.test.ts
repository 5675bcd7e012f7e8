import { expect, it } from 'vitest';
import { signedUp } from '../helpers/client.js';
import { eachDatabase } from '../helpers/eachDatabase.js';

// PostgreSQL too: there, two owners stepping down at once are kept apart by row locks, not by one connection.
eachDatabase('last owner', (server) => {
  const roles = async (u: Awaited<ReturnType<typeof signedUp>>[number], space: string) =>
    Object.fromEntries((await u.call('GET', `/api/spaces/${space}/members`)).json.map((m: any) => [m.name, m.role]));

  it('the sole owner can neither demote nor remove themself; with a second owner they can', async () => {
    const [own, ed] = await signedUp(server().base, 'Solo', 'Second');
    const space = (await own.call('POST', '/api/spaces', { name: 'Owned' })).json.id;
    await own.call('POST', `/api/spaces/${space}/members`, { email: ed.email, role: 'editor' });

    for (const role of ['editor', 'commenter', 'viewer']) {
      const r = await own.call('POST', `/api/spaces/${space}/members`, { email: own.email, role });
      expect(r.status).toBe(409);
      expect(r.json.error).toEqual({ code: 'last_owner', message: expect.any(String) });
    }
    const rm = await own.call('DELETE', `/api/spaces/${space}/members/${own.id}`);
    expect(rm.status).toBe(409);
    expect(rm.json.error.code).toBe('last_owner');
    expect(await roles(own, space)).toEqual({ Solo: 'owner', Second: 'editor' });

    // Re-stating the owner role is not a demotion.
    expect((await own.call('POST', `/api/spaces/${space}/members`, { email: own.email, role: 'owner' })).status).toBe(201);
    // With two owners, either may step down; then the remaining one is the last again.
    expect((await own.call('POST', `/api/spaces/${space}/members`, { email: ed.email, role: 'owner' })).status).toBe(201);
    expect((await own.call('POST', `/api/spaces/${space}/members`, { email: own.email, role: 'editor' })).status).toBe(201);
    const back = await ed.call('POST', `/api/spaces/${space}/members`, { email: ed.email, role: 'viewer' });
    expect(back.status).toBe(409);
    expect(await roles(ed, space)).toEqual({ Solo: 'editor', Second: 'owner' });
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const [a, b] = await signedUp(server().base, 'Ann', 'Bob');
    const space = (await a.call('POST', '/api/spaces', { name: 'Race' })).json.id;
    await a.call('POST', `/api/spaces/${space}/members`, { email: b.email, role: 'owner' });
    const [ra, rb] = await Promise.all([
      a.call('POST', `/api/spaces/${space}/members`, { email: a.email, role: 'editor' }),
      b.call('POST', `/api/spaces/${space}/members`, { email: b.email, role: 'editor' }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([201, 409]);
    expect(Object.values(await roles(ra.status === 409 ? a : b, space)).filter((r) => r === 'owner')).toHaveLength(1);
  });
});
