/**
 * Findings of the trust issue, one test each, through real sockets: a frame or request that used to crash the
 * process, blank a report or swallow a colleague's edits is now refused (closed with 4400), nothing of it is
 * applied, stored or relayed, and everyone else carries on.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { appendParagraph, connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { awarenessFrame, rawSocket, updateFrame, updateFrom } from '../helpers/rawSocket.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createDocStore } from '../../server/db/docStore.js';

let s: TestServer;
let owner: TestUser, editor: TestUser, viewer: TestUser;
let spaceId: string;
let weekNo = 1;

async function newReport() {
  const r = await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: `2025-W${String(weekNo++).padStart(2, '0')}` });
  expect(r.status).toBe(201);
  return r.json.id as string;
}

/** A report with one paragraph in it, and a stock client (the owner) that stays connected. */
async function reportWithText(text: string) {
  const id = await newReport();
  const a = connect(owner, id);
  await a.synced;
  appendParagraph(a, text);
  await eventually(async () => (await owner.call('GET', `/api/reports/${id}/markdown`)).text.includes(text), 'text stored');
  return { id, a };
}

/** The report still opens for a new client and exports, with `text` in it, and live editing still works. */
async function stillWorks(id: string, a: ReturnType<typeof connect>, text: string) {
  expect((await fetch(s.base + '/api/health')).status).toBe(200);
  const late = connect(editor, id);
  await late.synced;
  expect(late.text()).toContain(text);
  const marker = `after-${Math.random().toString(36).slice(2)}`;
  appendParagraph(a, marker);
  await eventually(() => late.text().includes(marker), 'live edits still reach others');
  const md = await owner.call('GET', `/api/reports/${id}/markdown`);
  expect(md.status).toBe(200);
  expect(md.text).toContain(marker);
  expect((await owner.call('GET', `/api/reports/${id}/items`)).status).toBe(200);
  expect((await owner.call('GET', `/api/reports/${id}/comments`)).status).toBe(200);
  late.close();
}

beforeAll(async () => {
  s = await startTestServer();
  [owner, editor, viewer] = await signedUp(s.base, 'Owner', 'Editor', 'Viewer');
  spaceId = await spaceWith(owner, [[editor, 'editor'], [viewer, 'viewer']]);
});
afterAll(async () => { await s.close(); });

describe('the process survives hostile input', () => {
  it('a bad percent escape in the upgrade path is refused, not thrown (finding 1)', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const sock = net.connect(s.port, '127.0.0.1', () => {
        sock.write('GET /api/sync/x% HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
      });
      let data = '';
      sock.on('data', (d) => (data += d));
      sock.on('end', () => resolve(data));
      sock.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1.1 404/);
    expect((await fetch(s.base + '/api/health')).status).toBe(200);
  });

  it.each([
    ['empty awareness update', [1, 0]],
    ['truncated entry', [1, 1, 1]],
    ['entry without state', [1, 2, 1, 1]],
    ['state that is not JSON', [1, 5, 1, 1, 1, 1, 0x7b]],
  ])("a viewer's awareness frame (%s) closes only that socket (finding 2)", async (_what, frame) => {
    const { id, a } = await reportWithText('贝易转 上线');
    const bad = await rawSocket(viewer, id);
    bad.send(frame);
    expect(await bad.closed).toBe(4400);
    await stillWorks(id, a, '贝易转 上线');
    a.close();
  });

  it.each([
    ['state vector with no entries after a count', [0, 0, 0]],
    ['state vector cut short', [0, 0, 1, 1]],
  ])('a junk state vector (%s) is refused (finding 3)', async (_what, frame) => {
    const { id, a } = await reportWithText('物保三期');
    const bad = await rawSocket(viewer, id);
    bad.send(frame);
    expect(await bad.closed).toBe(4400);
    await stillWorks(id, a, '物保三期');
    a.close();
  });

  it('a junk state vector while writes are pending does not break the write chain (finding 3)', async () => {
    const { id, a } = await reportWithText('POS收单');
    const raw = await rawSocket(editor, id);
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a.doc));
    // Both frames arrive in one read: the update is applied and waiting for its write when the junk comes.
    raw.ws.send(updateFrame(updateFrom(server, (d) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('pending write')]);
      d.getXmlFragment('default').push([p]);
    })));
    raw.send([0, 0, 1, 1]);
    expect(await raw.closed).toBe(4400);
    await eventually(() => a.text().includes('pending write'), 'the pending write is stored and broadcast');
    await stillWorks(id, a, 'pending write');
    a.close();
  });
});

describe('a valid-looking update cannot blank a report', () => {
  it.each([
    ['a Y.Map', () => new Y.Map()],
    ['a bare Y.XmlText', () => new Y.XmlText('loose')],
    ['an unknown element', () => new Y.XmlElement('script')],
  ])('%s at the top of the fragment is refused and nothing is stored (finding 4)', async (_what, make) => {
    const { id, a } = await reportWithText('实时数仓 98%');
    const raw = await rawSocket(editor, id);
    raw.send(updateFrame(updateFrom(a.doc, (d) => d.getXmlFragment('default').insert(0, [make() as never]))));
    expect(await raw.closed).toBe(4400);
    await stillWorks(id, a, '实时数仓 98%');
    // Nothing of it reached the store: a cold load after every room is closed has only paragraphs.
    a.close();
    await eventually(async () => (await s.rooms.peek(id)) === null, 'room released');
    const cold = connect(viewer, id);
    await cold.synced;
    expect(cold.frag.toArray().every((n) => n instanceof Y.XmlElement && n.nodeName === 'paragraph')).toBe(true);
    expect(cold.text()).toContain('实时数仓 98%');
    cold.close();
  });

  it('an element the schema does not know, inside a paragraph, is refused', async () => {
    const { id, a } = await reportWithText('加密机对接');
    const raw = await rawSocket(editor, id);
    raw.send(updateFrame(updateFrom(a.doc, (d) => (d.getXmlFragment('default').get(0) as Y.XmlElement).insert(0, [new Y.XmlElement('iframe')]))));
    expect(await raw.closed).toBe(4400);
    await stillWorks(id, a, '加密机对接');
    a.close();
  });

  it('quotes nested hundreds deep are refused: the report still exports, indexes and takes comments (probe: from ~2,000 levels every reader overflowed its stack)', async () => {
    const { id, a } = await reportWithText('嵌套之前');
    const raw = await rawSocket(editor, id);
    raw.send(updateFrame(updateFrom(a.doc, (d) => {
      const top = new Y.XmlElement('blockquote');
      let at = top;
      for (let i = 0; i < 300; i++) {
        const inner = new Y.XmlElement('blockquote');
        at.insert(0, [inner]);
        at = inner;
      }
      at.insert(0, [new Y.XmlElement('paragraph')]);
      d.getXmlFragment('default').insert(0, [top]);
    })));
    expect(await raw.closed).toBe(4400);
    await stillWorks(id, a, '嵌套之前');
    a.close();
  });

  it('one frame of two characters each placed after the other is refused, and the process lives (it died: V8 out of memory)', async () => {
    const { id, a } = await reportWithText('循环之前');
    const raw = await rawSocket(editor, id);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint(e, 777_777);
    encoding.writeVarUint(e, 0);
    for (const [origin, text] of [[1, 'a'], [0, 'b']] as const) {
      encoding.writeUint8(e, 4 | 0x80);
      encoding.writeVarUint(e, 777_777);
      encoding.writeVarUint(e, origin);
      encoding.writeVarString(e, text);
    }
    encoding.writeVarUint(e, 0);
    raw.send(updateFrame(encoding.toUint8Array(e)));
    expect(await raw.closed).toBe(4400);
    await stillWorks(id, a, '循环之前');
    a.close();
  });

  it('a stored log that already holds a bad update or a misfit opens with everything else (finding 4)', async () => {
    const { id, a } = await reportWithText('好店 上线');
    a.close();
    await eventually(async () => (await s.rooms.peek(id)) === null, 'room released');
    const base = new Y.Doc();
    const probe = connect(viewer, id);
    await probe.synced;
    Y.applyUpdate(base, Y.encodeStateAsUpdate(probe.doc));
    probe.close();
    await eventually(async () => (await s.rooms.peek(id)) === null, 'room released');
    // Written straight into the log, as an older server would have stored them.
    const store = createDocStore(s.db);
    await store.append(id, [
      updateFrom(base, (d) => d.getXmlFragment('default').insert(0, [new Y.Map() as never])),
      new Uint8Array([9, 9, 9, 9, 9]),
    ]);
    for (const path of ['markdown', 'items', 'comments', 'history']) {
      const r = await owner.call('GET', `/api/reports/${id}/${path}`);
      expect(r.status, `${path}: ${r.text.slice(0, 200)}`).toBe(200);
    }
    const b = connect(owner, id);
    await b.synced;
    expect(b.text()).toContain('好店 上线');
    expect(b.frag.toArray().every((n) => n instanceof Y.XmlElement)).toBe(true);
    await stillWorks(id, b, '好店 上线');
    b.close();
  });
});

describe("a colleague's edits cannot be made to vanish", () => {
  it('an update deleting far beyond what a client wrote is refused; the victim keeps reaching others (finding 5)', async () => {
    const { id, a } = await reportWithText('贝易转');
    const b = connect(editor, id);
    await b.synced;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0); // no structs
    encoding.writeVarUint(e, 1); // one client in the delete set
    encoding.writeVarUint(e, a.doc.clientID);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 15);
    encoding.writeVarUint(e, 1_000_000_000);
    const raw = await rawSocket(editor, id);
    raw.send(updateFrame(encoding.toUint8Array(e)));
    expect(await raw.closed).toBe(4400);
    for (let i = 0; i < 10; i++) appendParagraph(a, `victim line ${i}`);
    await eventually(() => b.text().includes('victim line 9'), "the victim's later typing reaches others");
    const md = await owner.call('GET', `/api/reports/${id}/markdown`);
    expect(md.text).toContain('victim line 9');
    a.close(); b.close();
  });
});

describe("a colleague's client id is theirs (socket fuzz finding)", () => {
  /** An update of one struct group under `client` from `clock`: a GC range, or a deleted run in the fragment. */
  const structsUnder = (client: number, clock: number, kind: 'gc' | 'deleted', len: number) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1); // one client
    encoding.writeVarUint(e, 1); // one struct
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    if (kind === 'gc') encoding.writeUint8(e, 0);
    else {
      encoding.writeUint8(e, 1); // ContentDeleted, no origins: parent by key
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, 'default');
    }
    encoding.writeVarUint(e, len);
    encoding.writeVarUint(e, 0); // no delete set
    return encoding.toUint8Array(e);
  };
  /** A paragraph written under `client` on top of `state`. */
  const paragraphUnder = (client: number, state: Uint8Array, text: string) => {
    const d = new Y.Doc();
    Y.applyUpdate(d, state);
    d.clientID = client; // after the state is in (a doc that receives its own id takes a new one)
    const before = Y.encodeStateVector(d);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    d.getXmlFragment('default').push([p]);
    return Y.encodeStateAsUpdate(d, before);
  };
  const closedWith = (raw: Awaited<ReturnType<typeof rawSocket>>) => Promise.race([raw.closed, new Promise((r) => setTimeout(() => r('still open'), 3000))]);

  it.each(['gc', 'deleted', 'paragraph'] as const)('structs (%s) at the clock a colleague writes next are refused; their offline edits still arrive', async (kind) => {
    const { id, a } = await reportWithText('清结算');
    const b = connect(viewer, id);
    await b.synced;
    // The victim types offline while another editor writes under the victim's id at the victim's next clock.
    a.provider.disconnect();
    appendParagraph(a, 'victim offline line');
    const victim = a.doc.clientID;
    const clock = Y.getState(b.doc.store, victim);
    const raw = await rawSocket(editor, id);
    raw.send(updateFrame(kind === 'paragraph' ? paragraphUnder(victim, Y.encodeStateAsUpdate(b.doc), 'Mallory') : structsUnder(victim, clock, kind, 1000)));
    expect(await closedWith(raw)).toBe(4400);
    a.provider.connect();
    await eventually(() => b.text().includes('victim offline line'), "the victim's offline edit reaches others");
    appendParagraph(a, 'victim online line');
    await eventually(() => b.text().includes('victim online line'), "the victim's later typing reaches others");
    const md = await owner.call('GET', `/api/reports/${id}/markdown`);
    expect(md.text).toContain('victim online line');
    expect(md.text).not.toContain('Mallory');
    a.close(); b.close();
  });

  it("a present colleague's id is theirs before they type; the server's own id is nobody's", async () => {
    const { id, a } = await reportWithText('进件');
    const quiet = connect(owner, id); // present (as the editor announces its user and caret), has written nothing
    quiet.provider.awareness.setLocalStateField('user', { name: 'Owner' });
    await quiet.synced;
    const raw = await rawSocket(editor, id);
    await eventually(() => raw.received.some((m) => m[0] === 1), 'presence reaches the raw socket');
    raw.send(updateFrame(structsUnder(quiet.doc.clientID, 0, 'gc', 1000)));
    expect(await closedWith(raw)).toBe(4400);
    appendParagraph(quiet, 'quiet line');
    await eventually(async () => (await owner.call('GET', `/api/reports/${id}/markdown`)).text.includes('quiet line'), "the quiet client's first edit is stored");
    // The room's own document writes server changes (restore, carry-forward) under its id.
    const room = (await s.rooms.peek(id))!;
    const raw2 = await rawSocket(editor, id);
    raw2.send(updateFrame(structsUnder(room.doc.clientID, Y.getState(room.doc.store, room.doc.clientID), 'gc', 10)));
    expect(await closedWith(raw2)).toBe(4400);
    await stillWorks(id, a, 'quiet line');
    a.close(); quiet.close();
  });

  it('the same person reconnecting keeps writing under their id', async () => {
    const { id, a } = await reportWithText('对账');
    const b = connect(viewer, id);
    await b.synced;
    for (let round = 0; round < 3; round++) {
      a.provider.disconnect();
      appendParagraph(a, `offline ${round}`);
      a.provider.connect();
      await eventually(() => b.text().includes(`offline ${round}`), `round ${round} arrives`);
    }
    // And from a second tab (another client id, same person) while the first is open.
    const tab = connect(owner, id);
    await tab.synced;
    appendParagraph(tab, 'second tab');
    await eventually(() => b.text().includes('second tab') && a.text().includes('second tab'), 'second tab arrives');
    a.close(); b.close(); tab.close();
  });
});

describe('presence is bounded and owned', () => {
  it('an oversized awareness state is refused and never sent to joiners (finding 7)', async () => {
    const { id, a } = await reportWithText('presence');
    a.provider.awareness.setLocalStateField('user', { name: 'Owner' });
    const raw = await rawSocket(viewer, id);
    raw.send(awarenessFrame([{ clientID: 424242, clock: 1, state: JSON.stringify({ pad: 'x'.repeat(15 * 1024 * 1024) }) }]));
    expect(await raw.closed).toBe(4400);
    const joiner = connect(editor, id);
    await joiner.synced;
    await eventually(() => joiner.provider.awareness.getStates().has(a.doc.clientID), 'joiner sees the owner');
    expect(joiner.provider.awareness.getStates().has(424242)).toBe(false);
    joiner.close(); a.close();
  });

  it('a presence that is not a person, a caret or a field is refused and never relayed: one viewer could blank every open page (probe)', async () => {
    const { id, a } = await reportWithText('presence shapes');
    a.provider.awareness.setLocalStateField('user', { name: 'Owner' });
    const watcher = connect(editor, id);
    await watcher.synced;
    const bad = [
      { user: { name: { evil: 1 }, color: '#f00' } }, // the app rendered name.trim(): every open page went blank
      { user: { name: 5 } },
      { user: 'Mallory' },
      { cursor: { anchor: 'garbage', head: 'junk' } }, // the caret plugin threw "Unexpected case"
      { cursor: { anchor: { assoc: 0 }, head: { assoc: 0 } } }, // a position with nothing to stick to throws the same
      { cursor: { anchor: { tname: 'other', assoc: 0 }, head: { tname: 'other', assoc: 0 } } },
      { field: { blockId: 7, name: ['x'] } },
      { user: { name: 'Owner', id: owner.id } }, // another person's id: the viewer posing as the owner
      [1, 2],
    ];
    for (const [i, state] of bad.entries()) {
      const raw = await rawSocket(viewer, id);
      raw.send(awarenessFrame([{ clientID: 900_000 + i, clock: 1, state: JSON.stringify(state) }]));
      expect(await raw.closed, JSON.stringify(state)).toBe(4400);
    }
    // A well-formed presence from the same viewer still goes through, and none of the refused ones ever did.
    const ok = await rawSocket(viewer, id);
    ok.send(awarenessFrame([{ clientID: 900_100, clock: 1, state: JSON.stringify({ user: { name: 'Viewer', color: '#30a46c' }, cursor: { anchor: { item: { client: 1, clock: 0 }, assoc: 0 }, head: { tname: 'default', assoc: -1 } }, field: null }) }]));
    await eventually(() => watcher.provider.awareness.getStates().has(900_100), 'a well-formed presence arrives');
    expect([...watcher.provider.awareness.getStates().keys()].filter((k) => k >= 900_000 && k < 900_100)).toEqual([]);
    ok.close(); watcher.close(); a.close();
  });

  it("a peer cannot overwrite or remove another client's presence (finding 7)", async () => {
    const id = await newReport();
    const a = connect(owner, id);
    a.provider.awareness.setLocalStateField('user', { name: 'Owner' });
    const c = connect(editor, id);
    await Promise.all([a.synced, c.synced]);
    const victim = a.doc.clientID;
    await eventually(() => (c.provider.awareness.getStates().get(victim) as any)?.user?.name === 'Owner', 'c sees the owner');
    const raw = await rawSocket(viewer, id);
    raw.send(awarenessFrame([{ clientID: victim, clock: 10_000, state: JSON.stringify({ user: { name: 'Mallory' } }) }]));
    raw.send(awarenessFrame([{ clientID: victim, clock: 10_001, state: 'null' }]));
    // A positive signal first: the raw peer's own, legitimate entry reaches c.
    raw.send(awarenessFrame([{ clientID: 777, clock: 1, state: JSON.stringify({ user: { name: 'Viewer' } }) }]));
    await eventually(() => c.provider.awareness.getStates().has(777), "the viewer's own presence arrives");
    expect((c.provider.awareness.getStates().get(victim) as any)?.user?.name).toBe('Owner');
    raw.close(); a.close(); c.close();
  });

  it("a colleague's presence id stays theirs while they are away (socket fuzz finding)", async () => {
    const id = await newReport();
    const a = connect(owner, id);
    a.provider.awareness.setLocalStateField('user', { name: 'Owner' });
    const c = connect(editor, id);
    await Promise.all([a.synced, c.synced]);
    const victim = a.doc.clientID;
    await eventually(() => (c.provider.awareness.getStates().get(victim) as any)?.user?.name === 'Owner', 'c sees the owner');
    a.provider.disconnect();
    await eventually(() => !c.provider.awareness.getStates().has(victim), "the owner's presence leaves with their socket");
    // While the owner is away, another member announces the owner's client id as their own.
    const raw = await rawSocket(viewer, id);
    raw.send(awarenessFrame([{ clientID: victim, clock: 10_000, state: JSON.stringify({ user: { name: 'Mallory' } }) }]));
    raw.send(awarenessFrame([{ clientID: 778, clock: 1, state: JSON.stringify({ user: { name: 'Viewer' } }) }]));
    await eventually(() => c.provider.awareness.getStates().has(778), "the viewer's own presence arrives");
    expect(c.provider.awareness.getStates().has(victim)).toBe(false);
    // The owner comes back (and moves their caret): everyone, the owner included, sees the owner's own state.
    a.provider.connect();
    await a.synced;
    a.provider.awareness.setLocalStateField('cursor', { anchor: { tname: 'default', assoc: 0 }, head: { tname: 'default', assoc: 0 } });
    await eventually(() => (c.provider.awareness.getStates().get(victim) as any)?.user?.name === 'Owner', 'c sees the owner again');
    await new Promise((r) => setTimeout(r, 200));
    expect((a.provider.awareness.getLocalState() as any)?.user?.name).toBe('Owner');
    expect((c.provider.awareness.getStates().get(victim) as any)?.user?.name).toBe('Owner');
    raw.close(); a.close(); c.close();
  });

  it('a socket flooding messages is closed (4429)', async () => {
    const id = await newReport();
    const raw = await rawSocket(viewer, id);
    for (let i = 0; i < 3000 && raw.isOpen(); i++) raw.send([3]);
    expect(await raw.closed).toBe(4429);
    expect((await fetch(s.base + '/api/health')).status).toBe(200);
  });

  it('a socket pushing megabytes faster than its byte budget is closed (4429)', async () => {
    // A server with a small budget (1 MB, refilled at 1 KB/s), so the cap shows however slow this machine is.
    const tight = await startTestServer({ socketLimits: { bytesBurst: 1024 * 1024, bytesPerSecond: 1024 } });
    try {
      const [u] = await signedUp(tight.base, 'Pusher');
      const space = await spaceWith(u);
      const id = (await u.call('POST', `/api/spaces/${space}/reports`, { week: '2025-W30' })).json.id as string;
      const raw = await rawSocket(u, id);
      const big = new Uint8Array(600 * 1024);
      big[0] = 3; // a query-awareness frame with a long tail: cheap to send, costly to take in
      for (let i = 0; i < 4 && raw.isOpen(); i++) raw.send(big);
      expect(await raw.closed).toBe(4429);
    } finally {
      await tight.close();
    }
  });

  it('one user cannot hold more than 64 sockets in a process', async () => {
    const [many] = await signedUp(s.base, 'Many');
    const space = (await many.call('POST', '/api/spaces', { name: 'tabs' })).json.id as string;
    const report = (await many.call('POST', `/api/spaces/${space}/reports`, { week: '2025-W31' })).json.id as string;
    const open = [];
    try {
      for (let i = 0; i < 64; i++) open.push(await rawSocket(many, report));
      await expect(rawSocket(many, report)).rejects.toThrow(/429/);
    } finally {
      for (const o of open) o.close();
    }
    await eventually(async () => (await s.rooms.peek(report)) === null, 'sockets gone');
    (await rawSocket(many, report)).close();
  });

  it('a socket that never reads is cut off once its backlog passes the cap, and the room carries on (finding 7)', async () => {
    const { id, a } = await reportWithText('slow reader');
    // A hand-made upgrade on a raw TCP socket that is then never read from.
    const sock = net.connect(s.port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    sock.write(`GET /api/sync/${id} HTTP/1.1\r\nHost: localhost:${s.port}\r\nOrigin: ${s.base}\r\nCookie: ${viewer.cookie}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    await eventually(async () => (await s.rooms.peek(id))?.peers.size === 2, 'the silent reader joined');
    sock.pause();
    const big = 'x'.repeat(512 * 1024);
    for (let i = 0; i < 60 && (await s.rooms.peek(id))?.peers.size === 2; i++) {
      appendParagraph(a, `${i} ${big}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await eventually(async () => (await s.rooms.peek(id))?.peers.size === 1, 'the silent reader is dropped', 20_000);
    const late = connect(editor, id);
    await late.synced;
    expect(late.text()).toContain('slow reader');
    late.close(); a.close(); sock.destroy();
  });
});
