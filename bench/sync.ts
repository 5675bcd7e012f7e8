/**
 * Live-editing bench: N clients in one report on a real server over loopback, for Cadence and two peers
 * (the reference y-websocket server and Hocuspocus). Prints update latency (one writer, everyone else
 * receiving), presence traffic (frames clients receive when everyone announces themselves once), and server RSS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { NoEchoWebsocketProvider } from '../web/editor/provider.js';
import { TestUser } from '../tests/helpers/client.js';
import { freePort, tempDataDir } from '../tests/helpers/server.js';
import { serverBundle } from '../tests/helpers/childServer.js';

const root = path.resolve(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Target { name: string; start(): Promise<{ url: string; room: string; headers: Record<string, string>; proc: ChildProcess }>; client: 'stock' | 'noecho' | 'hocuspocus' }

async function waitReady(proc: ChildProcess, check: () => Promise<boolean>) {
  for (let i = 0; i < 300; i++) {
    if (proc.exitCode !== null) throw new Error('server exited');
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error('server not ready');
}

function startChild(args: string[], env: Record<string, string>) {
  return spawn(process.execPath, args, { cwd: root, env: { ...process.env, LOG_LEVEL: 'error', AUTH_RATE_LIMIT: 'off', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

async function startCadence() {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  // The server as npm start runs it: bundled, on plain node.
  const proc = startChild([await serverBundle()], { PORT: String(port), DATA_DIR: tempDataDir(), BETTER_AUTH_URL: base, SERVE_WEB: '0', DATABASE_URL: '', REDIS_URL: '' });
  await waitReady(proc, async () => (await fetch(base + '/api/health')).ok);
  const u = await new TestUser(base, 'bench').signUp();
  const space = (await u.call('POST', '/api/spaces', { name: 'bench' })).json;
  const report = (await u.call('POST', `/api/spaces/${space.id}/reports`, { week: '2024-W12' })).json;
  return { url: base.replace('http', 'ws') + '/api/sync', room: report.id, headers: { cookie: u.cookie, origin: base }, proc };
}

async function startPeer(script: string) {
  const port = await freePort();
  const proc = startChild([path.join(root, 'bench/peers', script)], { PORT: String(port) });
  await waitReady(proc, () => new Promise((res) => { const ws = new WebSocket(`ws://127.0.0.1:${port}/probe`); ws.on('open', () => { ws.close(); res(true); }); ws.on('error', () => res(false)); }));
  return { url: `ws://127.0.0.1:${port}`, room: 'bench-room', headers: {}, proc };
}

const targets: Target[] = [
  { name: 'cadence (web client, no echo)', start: startCadence, client: 'noecho' },
  { name: 'cadence (stock y-websocket client)', start: startCadence, client: 'stock' },
  { name: 'y-websocket-server 0.1.1', start: () => startPeer('y-websocket-server.mjs'), client: 'stock' },
  { name: 'hocuspocus 4', start: () => startPeer('hocuspocus.mjs'), client: 'hocuspocus' },
];

function rssMb(pid: number) {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

interface Client { doc: Y.Doc; awareness: any; frames: { n: number }; synced: Promise<void>; destroy(): void }

function makeClient(kind: Target['client'], url: string, room: string, headers: Record<string, string>): Client {
  const frames = { n: 0 };
  class CountingWS extends WebSocket {
    constructor(u: string, protocols?: string | string[]) {
      super(u, protocols, { headers, origin: headers.origin });
      this.on('message', () => frames.n++);
    }
  }
  const doc = new Y.Doc();
  if (kind === 'hocuspocus') {
    let resolve!: () => void;
    const synced = new Promise<void>((r) => (resolve = r));
    const p = new HocuspocusProvider({ url, name: room, document: doc, WebSocketPolyfill: CountingWS as any, onSynced: () => resolve() } as any);
    return { doc, awareness: p.awareness, frames, synced, destroy: () => p.destroy() };
  }
  const Provider = kind === 'noecho' ? NoEchoWebsocketProvider : WebsocketProvider;
  const p = new Provider(url, room, doc, { WebSocketPolyfill: CountingWS as any, disableBc: true });
  const synced = new Promise<void>((r) => p.on('sync', (s: boolean) => s && r()));
  return { doc, awareness: p.awareness, frames, synced, destroy: () => p.destroy() };
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN);

async function run(target: Target, n: number) {
  const server = await target.start();
  const clients: Client[] = [];
  try {
    for (let i = 0; i < n; i++) clients.push(makeClient(target.client, server.url, server.room, server.headers));
    await Promise.all(clients.map((c) => c.synced));
    await sleep(300);
    // Presence: everyone announces themselves once; count the frames all clients receive.
    const before = clients.reduce((s, c) => s + c.frames.n, 0);
    for (const [i, c] of clients.entries()) c.awareness.setLocalStateField('user', { name: `user ${i}`, color: '#4f46e5' });
    await sleep(1500 + n * 20);
    const presenceFrames = clients.reduce((s, c) => s + c.frames.n, 0) - before;
    // Latency: one writer, timestamps carried in the text; every other client records arrival.
    const latencies: number[] = [];
    const sent = new Map<string, number>();
    for (const c of clients.slice(1)) {
      const t = c.doc.getText('t');
      let seen = 0;
      t.observe(() => {
        const s = t.toString();
        const marks = s.split('|').filter(Boolean);
        for (const m of marks.slice(seen)) { const t0 = sent.get(m); if (t0) latencies.push(performance.now() - t0); }
        seen = marks.length;
      });
    }
    const writer = clients[0].doc.getText('t');
    for (let i = 0; i < 40; i++) {
      const mark = `e${i}`;
      sent.set(mark, performance.now());
      writer.insert(writer.length, mark + '|');
      await sleep(25);
    }
    await sleep(1000 + n * 10);
    const expected = 40 * (n - 1);
    return { p50: pct(latencies, 50), p99: pct(latencies, 99), delivered: latencies.length / expected, presenceFrames, rss: rssMb(server.proc.pid!) };
  } finally {
    for (const c of clients) c.destroy();
    server.proc.kill('SIGKILL');
  }
}

export async function syncBench(sizes = [10, 50, 100]) {
  console.log('\n## Live editing: one writer, N-1 readers, over loopback');
  console.log('| server (client) | N | update p50 ms | update p99 ms | delivered | presence frames (N announce) | server RSS MB |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  const rows: Record<string, Record<number, Awaited<ReturnType<typeof run>>>> = {};
  for (const n of sizes) {
    for (const t of targets) {
      const r = await run(t, n);
      (rows[t.name] ??= {})[n] = r;
      console.log(`| ${t.name} | ${n} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.delivered * 100).toFixed(0)}% | ${r.presenceFrames} | ${r.rss.toFixed(0)} |`);
    }
  }
  const ours = rows[targets[0].name];
  const n = sizes[sizes.length - 1];
  for (const t of targets.slice(2)) {
    const peer = rows[t.name][n];
    console.log(`ratio at N=${n}, cadence / ${t.name}: p99 ${(ours[n].p99 / peer.p99).toFixed(2)}×, presence frames ${(ours[n].presenceFrames / peer.presenceFrames).toFixed(2)}×, RSS ${(ours[n].rss / peer.rss).toFixed(2)}×`);
  }
  return rows;
}

if (import.meta.filename === process.argv[1]) {
  const sizes = (process.env.BENCH_SIZES ?? '10,50,100').split(',').map(Number);
  await syncBench(sizes);
  process.exit(0);
}
