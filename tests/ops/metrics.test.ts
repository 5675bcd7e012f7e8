/**
 * /metrics (issue 14): Prometheus text, only for the METRICS_TOKEN bearer or on its own METRICS_BIND address,
 * and its figures move with real work: a socket edit counts applied updates and a log append, opens a report
 * and a socket, gets indexed; an invalid frame and a revoked member count as a rejected frame and a revocation;
 * HTTP requests land in the latency histogram under their route pattern and status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendParagraph, connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { rawSocket } from '../helpers/rawSocket.js';
import { freePort, tempDataDir } from '../helpers/server.js';
import { startServer, type RunningServer } from '../../server/index.js';
import type { Config } from '../../server/config.js';

const TOKEN = 'metrics-token-0123456789abcdef';

async function start(config: Partial<Config> = {}) {
  const port = await freePort();
  const s = await startServer({ port, baseURL: `http://localhost:${port}`, dataDir: tempDataDir(), databaseUrl: null, redisUrl: null, serveWeb: false, ...config });
  return Object.assign(s, { base: `http://localhost:${s.port}` });
}

/** Samples of a Prometheus text exposition: `name{labels}` → value. */
function parse(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}

describe('/metrics on the app port, with METRICS_TOKEN', () => {
  let s: RunningServer & { base: string };
  let owner: TestUser;
  let member: TestUser;
  let spaceId: string;
  let reportId: string;
  const scrape = async () => {
    const r = await fetch(s.base + '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.status).toBe(200);
    return parse(await r.text());
  };

  beforeAll(async () => {
    s = await start({ metricsToken: TOKEN });
    [owner, member] = await signedUp(s.base, 'Owner', 'Member');
    spaceId = await spaceWith(owner, [[member, 'editor']]);
    reportId = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2025-W10' })).json.id;
  });
  afterAll(async () => { await s?.close(); });

  it('answers only the bearer of the token', async () => {
    expect((await fetch(s.base + '/metrics')).status).toBe(401);
    expect((await fetch(s.base + '/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789abcd' } })).status).toBe(401);
    expect((await fetch(s.base + '/metrics', { headers: { authorization: TOKEN } })).status).toBe(401); // not a Bearer header
    // A session cookie is no key to it either.
    expect((await owner.call('GET', '/metrics')).status).toBe(401);
    const ok = await fetch(s.base + '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const m = parse(await ok.text());
    for (const name of ['cadence_open_reports', 'cadence_sockets', 'cadence_updates_applied_total', 'cadence_log_append_seconds_count', 'cadence_indexing_pending_seconds', 'process_resident_memory_bytes']) {
      expect(m.has(name), name).toBe(true);
    }
  });

  it('a real socket edit moves the update counter, the append histogram, open reports, sockets and indexing lag', async () => {
    const before = await scrape();
    const c = connect(owner, reportId);
    await c.synced;
    appendParagraph(c, '指标 counted edit');
    appendParagraph(c, 'second edit');
    // Stored means the markdown export has it.
    await eventually(async () => (await owner.call('GET', `/api/reports/${reportId}/markdown`)).text.includes('second edit'), 'edits stored');
    const during = await scrape();
    expect(during.get('cadence_updates_applied_total')! - before.get('cadence_updates_applied_total')!).toBeGreaterThanOrEqual(2);
    expect(during.get('cadence_log_append_seconds_count')!).toBeGreaterThan(before.get('cadence_log_append_seconds_count')!);
    expect(during.get('cadence_open_reports')).toBe(1);
    expect(during.get('cadence_sockets')).toBe(1);
    // The indexer runs about a second after the edit; the lag it took is observed, and nothing stays pending.
    const indexed = await eventually(async () => {
      const m = await scrape();
      return m.get('cadence_indexing_lag_seconds_count')! > (before.get('cadence_indexing_lag_seconds_count') ?? 0) ? m : null;
    }, 'indexing lag observed', 10_000, 200) as Map<string, number>;
    expect(indexed.get('cadence_indexing_lag_seconds_sum')).toBeGreaterThan(0.5); // the debounce alone is 1 s
    expect(indexed.get('cadence_indexing_pending_reports')).toBe(0);
    c.close();
    await eventually(async () => (await scrape()).get('cadence_sockets') === 0, 'socket gone from the gauge');
    await eventually(async () => (await scrape()).get('cadence_open_reports') === 0, 'room released');
  });

  it('counts HTTP requests by route pattern and status, never by raw path', async () => {
    expect((await owner.call('GET', `/api/reports/${reportId}`)).status).toBe(200);
    expect((await owner.call('GET', `/api/reports/${reportId}/markdown`)).status).toBe(200);
    const m = await scrape();
    expect(m.get('cadence_http_request_duration_seconds_count{method="GET",route="/api/reports/:reportId",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(m.get('cadence_http_request_duration_seconds_count{method="POST",route="/api/spaces",status="201"}')).toBeGreaterThanOrEqual(1);
    expect([...m.keys()].some((k) => k.includes(reportId))).toBe(false);
  });

  it('counts a rejected frame (4400) and a revocation (4403)', async () => {
    const before = await scrape();
    const bad = await rawSocket(owner, reportId);
    bad.send([0, 0, 0]); // a junk state vector
    expect(await bad.closed).toBe(4400);
    const sock = await rawSocket(member, reportId);
    expect((await owner.call('DELETE', `/api/spaces/${spaceId}/members/${member.id}`)).status).toBe(200);
    expect(await sock.closed).toBe(4403);
    const after = await scrape();
    const delta = (k: string) => (after.get(k) ?? 0) - (before.get(k) ?? 0);
    expect(delta('cadence_rejected_frames_total{code="4400"}')).toBe(1);
    expect(delta('cadence_revocations_total{code="4403"}')).toBe(1);
    expect(delta('cadence_socket_closes_total{code="4403"}')).toBe(1);
  });
});

describe('/metrics on METRICS_BIND', () => {
  it('is served on its own address only, and nowhere without a token or a bind', async () => {
    const s = await start({ metricsBind: { host: '127.0.0.1', port: 0 } });
    try {
      expect(s.metricsPort).toBeGreaterThan(0);
      expect((await fetch(s.base + '/metrics')).status).toBe(404);
      const r = await fetch(`http://127.0.0.1:${s.metricsPort}/metrics`);
      expect(r.status).toBe(200);
      expect(parse(await r.text()).has('cadence_updates_applied_total')).toBe(true);
      expect((await fetch(`http://127.0.0.1:${s.metricsPort}/api/health`)).status).toBe(404);
    } finally {
      await s.close();
    }
    const plain = await start();
    try {
      expect(plain.metricsPort).toBeNull();
      expect((await fetch(plain.base + '/metrics')).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('with a token too, the bind address asks for it', async () => {
    const s = await start({ metricsBind: { host: '127.0.0.1', port: 0 }, metricsToken: TOKEN });
    try {
      expect((await fetch(`http://127.0.0.1:${s.metricsPort}/metrics`)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${s.metricsPort}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
      expect((await fetch(s.base + '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    } finally {
      await s.close();
    }
  });
});
