import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import { appendParagraph, connect, eventually, signedUp, sleep, spaceWith, type TestUser } from '../helpers/client.js';
import { WRITE_REFUSED_CLOSE } from '../../shared/doc/accessCloses.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
let owner: TestUser, editor: TestUser, viewer: TestUser, commenter: TestUser, outsider: TestUser;
let spaceId: string;

async function newReport(week: string) {
  const r = await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week });
  expect(r.status).toBe(201);
  return r.json.id as string;
}

/** Raw upgrade: resolves with the HTTP status of a refused upgrade, or 101 when the socket opens. */
function upgradeStatus(path: string, headers: Record<string, string>) {
  return new Promise<number>((resolve) => {
    const ws = new WebSocket(s.base.replace('http', 'ws') + path, { headers, origin: headers.origin });
    ws.on('open', () => { ws.close(); resolve(101); });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? -1));
    ws.on('error', () => resolve(-1));
  });
}

beforeAll(async () => {
  s = await startTestServer();
  [owner, editor, viewer, commenter, outsider] = await signedUp(s.base, 'Owner', 'Editor', 'Viewer', 'Commenter', 'Outsider');
  spaceId = await spaceWith(owner, [[editor, 'editor'], [viewer, 'viewer'], [commenter, 'commenter']]);
});
afterAll(async () => { await s.close(); });

describe('live co-editing', () => {
  it('two stock y-websocket clients converge on concurrent edits', async () => {
    const id = await newReport('2024-W01');
    const a = connect(owner, id), b = connect(editor, id);
    await Promise.all([a.synced, b.synced]);
    // Concurrent: both write before seeing each other.
    for (let i = 0; i < 20; i++) { appendParagraph(a, `a${i}`); appendParagraph(b, `b${i}`); }
    await eventually(() => a.text() === b.text() && a.text().includes('a19') && a.text().includes('b19'), 'convergence');
    expect(a.frag.length).toBe(40);
    a.close(); b.close();
  });

  it('keeps content across a clean restart, and a late client gets it all', async () => {
    const id = await newReport('2024-W02');
    const a = connect(owner, id);
    await a.synced;
    appendParagraph(a, 'before restart 贝易转');
    const b = connect(editor, id);
    await b.synced;
    await eventually(() => b.text().includes('before restart'), 'b sees edit');
    a.close(); b.close();
    await s.rooms.closeAll();
    const c = connect(viewer, id);
    await c.synced;
    expect(c.text()).toContain('before restart 贝易转');
    c.close();
  });

  it('releases a room after its last client leaves, and reloads it from storage', async () => {
    const id = await newReport('2024-W03');
    const a = connect(owner, id);
    await a.synced;
    appendParagraph(a, 'stored then released');
    await eventually(async () => (await s.rooms.peek(id)) !== null, 'room open');
    a.close();
    await eventually(async () => (await s.rooms.peek(id)) === null, 'room released');
    const b = connect(editor, id);
    await b.synced;
    expect(b.text()).toContain('stored then released');
    b.close();
  });

  it('removes the awareness of a closed connection for everyone', async () => {
    const id = await newReport('2024-W04');
    const a = connect(owner, id), b = connect(editor, id);
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('user', { name: 'Owner' });
    await eventually(() => [...b.provider.awareness.getStates().values()].some((st: any) => st.user?.name === 'Owner'), 'presence arrives');
    a.close();
    await eventually(() => ![...b.provider.awareness.getStates().values()].some((st: any) => st.user?.name === 'Owner'), 'presence removed');
    b.close();
  });
});

describe('storage', () => {
  it('compacts a long update log into a snapshot without losing content', async () => {
    const id = await newReport('2024-W08');
    const a = connect(owner, id);
    await a.synced;
    for (let i = 0; i < 600; i++) {
      appendParagraph(a, `line ${i}`);
      if (i % 50 === 0) await sleep(5); // separate event-loop turns, so the log gets many entries
    }
    const snapshot = () => s.db.k.selectFrom('doc_snapshot').select('doc_id').where('doc_id', '=', id).executeTakeFirst();
    await eventually(snapshot, 'a snapshot', 10_000);
    a.close();
    await eventually(async () => (await s.rooms.peek(id)) === null, 'room released');
    const rows = await s.db.k.selectFrom('doc_update').select((e) => e.fn.countAll().as('n')).where('doc_id', '=', id).executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBeLessThan(600);
    const b = connect(editor, id);
    await b.synced;
    expect(b.frag.length).toBe(600);
    expect(b.text()).toContain('line 599');
    b.close();
  });
});

describe('presence', () => {
  /** The awareness client ids a server frame carries, or null for a frame that is not an awareness update. */
  function awarenessIds(frame: Uint8Array): number[] | null {
    const d = decoding.createDecoder(frame);
    if (decoding.readVarUint(d) !== 1) return null; // messageAwareness
    const u = decoding.createDecoder(decoding.readVarUint8Array(d));
    const ids: number[] = [];
    for (let n = decoding.readVarUint(u); n > 0; n--) {
      ids.push(decoding.readVarUint(u)); // client id
      decoding.readVarUint(u); // clock
      decoding.readVarString(u); // state as JSON
    }
    return ids;
  }

  it('sends each peer one batched frame when many people announce themselves at once, without their own entry', async () => {
    const id = await newReport('2024-W09');
    const clients = Array.from({ length: 6 }, () => connect(editor, id));
    await Promise.all(clients.map((c) => c.synced));
    await sleep(200);
    // y-websocket sets binaryType = 'arraybuffer': frames arrive as ArrayBuffers.
    const frames = clients.map(() => [] as number[][]);
    clients.forEach((c, i) => (c.provider.ws as any).on('message', (d: ArrayBuffer) => {
      const ids = awarenessIds(new Uint8Array(d));
      if (ids && ids.length > 0) frames[i].push(ids); // an entry-less frame is the server's keepalive, not presence
    }));
    // All six announce in the same turn, so their entries reach the server within one batch window.
    clients.forEach((c, i) => c.provider.awareness.setLocalStateField('user', { name: `p${i}` }));
    await eventually(() => clients.every((c) => [...c.provider.awareness.getStates().values()].filter((st: any) => st.user).length === 6), 'everyone sees everyone');
    await sleep(200);
    // Unbatched, each client would get 5 frames (one per other person); stock clients also echo what they
    // receive, which the server must drop rather than forward again. One batch: one frame per peer, with
    // the five others and not the peer's own entry.
    clients.forEach((c, i) => {
      const others = clients.filter((o) => o !== c).map((o) => o.doc.clientID).sort();
      expect(frames[i], `frames to p${i}`).toHaveLength(1);
      expect(frames[i][0], `frame to p${i}`).not.toContain(c.doc.clientID);
      expect([...frames[i][0]].sort(), `frame to p${i}`).toEqual(others);
    });
    clients.forEach((c) => c.close());
  });
  // Probe: a stock y-websocket client joining a report where someone using the app is present (their presence names
  // them: user.id) relayed that person's entry back, as stock clients do; the check that a presence names its sender
  // ran before echoes were set aside, so the stock client was closed (4400, which it never retries) and its edits lost.
  it('keeps a stock client that relays others\' presence (each naming its own person) connected, and its edits land', async () => {
    const id = await newReport('2024-W10');
    const app = connect(owner, id);
    await app.synced;
    app.provider.awareness.setLocalStateField('user', { id: owner.id, name: owner.name, color: '#e11d48' });
    const stock = connect(editor, id);
    const closes: number[] = [];
    stock.provider.on('connection-close', (e: CloseEvent | null) => { if (e) closes.push(e.code); });
    await stock.synced;
    await eventually(() => [...stock.provider.awareness.getStates().values()].some((st: any) => st.user?.id === owner.id), 'the stock client sees the owner');
    // The owner moves: the stock client hears it and relays it back.
    app.provider.awareness.setLocalStateField('user', { id: owner.id, name: `${owner.name}!`, color: '#e11d48' });
    await eventually(() => [...stock.provider.awareness.getStates().values()].some((st: any) => st.user?.name === `${owner.name}!`), 'the stock client hears the change');
    await sleep(300);
    appendParagraph(stock, 'from a stock client');
    await eventually(() => app.text().includes('from a stock client'), 'the stock client\'s edit reaches the owner');
    expect(closes).toEqual([]);
    expect(stock.provider.wsconnected).toBe(true);
    // Its own presence still may not name someone else.
    stock.provider.awareness.setLocalStateField('user', { id: owner.id, name: 'not the owner' });
    await eventually(() => closes.length > 0, 'a presence naming someone else closes the socket');
    expect(closes[0]).toBe(4400);
    app.close();
    stock.close();
  });
});

describe('roles on the socket', () => {
  it('refuses upgrades: 401 without a session, 403 for non-members and foreign origins, 404 for unknown reports', async () => {
    const id = await newReport('2024-W05');
    expect(await upgradeStatus(`/api/sync/${id}`, { origin: s.base })).toBe(401);
    expect(await upgradeStatus(`/api/sync/${id}`, { origin: s.base, cookie: outsider.cookie })).toBe(403);
    expect(await upgradeStatus(`/api/sync/${id}`, { origin: 'http://evil.example', cookie: owner.cookie })).toBe(403);
    expect(await upgradeStatus(`/api/sync/nope`, { origin: s.base, cookie: owner.cookie })).toBe(404);
    expect(await upgradeStatus(`/api/sync/${id}`, { origin: s.base, cookie: owner.cookie })).toBe(101);
  });

  it('lets viewers and commenters read and see presence, but never applies, stores or broadcasts their edits: a reader that sends some is closed (4405)', async () => {
    const id = await newReport('2024-W06');
    const a = connect(owner, id);
    await a.synced;
    appendParagraph(a, 'owner text');
    for (const reader of [viewer, commenter]) {
      const r = connect(reader, id);
      const closes: number[] = [];
      r.provider.on('connection-close', (e: CloseEvent | null) => { if (e) closes.push(e.code); });
      await r.synced;
      await eventually(() => r.text().includes('owner text'), `${reader.name} reads`);
      r.provider.awareness.setLocalStateField('user', { name: reader.name });
      await eventually(() => [...a.provider.awareness.getStates().values()].some((st: any) => st.user?.name === reader.name), 'reader presence');
      await sleep(300);
      expect(closes).toEqual([]); // reading and being present keep the socket
      appendParagraph(r, `WRITE-BY-${reader.name}`);
      await eventually(() => closes.includes(WRITE_REFUSED_CLOSE), `${reader.name}'s socket closed for writing`);
      await sleep(300);
      expect(a.text()).not.toContain(`WRITE-BY-${reader.name}`);
      r.close();
    }
    a.close();
    await s.rooms.closeAll();
    const fresh = connect(editor, id);
    await fresh.synced;
    expect(fresh.text()).toContain('owner text');
    expect(fresh.text()).not.toContain('WRITE-BY');
    fresh.close();
  });
});

describe('room loading', () => {
  it('keeps messages that arrive while the room loads, in order', async () => {
    const id = await newReport('2024-W07');
    // Many clients connect and write at once while the room is still loading.
    const clients = Array.from({ length: 6 }, () => connect(editor, id));
    clients.forEach((c, i) => appendParagraph(c, `early-${i}`));
    await Promise.all(clients.map((c) => c.synced));
    await eventually(() => clients.every((c) => c.frag.length === 6 && c.text() === clients[0].text()), 'all early edits everywhere');
    clients.forEach((c) => c.close());
  });
});
