import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AdoptingWebSocket } from '../../web/editor/earlySocket.js';
import { NoEchoWebsocketProvider } from '../../web/editor/provider.js';
import { appendParagraph, connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * The report shell's early socket handed to the web app's provider (web/editor/earlySocket.ts), against the real
 * server, with the socket the shell's inline script makes (server/shell.ts) made here the same way. The browser
 * tests (tests/e2e/firstLoad.test.ts) cannot choose when the app adopts it; here both orders are forced:
 * adopted while still connecting (the shell's step 1 must still go out: once it was dropped as the provider's) and
 * adopted after the document came.
 */
let s: TestServer;
let owner: TestUser;
let reportId: string;
const g = globalThis as unknown as { window?: unknown; WebSocket?: unknown; __cadenceEarlySocket?: unknown };
const saved = { window: g.window, WebSocket: g.WebSocket };
beforeAll(async () => {
  s = await startTestServer();
  [owner] = await signedUp(s.base, 'EarlyOwner');
  const spaceId = await spaceWith(owner);
  reportId = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W40' })).json.id;
  const seed = connect(owner, reportId);
  await seed.synced;
  for (let i = 0; i < 50; i++) appendParagraph(seed, `第${i}段：早到的连接`);
  await eventually(async () => { const c = connect(owner, reportId); try { await c.synced; return c.frag.length === 50; } finally { c.close(); } }, 'seeded', 15_000, 100);
  seed.close();
  g.window = globalThis; // what AdoptingWebSocket reads (window.__cadenceEarlySocket) and the browser's WebSocket
  g.WebSocket = WebSocket;
});
afterAll(async () => {
  g.window = saved.window;
  g.WebSocket = saved.WebSocket;
  await s.close();
});

const syncBase = () => s.base.replace('http', 'ws') + '/api/sync';

/** What the shell's inline script does: open, send step 1 for an empty document on open, keep messages until adopted. */
function shellSocket() {
  const ws = new WebSocket(`${syncBase()}/${reportId}`, { headers: { cookie: owner.cookie }, origin: owner.base });
  ws.binaryType = 'arraybuffer';
  const early = { url: ws.url, ws, queue: [] as unknown[], adopted: false, asked: false, closed: undefined as unknown, received: [] as Uint8Array[], sent: [] as Uint8Array[] };
  const send = ws.send.bind(ws);
  // Every frame that actually leaves, whoever sends it (the provider's replacement of send wraps this one).
  ws.send = ((data: Uint8Array) => { early.sent.push(new Uint8Array(data)); send(data); }) as typeof ws.send;
  ws.addEventListener('open', () => { ws.send(new Uint8Array([0, 0, 1, 0])); early.asked = true; });
  ws.addEventListener('message', (m) => { early.received.push(new Uint8Array(m.data as ArrayBuffer)); if (!early.adopted) early.queue.push(m); });
  ws.addEventListener('close', (c) => { if (!early.adopted) early.closed = c; });
  g.__cadenceEarlySocket = early;
  return early;
}

const isStep = (n: number) => (f: Uint8Array) => f[0] === 0 && f[1] === n;

async function adopt(early: ReturnType<typeof shellSocket>) {
  const doc = new Y.Doc();
  const provider = new NoEchoWebsocketProvider(syncBase(), reportId, doc, { WebSocketPolyfill: AdoptingWebSocket, disableBc: true });
  expect(provider.ws).toBe(early.ws as unknown); // adopted, not a socket of its own
  await eventually(async () => provider.synced, 'synced', 10_000, 20);
  expect(doc.getXmlFragment('default').length).toBeGreaterThanOrEqual(50);
  return { doc, provider };
}

it('adopted while still connecting: the shell\'s step 1 goes out, the provider\'s does not, the document comes once, then edits and probes go through', async () => {
  const early = shellSocket();
  expect(early.ws.readyState).toBe(WebSocket.CONNECTING);
  const { doc, provider } = await adopt(early);
  expect(early.sent.filter(isStep(0))).toHaveLength(1); // the shell's only
  expect(early.received.filter((f) => isStep(1)(f) && f.length > 200)).toHaveLength(1);
  // Now a step 1 (the saved-state probe) goes out and is answered.
  const probe = new Uint8Array([0, 0, 1, 0]);
  provider.ws!.send(probe);
  await eventually(async () => early.sent.filter(isStep(0)).length === 2, 'probe sent', 5_000, 20);
  // An edit reaches another client.
  const other = connect(owner, reportId);
  await other.synced;
  doc.transact(() => { const p = new Y.XmlElement('paragraph'); p.insert(0, [new Y.XmlText('连接中被接管')]); doc.getXmlFragment('default').push([p]); });
  await eventually(async () => other.text().includes('连接中被接管'), 'edit reached the server', 10_000, 50);
  other.close();
  provider.destroy();
  doc.destroy();
});

it('adopted after the document came: synced at once, and the provider\'s own step 1 goes out (answered with nothing new)', async () => {
  const early = shellSocket();
  await eventually(async () => early.queue.some((m) => isStep(1)(new Uint8Array((m as { data: ArrayBuffer }).data))), 'document came', 10_000, 20);
  const { doc, provider } = await adopt(early);
  expect(early.sent.filter(isStep(0))).toHaveLength(2); // the shell's, then the provider's on open
  expect(early.received.filter((f) => isStep(1)(f) && f.length > 200)).toHaveLength(1);
  provider.destroy();
  doc.destroy();
});
