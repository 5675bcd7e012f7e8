import { expect, it } from 'vitest';
import { signedUp, TestUser } from '../helpers/client.js';
import { eachDatabase } from '../helpers/eachDatabase.js';

// Walkthrough: adding a colleague by email answered 404 "ask them to sign up first" until they had an account, and
// the owner had to come back for each one. Now the email is invited, and the account made with it is a member.
eachDatabase('invitations by email', (server) => {
  const newcomer = (name: string, email: string) => { const u = new TestUser(server().base, name); u.email = email; return u; };

  it('an email no account uses is invited with its role; signing up with it (any case) makes a member of each space that invited it', async () => {
    const [own] = await signedUp(server().base, 'Own');
    const a = (await own.call('POST', '/api/spaces', { name: '支付研发' })).json.id as string;
    const b = (await own.call('POST', '/api/spaces', { name: '清结算' })).json.id as string;
    const email = `chen.jing-${Date.now()}@example.com`;
    const r = await own.call('POST', `/api/spaces/${a}/members`, { email: email.toUpperCase(), role: 'editor' });
    expect(r.status, r.text).toBe(201);
    expect(r.json.invited).toMatchObject({ email, role: 'editor', invitedBy: own.id });
    // Inviting again changes the role; another space invites the same email.
    expect((await own.call('POST', `/api/spaces/${a}/members`, { email, role: 'commenter' })).status).toBe(201);
    expect((await own.call('POST', `/api/spaces/${b}/members`, { email, role: 'viewer' })).status).toBe(201);
    expect((await own.call('GET', `/api/spaces/${a}/invites`)).json).toEqual([expect.objectContaining({ email, role: 'commenter' })]);
    expect((await own.call('GET', `/api/spaces/${a}/members`)).json.map((m: any) => m.name)).toEqual(['Own']);

    const chen = await newcomer('Chen', email.replace('chen', 'CHEN')).signUp();
    const spaces = (await chen.call('GET', '/api/spaces')).json;
    expect(spaces.map((x: any) => [x.name, x.role]).sort()).toEqual([['支付研发', 'commenter'], ['清结算', 'viewer']].sort());
    expect((await own.call('GET', `/api/spaces/${a}/invites`)).json).toEqual([]);
    expect((await own.call('GET', `/api/spaces/${a}/members`)).json.map((m: any) => [m.name, m.role])).toEqual([['Own', 'owner'], ['Chen', 'commenter']]);
    // A member reads the space's reports at once.
    expect((await chen.call('GET', `/api/spaces/${a}/reports`)).status).toBe(200);
  });

  it('a revoked invitation grants nothing; an email someone already uses is added at once, as before', async () => {
    const [own, ed] = await signedUp(server().base, 'Own2', 'Ed');
    const sp = (await own.call('POST', '/api/spaces', { name: 'S' })).json.id as string;
    const email = `gone-${Date.now()}@example.com`;
    expect((await own.call('POST', `/api/spaces/${sp}/members`, { email, role: 'editor' })).status).toBe(201);
    expect((await own.call('DELETE', `/api/spaces/${sp}/invites/${encodeURIComponent(email)}`)).status).toBe(200);
    expect((await own.call('DELETE', `/api/spaces/${sp}/invites/${encodeURIComponent(email)}`)).status).toBe(404);
    const late = await newcomer('Late', email).signUp();
    expect((await late.call('GET', '/api/spaces')).json).toEqual([]);
    expect((await late.call('GET', `/api/spaces/${sp}/reports`)).status).toBe(404);
    const added = await own.call('POST', `/api/spaces/${sp}/members`, { email: ed.email, role: 'editor' });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ userId: ed.id, role: 'editor' });
    expect(added.json.invited).toBeUndefined();
  });

  it('only owners see and revoke invitations', async () => {
    const [own, ed] = await signedUp(server().base, 'Own3', 'Ed3');
    const sp = (await own.call('POST', '/api/spaces', { name: 'S3' })).json.id as string;
    await own.call('POST', `/api/spaces/${sp}/members`, { email: ed.email, role: 'editor' });
    const email = `secret-${Date.now()}@example.com`;
    await own.call('POST', `/api/spaces/${sp}/members`, { email, role: 'viewer' });
    expect((await ed.call('GET', `/api/spaces/${sp}/invites`)).status).toBe(403);
    expect((await ed.call('POST', `/api/spaces/${sp}/members`, { email: `x-${email}`, role: 'viewer' })).status).toBe(403);
    expect((await ed.call('DELETE', `/api/spaces/${sp}/invites/${encodeURIComponent(email)}`)).status).toBe(403);
    expect((await own.call('GET', `/api/spaces/${sp}/invites`)).json).toHaveLength(1);
  });
});
