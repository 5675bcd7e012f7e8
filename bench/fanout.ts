/**
 * Live editing side by side: Cadence, Hocuspocus and the reference y-websocket server, each in its own child
 * process (pinned to core 1 with taskset when there is one; the load generator is not pinned), all running at once and
 * measured stage by stage in turn, so their figures come from one run and the same machine state.
 *
 *  - fan-out: N clients (10, 50, 100) in one report; 10 writers type 5 characters a second each into their own
 *    paragraph of the `default` fragment (as TipTap writes it); every client moves its cursor twice a second
 *    (awareness state shaped like TipTap's collaboration caret). Update latency p50/p99 (writer → every other
 *    client), awareness latency p99, server CPU per applied update (the server's own CPU time, all threads, from
 *    /proc/<pid>/task/* /schedstat), the load generator's CPU, the load average.
 *  - RSS of each idle server, and per open report with R reports × 2 clients (one writes a paragraph of ~1 kB).
 *  - cold open of a stored 2,000-block report: socket open → synced, first client (loads it) and second client.
 *
 * Clients: Cadence and the reference server get the y-websocket client as Cadence's web app runs it
 * (web/editor/provider.ts: stock, minus its echo of received awareness); Hocuspocus gets its own provider (which does
 * not echo either). BENCH_ECHO=1 uses the stock, echoing y-websocket client instead. Cadence runs as `npm start` runs
 * it (the esbuild bundle on plain node, SQLite), with every trust check on (update validation, writer ids, presence
 * ownership, socket session re-checks). The peers hold documents in memory and store nothing; they read a stored
 * document from a file when a room loads (bench/peers/*.mjs, STORE_DIR), so the cold open is a load for everyone.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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
const now = () => performance.now();

export interface FanoutOptions {
  sizes: number[];
  windowMs: number;
  writers: number;
  /** Reports × 2 clients for the per-report memory figure. */
  reports: number;
  /** Cold-open repetitions (median kept). */
  coldReps: number;
  coldBlocks: number;
  /** Live-editing windows (each `windowMs` long) per server and size, taken in turn with the other servers' (default 1). */
  rounds?: number;
}

type ClientKind = 'noecho' | 'stock' | 'hocuspocus';
interface Server {
  name: string;
  kind: 'cadence' | 'hocuspocus' | 'y-websocket';
  client: ClientKind;
  proc: ChildProcess;
  url: string;
  /** A room (report) id for a label; Cadence creates reports, the peers take any name. */
  room(label: string): Promise<string>;
  /** Headers of the i-th client (Cadence: one of several users, at most 50 sockets each). */
  headers(i: number): Record<string, string>;
  storeDir: string;
}

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return os.cpus().length > 1;
  } catch {
    return false;
  }
})();

function startChild(args: string[], env: Record<string, string>, nodeArgs: string[] = []) {
  const [cmd, argv] = hasTaskset ? ['taskset', ['-c', '1', process.execPath, ...nodeArgs, ...args]] : [process.execPath, [...nodeArgs, ...args]];
  return spawn(cmd, argv as string[], { cwd: root, env: { ...process.env, LOG_LEVEL: 'error', AUTH_RATE_LIMIT: 'off', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitReady(proc: ChildProcess, check: () => Promise<boolean>) {
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error('server exited');
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error('server not ready');
}

/** Server CPU time so far, ms: every thread of the process (main, GC helpers, libuv), in nanoseconds from schedstat. */
export function procCpuMs(pid: number): number {
  let ns = 0;
  for (const t of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
    } catch {} // a thread that ended meanwhile
  }
  return ns / 1e6;
}

/** Write syscalls the process made so far (socket writes, SQLite's, logs): a count that load on the machine does not blur. */
export function procWrites(pid: number): number {
  const m = /syscw:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** The machine's CPU counters (/proc/stat, all cores): busy and stolen ticks against the total. */
export function hostCpu(): { busy: number; steal: number; total: number } {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - (f[4] ?? 0), steal: f[7] ?? 0, total };
}

export function rssMb(pid: number) {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const USERS = 24; // Cadence allows 64 sockets per user per process; 1,000 sockets need at least 16

async function startCadence(storeDir: string): Promise<Server> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  // BENCH_CADENCE_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server; it is then stopped with SIGTERM.
  const nodeArgs = (process.env.BENCH_CADENCE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // BENCH_CADENCE_BUNDLE: a server bundle built elsewhere (an A/B against another commit's build).
  const proc = startChild([process.env.BENCH_CADENCE_BUNDLE ?? await serverBundle()], { PORT: String(port), DATA_DIR: tempDataDir(), BETTER_AUTH_URL: base, SERVE_WEB: '0', DATABASE_URL: '', REDIS_URL: '' }, nodeArgs);
  await waitReady(proc, async () => (await fetch(base + '/api/health')).ok);
  const owner = await new TestUser(base, 'bench').signUp();
  const spaceId = (await owner.call('POST', '/api/spaces', { name: 'bench' })).json.id as string;
  const users: TestUser[] = [owner];
  for (let i = 1; i < USERS; i++) {
    const u = await new TestUser(base, `bench${i}`).signUp();
    const r = await owner.call('POST', `/api/spaces/${spaceId}/members`, { email: u.email, role: 'editor' });
    if (r.status !== 201) throw new Error(`add member failed: ${r.text}`);
    users.push(u);
  }
  let week = 0;
  const nextWeek = () => { const w = week++; return `${2001 + Math.floor(w / 52)}-W${String((w % 52) + 1).padStart(2, '0')}`; };
  return {
    name: 'Cadence', kind: 'cadence', client: process.env.BENCH_ECHO === '1' ? 'stock' : 'noecho', proc, storeDir,
    url: base.replace('http', 'ws') + '/api/sync',
    async room() {
      const r = await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: nextWeek() });
      if (r.status !== 201 && r.status !== 200) throw new Error(`create report: ${r.status} ${r.text}`);
      return r.json.id as string;
    },
    headers: (i) => ({ cookie: users[i % users.length].cookie, origin: base }),
  };
}

async function startPeer(name: string, kind: Server['kind'], script: string, client: ClientKind, storeDir: string): Promise<Server> {
  const port = await freePort();
  const proc = startChild([path.join(root, 'bench/peers', script)], { PORT: String(port), STORE_DIR: storeDir });
  await waitReady(proc, () => new Promise((res) => { const ws = new WebSocket(`ws://127.0.0.1:${port}/probe`); ws.on('open', () => { ws.close(); res(true); }); ws.on('error', () => res(false)); }));
  let n = 0;
  return { name, kind, client, proc, storeDir, url: `ws://127.0.0.1:${port}`, room: async (label) => `${label}-${n++}`, headers: () => ({}) };
}

interface Client { doc: Y.Doc; awareness: any; synced: Promise<void>; destroy(): void }

function makeClient(server: Server, room: string, i: number): Client {
  const headers = server.headers(i);
  class AuthWS extends WebSocket {
    constructor(u: string, protocols?: string | string[]) {
      super(u, protocols, { headers, origin: headers.origin });
    }
  }
  const doc = new Y.Doc();
  if (server.client === 'hocuspocus') {
    let resolve!: () => void;
    const synced = new Promise<void>((r) => (resolve = r));
    const p = new HocuspocusProvider({ url: server.url, name: room, document: doc, WebSocketPolyfill: AuthWS as any, onSynced: () => resolve() } as any);
    return { doc, awareness: p.awareness, synced, destroy: () => { p.destroy(); doc.destroy(); } };
  }
  const Provider = server.client === 'noecho' ? NoEchoWebsocketProvider : WebsocketProvider;
  const p = new Provider(server.url, room, doc, { WebSocketPolyfill: AuthWS as any, disableBc: true });
  const synced = new Promise<void>((r) => p.on('sync', (s: boolean) => s && r()));
  return { doc, awareness: p.awareness, synced, destroy: () => { p.destroy(); doc.destroy(); } };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, rej) => setTimeout(() => rej(new Error(`${what}: timed out`)), ms))]);
}

export const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

/** A caret in TipTap's awareness shape: relative positions as JSON. */
const caret = (client: number, clock: number) => ({ type: { client, clock: 0 }, tname: null, item: { client, clock }, assoc: 0 });

export interface FanoutResult { p50: number; p99: number; awarenessP50: number; awarenessP99: number; delivered: number; awarenessDelivered: number; updates: number; serverCpuMs: number; cpuPerUpdateMs: number; writesPerUpdate: number; loadGenCpuMs: number; rssMb: number; hostBusyPct: number; hostStealPct: number }

/** One window's raw figures, pooled across a server's rounds (merge). */
interface FanoutWindow {
  latencies: number[]; awLat: number[]; expectedAw: number; updates: number; serverCpuMs: number; serverWrites: number;
  loadGenCpuMs: number; rssMb: number; host: { busy: number; steal: number; total: number }; late: boolean;
}

/** A server's rounds as one result: latencies pooled, CPU and writes summed over the updates of every round. */
function merge(ws: FanoutWindow[], n: number): FanoutResult {
  const all = <K extends keyof FanoutWindow>(k: K) => ws.map((w) => w[k]);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const latencies = ws.flatMap((w) => w.latencies);
  const awLat = ws.flatMap((w) => w.awLat);
  const updates = sum(all('updates') as number[]);
  const serverCpuMs = sum(all('serverCpuMs') as number[]);
  const host = { busy: sum(ws.map((w) => w.host.busy)), steal: sum(ws.map((w) => w.host.steal)), total: Math.max(1, sum(ws.map((w) => w.host.total))) };
  return {
    p50: pct(latencies, 50), p99: pct(latencies, 99),
    awarenessP50: pct(awLat, 50), awarenessP99: pct(awLat, 99),
    delivered: latencies.length / (updates * (n - 1)), awarenessDelivered: awLat.length / Math.max(1, sum(all('expectedAw') as number[])),
    updates, serverCpuMs, cpuPerUpdateMs: serverCpuMs / updates, writesPerUpdate: sum(all('serverWrites') as number[]) / updates,
    loadGenCpuMs: sum(all('loadGenCpuMs') as number[]), rssMb: ws.at(-1)!.rssMb,
    hostBusyPct: (100 * host.busy) / host.total, hostStealPct: (100 * host.steal) / host.total,
    ...(ws.some((w) => w.late) ? { late: true } : {}),
  };
}

async function fanout(server: Server, n: number, opts: FanoutOptions, room: string): Promise<FanoutWindow> {
  const clients: Client[] = [];
  try {
    for (let i = 0; i < n; i++) {
      clients.push(makeClient(server, room, i));
      if (i % 10 === 9) await sleep(20);
    }
    await withTimeout(Promise.all(clients.map((c) => c.synced)), 30_000, `${server.name} N=${n} sync`);
    const writers = clients.slice(0, Math.min(opts.writers, n));
    // Each writer owns a paragraph, as TipTap writes one: <paragraph> holding a Y.XmlText.
    const texts = writers.map((w) => {
      const frag = w.doc.getXmlFragment('default');
      const p = new Y.XmlElement('paragraph');
      const t = new Y.XmlText();
      p.insert(0, [t]);
      frag.insert(frag.length, [p]);
      return t;
    });
    for (const [i, c] of clients.entries()) c.awareness.setLocalStateField('user', { name: `user ${i}`, color: '#4f46e5' });
    await sleep(1000 + n * 10);

    // Arrival bookkeeping: writer w's edit that brings its clock to k was sent at sent[w][k].
    const ids = writers.map((w) => w.doc.clientID);
    const sent = ids.map(() => [] as number[]);
    const latencies: number[] = [];
    const awLat: number[] = [];
    let expectedAw = 0;
    for (const c of clients) {
      const seen = ids.map((id) => Y.getState(c.doc.store, id));
      const mine = ids.indexOf(c.doc.clientID);
      c.doc.on('update', () => {
        const t = now();
        for (let w = 0; w < ids.length; w++) {
          if (w === mine) continue;
          const s = Y.getState(c.doc.store, ids[w]);
          for (let k = seen[w] + 1; k <= s; k++) { const t0 = sent[w][k]; if (t0 !== undefined) latencies.push(t - t0); }
          seen[w] = s;
        }
      });
      c.awareness.on('change', ({ updated, added }: { updated: number[]; added: number[] }) => {
        const t = now();
        const states = c.awareness.getStates();
        for (const id of updated.concat(added)) {
          if (id === c.doc.clientID) continue;
          const ts = states.get(id)?.ts;
          if (typeof ts === 'number') awLat.push(t - ts);
        }
      });
    }
    const timers: NodeJS.Timeout[] = [];
    const cpu0 = procCpuMs(server.proc.pid!);
    const writes0 = procWrites(server.proc.pid!);
    const lg0 = process.cpuUsage();
    const host0 = hostCpu();
    let updates = 0;
    const start = now();
    // Writers: 5 updates/s each, phases spread; everyone: cursor twice a second.
    for (const [w, text] of texts.entries()) {
      timers.push(setTimeout(() => timers.push(setInterval(() => {
        text.insert(text.length, String.fromCharCode(0x4e00 + ((updates * 7) % 2000)));
        sent[w][Y.getState(writers[w].doc.store, ids[w])] = now();
        updates++;
      }, 200)), (w * 200) / texts.length));
    }
    for (const [i, c] of clients.entries()) {
      timers.push(setTimeout(() => timers.push(setInterval(() => {
        const pos = Math.floor(Math.random() * 50);
        expectedAw += n - 1;
        // One change a move, as the caret plugin makes it (the timestamp rides along for the latency figure).
        c.awareness.setLocalState({ ...c.awareness.getLocalState(), cursor: { anchor: caret(c.doc.clientID, pos), head: caret(c.doc.clientID, pos) }, ts: now() });
      }, 500)), (i * 500) / n));
    }
    await sleep(opts.windowMs);
    for (const t of timers) clearInterval(t);
    const windowMs = now() - start;
    const host1 = hostCpu();
    await sleep(500 + n * 5);
    const serverCpuMs = procCpuMs(server.proc.pid!) - cpu0;
    const serverWrites = procWrites(server.proc.pid!) - writes0;
    const lg = process.cpuUsage(lg0);
    return {
      latencies, awLat, expectedAw, updates, serverCpuMs, serverWrites, loadGenCpuMs: (lg.user + lg.system) / 1000, rssMb: rssMb(server.proc.pid!),
      host: { busy: host1.busy - host0.busy, steal: host1.steal - host0.steal, total: host1.total - host0.total }, late: windowMs > opts.windowMs * 1.5,
    };
  } finally {
    for (const c of clients) c.destroy();
    await sleep(300);
  }
}

/** Memory with R reports open, 2 clients each (one writes ~1 kB), over the RSS just before they connect. */
async function openReports(server: Server, reports: number): Promise<{ before: number; after: number; perReportKb: number }> {
  const rooms: string[] = [];
  for (let i = 0; i < reports; i++) rooms.push(await server.room('mem'));
  await sleep(1000);
  const before = rssMb(server.proc.pid!);
  const clients: Client[] = [];
  try {
    for (const [r, room] of rooms.entries()) {
      const pair = [makeClient(server, room, 2 * r), makeClient(server, room, 2 * r + 1)];
      clients.push(...pair);
      if (r % 20 === 19) await withTimeout(Promise.all(clients.slice(-40).map((c) => c.synced)), 60_000, `${server.name} memory sync`);
    }
    await withTimeout(Promise.all(clients.map((c) => c.synced)), 60_000, `${server.name} memory sync`);
    for (let r = 0; r < rooms.length; r++) {
      const c = clients[2 * r];
      const p = new Y.XmlElement('paragraph');
      const t = new Y.XmlText();
      t.insert(0, `第${r}份报告：`.padEnd(400, '本周完成支付网关灰度与对账优化'));
      p.insert(0, [t]);
      c.doc.getXmlFragment('default').insert(0, [p]);
      c.awareness.setLocalStateField('user', { name: `user ${2 * r}`, color: '#4f46e5' });
      clients[2 * r + 1].awareness.setLocalStateField('user', { name: `user ${2 * r + 1}`, color: '#4f46e5' });
      if (r % 50 === 49) await sleep(50);
    }
    await sleep(3000);
    const after = rssMb(server.proc.pid!);
    return { before, after, perReportKb: ((after - before) * 1024) / reports };
  } finally {
    for (const c of clients) c.destroy();
    await sleep(1000);
  }
}

/** A report of `blocks` paragraphs (a mix of Chinese and Latin, ~60 characters each). */
function bigDoc(blocks: number): Uint8Array {
  const doc = new Y.Doc();
  const frag = doc.getXmlFragment('default');
  doc.transact(() => {
    const items: Y.XmlElement[] = [];
    for (let i = 0; i < blocks; i++) {
      const p = new Y.XmlElement(i % 20 === 0 ? 'heading' : 'paragraph');
      if (i % 20 === 0) p.setAttribute('level', 2 as never);
      const t = new Y.XmlText();
      t.insert(0, `${i}. 收银台改版进度${i % 100}%，计划${(i % 12) + 1}/28上线; payment gateway rollout step ${i}`);
      p.insert(0, [t]);
      items.push(p);
    }
    frag.insert(0, items);
  });
  const u = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return u;
}

/**
 * Stores the same 2,000-block document in each server: through a socket into Cadence (stored like any edit),
 * as a file the peers read when the room loads. Returns each server's room id.
 */
async function storeBigReport(servers: Server[], blocks: number): Promise<Map<Server, string>> {
  const rooms = new Map<Server, string>();
  const cadence = servers.find((s) => s.kind === 'cadence');
  if (!cadence) throw new Error('the stored report is written through Cadence: BENCH_ONLY needs Cadence');
  const room = await cadence.room('big');
  const writer = makeClient(cadence, room, 0);
  await withTimeout(writer.synced, 30_000, 'big report');
  Y.applyUpdate(writer.doc, bigDoc(blocks));
  // A second client sees it all once it is stored (Cadence answers sync step 1 only after pending writes).
  await sleep(1500);
  const check = makeClient(cadence, room, 1);
  await withTimeout(check.synced, 30_000, 'big report check');
  const state = Y.encodeStateAsUpdate(check.doc);
  const got = check.doc.getXmlFragment('default').length;
  writer.destroy();
  check.destroy();
  if (got < blocks) throw new Error(`big report: ${got} blocks stored of ${blocks}`);
  rooms.set(cadence, room);
  for (const s of servers) {
    if (s === cadence) continue;
    const name = await s.room('big');
    fs.writeFileSync(path.join(s.storeDir, `${name}.bin`), state);
    rooms.set(s, name);
  }
  await sleep(1500); // Cadence releases the room once both left
  return rooms;
}

/** One cold open of a stored report by a first client, then a second one while the first is connected: ms to synced. */
async function coldOpenOnce(server: Server, room: string, rep: number, blocks: number) {
  let t0 = now();
  const a = makeClient(server, room, 2 * rep);
  await withTimeout(a.synced, 30_000, `${server.name} cold open`);
  const first = now() - t0;
  if (a.doc.getXmlFragment('default').length < blocks) throw new Error(`${server.name}: cold open gave ${a.doc.getXmlFragment('default').length} blocks`);
  t0 = now();
  const b = makeClient(server, room, 2 * rep + 1);
  await withTimeout(b.synced, 30_000, `${server.name} second open`);
  const second = now() - t0;
  a.destroy();
  b.destroy();
  return { first, second };
}

/**
 * The servers take turns, one rep each (the first rotating), as the live-editing rounds do: the load generator's own
 * code (applying a 250 kB answer is most of an open) warms up over the first reps, and machine noise comes in bursts,
 * so all of one server's reps before the next's would hand the first server the cold ones.
 */
async function coldOpens(servers: Server[], rooms: Map<Server, string>, reps: number, blocks: number) {
  const times = new Map<Server, { first: number[]; second: number[] }>(servers.map((s) => [s, { first: [], second: [] }]));
  for (let r = 0; r < reps; r++) {
    for (const s of [...servers.slice(r % servers.length), ...servers.slice(0, r % servers.length)]) {
      const t = await coldOpenOnce(s, rooms.get(s)!, r, blocks);
      times.get(s)!.first.push(t.first);
      times.get(s)!.second.push(t.second);
      // Every server unloads the room once its last client left, and writes it (the peers): all three share one core,
      // so the next server's open waits for that to be done rather than measure it.
      await sleep(1200);
    }
  }
  return new Map([...times].map(([s, t]) => [s, { first: pct(t.first, 50), second: pct(t.second, 50) }]));
}

export interface FanoutReport {
  pinned: boolean;
  options: FanoutOptions;
  servers: string[];
  idleRssMb: Record<string, number>;
  cold: Record<string, { first: number; second: number }>;
  fanout: Record<number, Record<string, FanoutResult & { load: number[] }>>;
  memory: Record<string, { before: number; after: number; perReportKb: number }>;
}

export async function fanoutBench(opts: FanoutOptions, log: (s: string) => void = console.log): Promise<FanoutReport> {
  process.setMaxListeners(0); // every y-websocket provider listens for the process's exit
  const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-peer-')));
  const servers: Server[] = [];
  const report: FanoutReport = { pinned: hasTaskset, options: opts, servers: [], idleRssMb: {}, cold: {}, fanout: {}, memory: {} };
  try {
    // BENCH_ONLY=Cadence (or a peer's name) runs that server alone (profiling); ratios then need a full run.
    const only = process.env.BENCH_ONLY;
    if (!only || only === 'Cadence') servers.push(await startCadence(''));
    if (!only || only === 'Hocuspocus') servers.push(await startPeer('Hocuspocus', 'hocuspocus', 'hocuspocus.mjs', 'hocuspocus', dirs[0]));
    if (!only || only === 'y-websocket') servers.push(await startPeer('y-websocket', 'y-websocket', 'y-websocket-server.mjs', process.env.BENCH_ECHO === '1' ? 'stock' : 'noecho', dirs[1]));
    report.servers = servers.map((s) => s.name);
    await sleep(2000);
    for (const s of servers) report.idleRssMb[s.name] = rssMb(s.proc.pid!);
    log(`  servers ${hasTaskset ? 'pinned to core 1 (taskset)' : 'not pinned (no taskset)'}; idle RSS ${servers.map((s) => `${s.name} ${report.idleRssMb[s.name].toFixed(0)} MB`).join(', ')}`);

    // Memory first, while the servers hold little garbage from earlier stages (an RSS difference is only as good as
    // the heap it starts from).
    for (const s of opts.reports > 0 ? servers : []) {
      const m = await openReports(s, opts.reports);
      report.memory[s.name] = m;
      log(`  ${opts.reports} reports × 2 clients, ${s.name}: RSS ${m.before.toFixed(0)} → ${m.after.toFixed(0)} MB, ${m.perReportKb.toFixed(0)} kB per open report`);
    }
    const big = opts.coldReps > 0 ? await storeBigReport(servers, opts.coldBlocks) : new Map<Server, string>();
    const cold = opts.coldReps > 0 ? await coldOpens(servers, big, opts.coldReps, opts.coldBlocks) : new Map();
    for (const [s, r] of cold) {
      report.cold[s.name] = r;
      log(`  cold open ${opts.coldBlocks} blocks, ${s.name}: first ${r.first.toFixed(1)} ms, second ${r.second.toFixed(1)} ms (median of ${opts.coldReps}, servers in turn)`);
    }

    // Each server's windows in rounds taken in turn with the others' (the starting server rotating): other work on the
    // machine comes and goes in bursts of seconds, and one server's single window could take all of it. Each round is a
    // whole window (issue 17 measures 20 s of sustained editing; shorter windows favour servers that fall behind late).
    const rounds = Math.max(1, opts.rounds ?? 1);
    for (const n of opts.sizes) {
      report.fanout[n] = {};
      const windows = new Map<Server, FanoutWindow[]>(servers.map((s) => [s, []]));
      // One report per server and size for all its rounds: a new report's first edits cost work of their own (history
      // snapshot, first index) that one window paid once, and must not be paid once per round.
      const rooms = new Map<Server, string>();
      for (const s of servers) rooms.set(s, await s.room(`fanout-${n}`));
      for (let round = 0; round < rounds; round++) {
        for (const s of [...servers.slice(round % servers.length), ...servers.slice(0, round % servers.length)]) {
          windows.get(s)!.push(await fanout(s, n, opts, rooms.get(s)!));
        }
      }
      for (const s of servers) {
        const r = merge(windows.get(s)!, n);
        report.fanout[n][s.name] = { ...r, load: os.loadavg() };
        log(`  N=${n} ${s.name}: update p50 ${r.p50.toFixed(1)} / p99 ${r.p99.toFixed(1)} ms (${(r.delivered * 100).toFixed(0)}% delivered), awareness p99 ${r.awarenessP99.toFixed(1)} ms (${(r.awarenessDelivered * 100).toFixed(0)}%), server CPU ${r.serverCpuMs.toFixed(0)} ms for ${r.updates} updates = ${r.cpuPerUpdateMs.toFixed(2)} ms/update, ${r.writesPerUpdate.toFixed(1)} write syscalls/update, load generator CPU ${r.loadGenCpuMs.toFixed(0)} ms, RSS ${r.rssMb.toFixed(0)} MB, load ${os.loadavg()[0].toFixed(1)}, machine busy ${r.hostBusyPct.toFixed(0)} % (steal ${r.hostStealPct.toFixed(1)} %) over the window`);
      }
    }

  } finally {
    for (const s of servers) {
      if (s.kind === 'cadence' && process.env.BENCH_CADENCE_NODE_ARGS) {
        s.proc.kill('SIGTERM'); // a clean exit writes the profile
        await new Promise((r) => s.proc.once('exit', r));
      } else s.proc.kill('SIGKILL');
    }
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
  return report;
}

if (import.meta.filename === process.argv[1]) {
  // Alone (npx tsx bench/fanout.ts [--quick]); BENCH_SIZES, BENCH_WINDOW_MS, BENCH_REPORTS and BENCH_COLD_REPS (0 skips) narrow it.
  const quick = process.argv.includes('--quick');
  const env = (k: string, d: number) => (process.env[k] === undefined ? d : Number(process.env[k]));
  const r = await fanoutBench({
    sizes: (process.env.BENCH_SIZES ?? '10,50,100').split(',').filter(Boolean).map(Number), windowMs: env('BENCH_WINDOW_MS', quick ? 5000 : 20_000), writers: 10,
    reports: env('BENCH_REPORTS', quick ? 100 : 500), coldReps: env('BENCH_COLD_REPS', quick ? 3 : 7), coldBlocks: 2000, rounds: env('BENCH_ROUNDS', quick ? 1 : 2),
  });
  if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify(r, null, 1));
  process.exit(0);
}
