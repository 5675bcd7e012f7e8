import http from 'node:http';
import crypto from 'node:crypto';
import client from 'prom-client';
import type { RequestRecord } from './httpLog.js';
import { logger } from './log.js';
import { CloseCodes } from './sync/peer.js';
import type { SyncObserver } from './sync/observer.js';
import { docWorkerStats } from './workers/docWorkers.js';

const log = logger('metrics');

/** Close codes that mean "the client sent something it must not" and "its access was withdrawn". */
const REJECTED = new Set<number>([CloseCodes.InvalidMessage.code, CloseCodes.DocumentTooLarge.code, CloseCodes.TooManyMessages.code]);
const REVOKED = new Set<number>([CloseCodes.Unauthorized.code, CloseCodes.Forbidden.code]);

/** The process's own figures (CPU, memory, event-loop lag, GC), collected once per process however many servers it runs. */
let processRegistry: client.Registry | null = null;
function processMetrics() {
  if (!processRegistry) {
    processRegistry = new client.Registry();
    client.collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** What the metrics read at scrape time. */
export interface MetricSources {
  openReports(): number;
  sockets(): number;
}

/**
 * Cadence's Prometheus metrics: one registry per server. The sync layer feeds it through `sync` (a SyncObserver),
 * the HTTP middleware through `http`, the indexer through `stored`/`indexed`; gauges read `sources` when scraped.
 */
export function createMetrics() {
  const registry = new client.Registry();
  let sources: MetricSources = { openReports: () => 0, sockets: () => 0 };

  new client.Gauge({ name: 'cadence_open_reports', help: 'Reports open (loaded in a room) in this process.', registers: [registry], collect() { this.set(sources.openReports()); } });
  new client.Gauge({ name: 'cadence_sockets', help: 'Open sync WebSockets in this process.', registers: [registry], collect() { this.set(sources.sockets()); } });
  new client.Counter({
    name: 'cadence_doc_worker_jobs_total',
    help: 'Long documents folded, read or built: in the document worker thread, or here on the serving thread when the worker failed (workers/docWorkers.ts).',
    labelNames: ['where'], registers: [registry],
    collect() {
      const { inWorker, here } = docWorkerStats();
      this.reset();
      this.inc({ where: 'worker' }, inWorker);
      this.inc({ where: 'main' }, here);
    },
  });
  const updates = new client.Counter({ name: 'cadence_updates_applied_total', help: 'Document updates applied and queued for storage (rate() gives updates per second).', registers: [registry] });
  const append = new client.Histogram({
    name: 'cadence_log_append_seconds',
    help: 'Time to append one batch of updates to the document log (durable before it is broadcast).',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const closes = new client.Counter({ name: 'cadence_socket_closes_total', help: 'Sync sockets closed by the server, by close code.', labelNames: ['code'], registers: [registry] });
  const rejected = new client.Counter({ name: 'cadence_rejected_frames_total', help: 'Sockets closed for what they sent: 4400 invalid frame, 4413 document too large, 4429 over the rate cap.', labelNames: ['code'], registers: [registry] });
  const revocations = new client.Counter({ name: 'cadence_revocations_total', help: 'Sockets closed because access was withdrawn: 4401 session ended, 4403 no longer a member.', labelNames: ['code'], registers: [registry] });
  const httpDuration = new client.Histogram({
    name: 'cadence_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  // Indexing lag: from the first stored change a report's index does not have yet to the end of the run that covers it.
  const unindexed = new Map<string, { first: number; last: number }>();
  const indexLag = new client.Histogram({
    name: 'cadence_indexing_lag_seconds',
    help: 'From a stored change to the end of the indexing run that covers it (items and search).',
    buckets: [0.5, 1, 1.5, 2, 3, 5, 7.5, 10, 20, 60],
    registers: [registry],
  });
  new client.Gauge({
    name: 'cadence_indexing_pending_seconds',
    help: 'Age of the oldest stored change not indexed yet (0 when none).',
    registers: [registry],
    collect() {
      let oldest = Infinity;
      for (const u of unindexed.values()) oldest = Math.min(oldest, u.first);
      this.set(oldest === Infinity ? 0 : (Date.now() - oldest) / 1000);
    },
  });
  new client.Gauge({ name: 'cadence_indexing_pending_reports', help: 'Reports with stored changes not indexed yet.', registers: [registry], collect() { this.set(unindexed.size); } });

  const sync: SyncObserver = {
    applied: () => updates.inc(),
    appended: (seconds) => append.observe(seconds),
    closed: (code) => {
      const label = { code: String(code) };
      closes.inc(label);
      if (REJECTED.has(code)) rejected.inc(label);
      if (REVOKED.has(code)) revocations.inc(label);
    },
  };

  return {
    registry,
    sync,
    setSources(s: MetricSources) {
      sources = s;
    },
    http: (r: RequestRecord) => httpDuration.observe({ method: r.method, route: r.route, status: String(r.status) }, r.seconds),
    /** A change to the report is durable (the indexer will follow). */
    stored(reportId: string) {
      const now = Date.now();
      const u = unindexed.get(reportId);
      if (u) u.last = now;
      else unindexed.set(reportId, { first: now, last: now });
    },
    /** An indexing run that started at `startedAt` finished. */
    indexed(reportId: string, startedAt: number) {
      const u = unindexed.get(reportId);
      if (!u || u.first > startedAt) return;
      indexLag.observe((Date.now() - u.first) / 1000);
      // Changes stored while it ran are not covered: they wait for the next run.
      if (u.last <= startedAt) unindexed.delete(reportId);
      else u.first = startedAt;
    },
    /** The text a scrape gets: this server's metrics and the process's. */
    async render(): Promise<{ contentType: string; body: string }> {
      const merged = client.Registry.merge([registry, processMetrics()]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

/** Whether a request may read the metrics: with METRICS_TOKEN set, only `Authorization: Bearer <token>`. */
export function metricsAllowed(token: string | null, authorization: string | undefined): boolean {
  if (token === null) return true;
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && crypto.timingSafeEqual(given, want);
}

/**
 * METRICS_BIND: /metrics on its own address (e.g. 127.0.0.1:9464, or an internal interface), away from the public
 * port; METRICS_TOKEN, when also set, is still required there.
 */
export async function serveMetrics(metrics: Metrics, bind: { host: string; port: number }, token: string | null): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
    if (!metricsAllowed(token, req.headers.authorization)) return void res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('Unauthorized\n');
    metrics.render().then(
      (m) => res.writeHead(200, { 'content-type': m.contentType }).end(m.body),
      (e) => {
        log.error('metrics failed', { error: e });
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(bind.port, bind.host, () => resolve());
  });
  return server;
}
