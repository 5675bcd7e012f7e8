/**
 * Access follows membership at once: removal, demotion and sign-out reach open sockets and event streams within
 * a second or so (not at the next periodic re-check, a minute later), on one server process and across two.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { appendParagraph, connect, eventually, signedUp, spaceWith, TestUser } from '../helpers/client.js';
import { rawSocket } from '../helpers/rawSocket.js';
import { freshDatabase, PG_URL, REDIS_URL } from '../helpers/postgres.js';
import { ROLE_CHANGED_CLOSE, WRITE_REFUSED_CLOSE } from '../../shared/doc/accessCloses.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { openEvents } from '../comments/sse.js';
import { sampleDoc, writeDoc } from '../comments/docs.js';

/** Generous against a loaded machine, far below the one-minute periodic re-check it must not rely on. */
const PROMPTLY_MS = 3000;

/** The same session used against another server process (one database, one secret). */
function sameSessionOn(user: TestUser, base: string) {
  return Object.assign(Object.create(Object.getPrototypeOf(user)), user, { base, cookies: { ...user.cookies } }) as TestUser;
}

async function timed<T>(p: Promise<T>) {
  const t0 = Date.now();
  const v = await p;
  return { v, ms: Date.now() - t0 };
}

/** The HTTP status a socket upgrade gets: 101 when it opens, else the refusal's. */
function upgradeStatus(user: TestUser, reportId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(user.base.replace('http', 'ws') + '/api/sync/' + reportId, { headers: { cookie: user.cookie }, origin: user.base });
    ws.once('open', () => { ws.terminate(); resolve(101); });
    ws.once('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); ws.terminate(); });
    ws.once('error', (e) => { if (!String(e).includes('Unexpected server response')) reject(e); });
  });
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, rej) => setTimeout(() => rej(new Error(`${what} not within ${ms} ms`)), ms))]);
}

describe('on one server', () => {
  let s: TestServer;
  let owner: TestUser;
  let spaceId: string;
  let week = 1;
  beforeAll(async () => {
    s = await startTestServer();
    [owner] = await signedUp(s.base, 'Owner');
    spaceId = await spaceWith(owner);
  });
  afterAll(async () => { await s.close(); });

  async function member(role: string) {
    const [u] = await signedUp(s.base, `M${week}`);
    expect((await owner.call('POST', `/api/spaces/${spaceId}/members`, { email: u.email, role })).status).toBe(201);
    const id = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: `2025-W${String(week++).padStart(2, '0')}` })).json.id as string;
    return { u, id };
  }

  /** Gives the report the sample blocks (okr1 …), so comments have a block to sit on. */
  async function withBlocks(id: string) {
    const c = connect(owner, id);
    await c.synced;
    writeDoc(c, sampleDoc(owner.id));
    await eventually(async () => (await owner.call('GET', `/api/reports/${id}/markdown`)).text.includes('物保三期'), 'sample stored');
    c.close();
  }

  it('a removed member: socket closed (4403), comment and inbox streams ended, no more text or comments reach them', async () => {
    const { u, id } = await member('editor');
    await withBlocks(id);
    const sock = await rawSocket(u, id);
    const comments = openEvents(u, `/api/reports/${id}/events`);
    const inbox = openEvents(u, `/api/notifications/events?report=${id}`);
    await Promise.all([comments.ready, inbox.ready]);
    expect((await owner.call('DELETE', `/api/spaces/${spaceId}/members/${u.id}`)).status).toBe(200);
    const { v: code, ms } = await timed(within(sock.closed, PROMPTLY_MS, 'socket close'));
    expect(code).toBe(4403);
    await within(comments.done, PROMPTLY_MS, 'comment stream end');
    await within(inbox.done, PROMPTLY_MS, 'inbox stream end');
    console.log(`removed member: socket closed after ${ms} ms`);
    // A new comment body reaches no stream of theirs, and they cannot reconnect.
    const seen = comments.events.length + inbox.events.length;
    expect((await owner.call('POST', `/api/reports/${id}/comments`, { blockId: 'okr1', body: '机密 after removal' })).status).toBe(201);
    await expect(rawSocket(u, id)).rejects.toThrow(/403/);
    expect(comments.events.length + inbox.events.length).toBe(seen);
  });

  it('a demoted editor keeps reading, but what they type is no longer stored: a write closes their socket (4405)', async () => {
    const { u, id } = await member('editor');
    const a = connect(owner, id);
    const e = connect(u, id);
    const closes: number[] = [];
    e.provider.on('connection-close', (ev: CloseEvent | null) => { if (ev) closes.push(ev.code); });
    await Promise.all([a.synced, e.synced]);
    appendParagraph(e, 'before demotion');
    await eventually(() => a.text().includes('before demotion'), 'editor writes');
    expect((await owner.call('POST', `/api/spaces/${spaceId}/members`, { email: u.email, role: 'viewer' })).status).toBe(201);
    // Told at once (4009); the stock client comes back as a reader and keeps reading.
    await eventually(() => closes.includes(ROLE_CHANGED_CLOSE), 'role change reaches the socket', PROMPTLY_MS);
    await eventually(() => e.provider.wsconnected && e.provider.synced, 'reconnected as a reader', PROMPTLY_MS * 2);
    appendParagraph(a, 'owner line after demotion');
    await eventually(() => e.text().includes('owner line after demotion'), 'owner line reaches the viewer');
    // What they type now is refused and their socket closed; nothing of it is stored.
    appendParagraph(e, 'LATE WRITE');
    await eventually(() => closes.includes(WRITE_REFUSED_CLOSE), 'the write closes the socket', PROMPTLY_MS);
    appendParagraph(a, 'final owner line');
    await eventually(async () => (await owner.call('GET', `/api/reports/${id}/markdown`)).text.includes('final owner line'), 'owner line stored');
    expect((await owner.call('GET', `/api/reports/${id}/markdown`)).text).not.toContain('LATE WRITE');
    a.close(); e.close();
  });

  it('a change between editing and reading closes the socket with 4009, so the page learns its role; a stock client reconnects under it', async () => {
    const { u, id } = await member('editor');
    const raw = await rawSocket(u, id);
    expect((await owner.call('POST', `/api/spaces/${spaceId}/members`, { email: u.email, role: 'viewer' })).status).toBe(201);
    expect(await within(raw.closed, PROMPTLY_MS, 'close on demotion')).toBe(ROLE_CHANGED_CLOSE);
    // A stock client, now a viewer, comes back by itself and reads on; promoted again, it is closed again.
    const e = connect(u, id);
    await e.synced;
    let reconnected = 0;
    e.provider.on('status', ({ status }: { status: string }) => { if (status === 'connected') reconnected++; });
    expect((await owner.call('POST', `/api/spaces/${spaceId}/members`, { email: u.email, role: 'editor' })).status).toBe(201);
    await eventually(() => reconnected > 0, 'the stock client reconnected after the promotion', PROMPTLY_MS * 2);
    appendParagraph(e, 'written after promotion');
    await eventually(async () => (await owner.call('GET', `/api/reports/${id}/markdown`)).text.includes('written after promotion'), 'the promoted editor writes again');
    // Editor → commenter reads only: closed. Commenter → viewer reads only as well, but may no longer comment: closed
    // too, so that the page drops its comment box (it offered one until a reload: browser walkthrough).
    const kept = await rawSocket(u, id);
    expect((await owner.call('POST', `/api/spaces/${spaceId}/members`, { email: u.email, role: 'commenter' })).status).toBe(201);
    expect(await within(kept.closed, PROMPTLY_MS, 'close on demotion to commenter')).toBe(ROLE_CHANGED_CLOSE);
    const reader = await rawSocket(u, id);
    expect((await owner.call('POST', `/api/spaces/${spaceId}/members`, { email: u.email, role: 'viewer' })).status).toBe(201);
    expect(await within(reader.closed, PROMPTLY_MS, 'close on commenter → viewer')).toBe(ROLE_CHANGED_CLOSE);
    // The same role again changes nothing: the socket stays open.
    const same = await rawSocket(u, id);
    expect((await owner.call('POST', `/api/spaces/${spaceId}/members`, { email: u.email, role: 'viewer' })).status).toBe(201);
    expect(await Promise.race([same.closed, new Promise((r) => setTimeout(() => r('open'), 1500))])).toBe('open');
    same.close();
    e.close();
  });

  it('signing out closes that session\'s sockets (4401) and streams', async () => {
    const { u, id } = await member('editor');
    const sock = await rawSocket(u, id);
    const stream = openEvents(u, `/api/reports/${id}/events`);
    await stream.ready;
    expect((await u.call('POST', '/api/auth/sign-out', {})).status).toBe(200);
    expect(await within(sock.closed, PROMPTLY_MS, 'socket close')).toBe(4401);
    await within(stream.done, PROMPTLY_MS, 'stream end');
  });

  it('after signing out, the old cookie opens no socket, though its session was read for an upgrade just before', async () => {
    const { u, id } = await member('editor');
    // Two upgrades: the second is served the session read by the first (server/sessionCache.ts).
    expect(await upgradeStatus(u, id)).toBe(101);
    expect(await upgradeStatus(u, id)).toBe(101);
    const old = Object.assign(Object.create(Object.getPrototypeOf(u)), u, { cookies: { ...u.cookies } }) as TestUser;
    expect((await u.call('POST', '/api/auth/sign-out', {})).status).toBe(200);
    expect(await upgradeStatus(old, id)).toBe(401);
  });

  it('a reply to a removed member\'s comment notifies nobody', async () => {
    const { u, id } = await member('commenter');
    await withBlocks(id);
    const root = await u.call('POST', `/api/reports/${id}/comments`, { blockId: 'okr1', body: 'question' });
    expect(root.status).toBe(201);
    expect((await owner.call('DELETE', `/api/spaces/${spaceId}/members/${u.id}`)).status).toBe(200);
    const reply = await owner.call('POST', `/api/reports/${id}/comments`, { blockId: 'okr1', body: '机密 reply', parentId: root.json.id });
    expect(reply.status).toBe(201);
    const inbox = await u.call('GET', '/api/notifications');
    expect(inbox.status).toBe(200);
    expect(JSON.stringify(inbox.json)).not.toContain('机密');
  });
});

describe.skipIf(!PG_URL || !REDIS_URL)('across two server processes (PostgreSQL + Redis)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let s1: TestServer, s2: TestServer;
  let owner: TestUser;
  let spaceId: string;
  beforeAll(async () => {
    db = await freshDatabase();
    const dataDir = tempDataDir();
    s1 = await startTestServer({ databaseUrl: db.url, redisUrl: REDIS_URL, dataDir });
    s2 = await startTestServer({ databaseUrl: db.url, redisUrl: REDIS_URL, dataDir });
    [owner] = await signedUp(s1.base, 'Owner');
    spaceId = await spaceWith(owner);
  });
  afterAll(async () => {
    await s1?.close();
    await s2?.close();
    await db?.drop();
  });

  it('removal on one process closes the socket and stream held on the other', async () => {
    const [u] = await signedUp(s1.base, 'Remote');
    expect((await owner.call('POST', `/api/spaces/${spaceId}/members`, { email: u.email, role: 'editor' })).status).toBe(201);
    const id = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2025-W20' })).json.id as string;
    const there = sameSessionOn(u, s2.base);
    const sock = await rawSocket(there, id);
    const stream = openEvents(there, `/api/reports/${id}/events`);
    await stream.ready;
    expect((await owner.call('DELETE', `/api/spaces/${spaceId}/members/${u.id}`)).status).toBe(200);
    const { v: code, ms } = await timed(within(sock.closed, PROMPTLY_MS, 'socket close on the other process'));
    expect(code).toBe(4403);
    await within(stream.done, PROMPTLY_MS, 'stream end on the other process');
    console.log(`removed on process 1: socket on process 2 closed after ${ms} ms`);
  });

  it('a demotion on one process reaches a socket on the other (4009), which then reads and may not write (4405)', async () => {
    const [u] = await signedUp(s1.base, 'Demoted');
    expect((await owner.call('POST', `/api/spaces/${spaceId}/members`, { email: u.email, role: 'editor' })).status).toBe(201);
    const id = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2025-W21' })).json.id as string;
    const a = connect(owner, id);
    const e = connect(sameSessionOn(u, s2.base), id);
    await Promise.all([a.synced, e.synced]);
    const closes: number[] = [];
    e.provider.on('connection-close', (ev: CloseEvent | null) => { if (ev) closes.push(ev.code); });
    expect((await owner.call('POST', `/api/spaces/${spaceId}/members`, { email: u.email, role: 'viewer' })).status).toBe(201);
    await eventually(() => closes.includes(ROLE_CHANGED_CLOSE), 'role change reaches the socket on the other process', PROMPTLY_MS);
    await eventually(() => e.provider.wsconnected && e.provider.synced, 'reconnected as a reader', PROMPTLY_MS * 2);
    appendParagraph(a, 'owner marker');
    await eventually(() => e.text().includes('owner marker'), 'owner marker crosses processes');
    appendParagraph(e, 'LATE WRITE');
    await eventually(() => closes.includes(WRITE_REFUSED_CLOSE), 'the write closes the socket', PROMPTLY_MS);
    appendParagraph(a, 'final owner line');
    await eventually(async () => (await owner.call('GET', `/api/reports/${id}/markdown`)).text.includes('final owner line'), 'owner line stored');
    expect((await owner.call('GET', `/api/reports/${id}/markdown`)).text).not.toContain('LATE WRITE');
    a.close(); e.close();
  });

  it('signing out on one process closes the same session\'s socket on the other', async () => {
    const [u] = await signedUp(s1.base, 'Leaver');
    expect((await owner.call('POST', `/api/spaces/${spaceId}/members`, { email: u.email, role: 'editor' })).status).toBe(201);
    const id = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2025-W22' })).json.id as string;
    const there = sameSessionOn(u, s2.base);
    const sock = await rawSocket(there, id);
    expect(await upgradeStatus(there, id)).toBe(101); // its session now read on process 2 for upgrades
    expect((await u.call('POST', '/api/auth/sign-out', {})).status).toBe(200);
    expect(await within(sock.closed, PROMPTLY_MS, 'socket close on the other process')).toBe(4401);
    // Process 2 forgot the session with the sign-out's event: the old cookie opens nothing there either.
    expect(await upgradeStatus(there, id)).toBe(401);
  });
});
