/**
 * First load of the web app in Chromium from a cold cache (issue 13): every run is a fresh browser profile (no HTTP
 * cache, no IndexedDB), against the built app (dist/web, built first when stale) served by the real server in a
 * process of its own, as `npm start` runs it (in this process it would share its event loop with Playwright's client,
 * which handles an event for every request the page makes).
 *
 *   - the sign-in page's JavaScript, as sent (compressed): target ≤ 150 kB
 *   - a report of the sample size (../shared/samples/2024-W12.md, else a generated week) editable after navigation:
 *     the time from navigation start until the editor is contenteditable and shows the report's text; target ≤ 1.5 s
 *
 *   BENCH_WEB_RUNS=7 (runs of each)
 *   BENCH_WEB_WATERFALL=1 also prints one report load's requests (start, response, end in ms after navigation,
 *   bytes as sent) and when the editor became editable: what waits on what.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { Browser, Page } from 'playwright-core';
import buildWebWhenStale from '../tests/helpers/globalSetup.js';
import { launchBrowser, signInContext } from '../tests/helpers/browser.js';
import { TestUser } from '../tests/helpers/client.js';
import { readSample, samplesDir } from '../tests/helpers/samples.js';
import { ChildServer } from '../tests/helpers/childServer.js';
import { fmt, percentile } from './stats.js';

const TARGET = { signInJsBytes: 150_000, editableMs: 1500 };

async function coldPage(browser: Browser, base: string, user?: TestUser): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1360, height: 860 }, locale: 'zh-CN' });
  if (user) await signInContext(context, user, base);
  return context.newPage();
}

export async function webBench() {
  console.log(`\n## Web app, first load (Chromium, cold cache: a fresh profile for every run); load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  if (!fs.existsSync(`${samplesDir}/2024-W12.md`)) return console.log(`  (no sample report at ${samplesDir}: section skipped)`);
  buildWebWhenStale();
  const runs = Number(process.env.BENCH_WEB_RUNS ?? 7);
  const server = new ChildServer(undefined, { SERVE_WEB: '1' });
  await server.start();
  const browser = await launchBrowser();
  try {
    // 1. The sign-in page's JavaScript as sent over the wire (what Content-Encoding the server chose).
    const bytes: number[] = [];
    const loads: number[] = [];
    let files = 0;
    let encodings = new Set<string>();
    for (let i = 0; i < runs; i++) {
      const page = await coldPage(browser, server.base);
      const sizes: Promise<number>[] = [];
      encodings = new Set();
      page.on('response', (r) => {
        if (!r.url().endsWith('.js')) return;
        encodings.add(r.headers()['content-encoding'] ?? 'identity');
        sizes.push(r.request().sizes().then((s) => s.responseBodySize, () => 0));
      });
      await page.goto('/signin');
      const shown = await page.waitForFunction(() => (document.querySelector('form.auth-card button') ? performance.now() : false), undefined, { polling: 'raf' });
      loads.push(Number(await shown.jsonValue()));
      await page.waitForLoadState('networkidle');
      files = sizes.length;
      bytes.push((await Promise.all(sizes)).reduce((a, b) => a + b, 0));
      await page.context().close();
    }
    const js = Math.max(...bytes);
    console.log(`  sign-in page JavaScript: ${(js / 1000).toFixed(1)} kB in ${files} files (${[...encodings].join(', ')}) — target ≤ ${TARGET.signInJsBytes / 1000} kB: ${js <= TARGET.signInJsBytes ? 'PASS' : 'FAIL'}`);
    console.log(`  sign-in form shown after navigation: p50 ${fmt(percentile(loads, 50))} / max ${fmt(Math.max(...loads))} ms (n=${runs})`);

    // 2. A report of the sample size: navigation → editor editable with the report's text in it.
    const user = await new TestUser(server.base, 'bench-web').signUp();
    const spaceId = (await user.call('POST', '/api/spaces', { name: '支付研发' })).json.id as string;
    const md = readSample('2024-W12');
    const imported = await user.call('POST', `/api/spaces/${spaceId}/import`, md, { 'content-type': 'text/markdown' });
    if (imported.status !== 201) throw new Error(`import: ${imported.status} ${imported.text}`);
    const reportId = imported.json.report.id as string;
    const doc = (await user.call('GET', `/api/reports/${reportId}/markdown`)).text;
    // A line from the end of the report: the whole document is in the editor when it shows.
    const lastLine = doc.split('\n').map((l) => l.replace(/^[#>*\-\d.\s]+/, '').replace(/[*_`【】（）()]/g, '').trim()).filter((l) => l.length >= 6).at(-1)!.slice(0, 12);
    const editable: number[] = [];
    const bytesReport: number[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await coldPage(browser, server.base, user);
      const sizes: Promise<number>[] = [];
      page.on('requestfinished', (r) => { sizes.push(r.sizes().then((s) => s.responseBodySize, () => 0)); });
      await page.goto(`/r/${reportId}`, { waitUntil: 'commit' });
      const at = await page.waitForFunction((text) => {
        const el = document.querySelector('.ProseMirror[contenteditable="true"]');
        return el && (el.textContent ?? '').includes(text) ? performance.now() : false;
      }, lastLine, { polling: 'raf', timeout: 60_000 });
      editable.push(Number(await at.jsonValue()));
      await page.waitForLoadState('networkidle').catch(() => {});
      bytesReport.push((await Promise.all(sizes)).reduce((x, y) => x + y, 0));
      await page.context().close();
    }
    if (process.env.BENCH_WEB_WATERFALL) await waterfall(browser, server.base, user, reportId, lastLine);
    const p50 = percentile(editable, 50);
    const p95 = percentile(editable, 95);
    console.log(`  report (${md.length} characters of Markdown, ${(md.length / 1024).toFixed(1)} kB) editable after navigation: p50 ${fmt(p50)} / p95 ${fmt(p95)} / max ${fmt(Math.max(...editable))} ms (n=${runs}) — target ≤ ${TARGET.editableMs} ms: ${p95 <= TARGET.editableMs ? 'PASS' : 'FAIL'} (p95)`);
    console.log(`  bytes transferred for the report page, cold: ${(percentile(bytesReport, 50) / 1000).toFixed(0)} kB`);
    return { signInJs: js, editableP50: p50, editableP95: p95 };
  } finally {
    await browser.close();
    await server.kill();
  }
}

/** One cold load of the report with its network waterfall (Chromium's own timings, through CDP), printed. */
async function waterfall(browser: Browser, base: string, user: TestUser, reportId: string, lastLine: string) {
  const page = await coldPage(browser, base, user);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  type Row = { url: string; start: number; response?: number; end?: number; bytes?: number; frames?: string[] };
  const rows = new Map<string, Row>();
  let t0 = 0;
  const name = (url: string) => url.replace(base, '').replace(base.replace(/^http/, 'ws'), 'WS ');
  cdp.on('Network.requestWillBeSent', (e) => { t0 ||= e.timestamp; rows.set(e.requestId, { url: name(e.request.url), start: e.timestamp }); });
  cdp.on('Network.responseReceived', (e) => { const r = rows.get(e.requestId); if (r) r.response = e.timestamp; });
  cdp.on('Network.loadingFinished', (e) => { const r = rows.get(e.requestId); if (r) { r.end = e.timestamp; r.bytes = e.encodedDataLength; } });
  cdp.on('Network.webSocketCreated', (e) => { rows.set(e.requestId, { url: name(e.url), start: Infinity }); });
  cdp.on('Network.webSocketWillSendHandshakeRequest', (e) => { const r = rows.get(e.requestId); if (r) r.start = e.timestamp; });
  cdp.on('Network.webSocketHandshakeResponseReceived', (e) => { const r = rows.get(e.requestId); if (r) r.response = e.timestamp; });
  cdp.on('Network.webSocketFrameReceived', (e) => {
    const r = rows.get(e.requestId);
    if (!r) return;
    if (!r.end) { r.end = e.timestamp; r.bytes = e.response.payloadData.length; }
    if ((r.frames ??= []).length < 6) r.frames.push(`${Math.round((e.timestamp - t0) * 1000)} ms ${Math.round(e.response.payloadData.length * 0.75)} B`);
  });
  await page.goto(`/r/${reportId}`, { waitUntil: 'commit' });
  const at = await page.waitForFunction((text) => {
    const el = document.querySelector('.ProseMirror[contenteditable="true"]');
    return el && (el.textContent ?? '').includes(text) ? performance.now() : false;
  }, lastLine, { polling: 'raf', timeout: 60_000 });
  const editableAt = Number(await at.jsonValue());
  await page.waitForLoadState('networkidle').catch(() => {});
  const ms = (t?: number) => (t ? String(Math.round((t - t0) * 1000)) : '-').padStart(6);
  console.log(`  waterfall of one cold load (ms after the first request; a socket's "end" is its first frame): editable at ${Math.round(editableAt)} ms`);
  console.log(`  ${'start'.padStart(6)} ${'resp'.padStart(6)} ${'end'.padStart(6)} ${'bytes'.padStart(7)}  what`);
  for (const r of [...rows.values()].sort((a, b) => a.start - b.start)) {
    console.log(`  ${ms(r.start)} ${ms(r.response)} ${ms(r.end)} ${String(r.bytes ?? '').padStart(7)}  ${r.url.slice(0, 100)}`);
    if (r.frames) console.log(`  ${''.padStart(29)}frames received: ${r.frames.join(', ')}`);
  }
  await page.context().close();
}
