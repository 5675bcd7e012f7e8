import http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Issue 13: the built web app is served compressed (brotli or gzip, precompressed at build time) with a year of
 * immutable caching for hashed assets, and the page shell revalidated every time; a missing asset is a 404, not
 * the shell.
 */
let s: TestServer;
beforeAll(async () => { s = await startTestServer({ serveWeb: true }); });
afterAll(async () => { await s?.close(); });

function get(p: string, encoding?: string, cookie?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(s.base + p, { headers: { ...(encoding && { 'accept-encoding': encoding }), ...(cookie && { cookie }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const assets = () => fs.readdirSync(path.resolve('dist/web/assets'));

it('hashed scripts and styles: brotli or gzip as asked, the same bytes once decoded, cached for a year as immutable', async () => {
  const js = assets().filter((f) => /^index-.*\.js$/.test(f))[0];
  // The largest stylesheet: a small one (under the size worth compressing) is served as it is.
  const size = (f: string) => fs.statSync(path.resolve('dist/web/assets', f)).size;
  const css = assets().filter((f) => /\.css$/.test(f)).sort((a, b) => size(b) - size(a))[0];
  expect(js && css).toBeTruthy();
  for (const file of [js, css]) {
    const plain = await get(`/assets/${file}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const br = await get(`/assets/${file}`, 'gzip, deflate, br, zstd');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);

    const gz = await get(`/assets/${file}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
  }
});

it('the page shell, at / and at any app route: compressed, revalidated every time; a missing asset is a 404', async () => {
  for (const p of ['/', '/signin', '/r/some-report', '/s/x/dashboard']) {
    const r = await get(p, 'gzip, deflate, br');
    expect(r.status, p).toBe(200);
    expect(r.headers['content-type'], p).toMatch(/text\/html/);
    expect(r.headers['cache-control'], p).toBe('no-cache');
    expect(r.headers['content-encoding'], p).toBe('br');
    expect(zlib.brotliDecompressSync(r.body).toString()).toContain('<div id="root">');
  }
  const plain = await get('/signin');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.toString()).toContain('<div id="root">');
  const missing = await get('/assets/index-nothere.js', 'br');
  expect(missing.status).toBe(404);
  expect((await get('/.vite/manifest.json')).status).toBe(404); // the server reads it; nobody fetches it
  expect(missing.headers['cache-control']).toBeUndefined();
});

it('a report\'s shell, for someone who may read it, preloads the report page\'s chunks and carries the report and the session (without its token); anyone else gets the static shell', async () => {
  const [owner, outsider] = await signedUp(s.base, 'ShellOwner', 'ShellOutsider');
  const spaceId = await spaceWith(owner, [], 'Shell');
  const report = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json;
  const cookie = (u: { cookies: Record<string, string> }) => Object.entries(u.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  const boot = (html: string) => /<script id="cadence-boot" type="application\/json">(.*?)<\/script>/.exec(html)?.[1];

  const mine = await get(`/r/${report.id}`, 'gzip, br', cookie(owner));
  expect(mine.status).toBe(200);
  expect(mine.headers['cache-control']).toBe('no-store'); // it holds the person's data
  const html = mine.body.toString();
  const carried = JSON.parse(boot(html)!);
  expect(carried.report).toEqual((await owner.call('GET', `/api/reports/${report.id}`)).json);
  const session = (await owner.call('GET', '/api/auth/get-session')).json;
  expect(carried.session.user).toEqual(session.user);
  const { token, ...sessionFields } = session.session;
  expect(token).toEqual(expect.any(String));
  expect(carried.session.session).toEqual(sessionFields);
  expect(html).not.toContain(token);
  const preloaded = [...html.matchAll(/<link rel="modulepreload" crossorigin href="\/assets\/([^"]+)">/g)].map((m) => m[1]);
  for (const chunk of ['ReportPage-', 'blocks-', 'collabSession-']) expect(preloaded.some((f) => f.startsWith(chunk)), chunk).toBe(true);
  for (const f of preloaded) expect(assets()).toContain(f);
  expect(html.indexOf('cadence-boot')).toBeLessThan(html.indexOf('</head>'));

  // Not a member, not signed in, not a report: the static shell, revalidated, nothing preloaded.
  for (const [p, c] of [[`/r/${report.id}`, cookie(outsider)], [`/r/${report.id}`, undefined], ['/r/not-a-report', cookie(owner)], [`/s/${spaceId}`, cookie(owner)]] as const) {
    const r = await get(p, undefined, c);
    expect(r.headers['cache-control'], p).toBe('no-cache');
    expect(r.body.toString(), p).not.toContain('cadence-boot');
    expect(r.body.toString(), p).not.toContain('ReportPage-');
  }
});
