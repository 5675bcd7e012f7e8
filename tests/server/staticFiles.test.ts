import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { expect, it } from 'vitest';
import { builtFiles } from '../../server/staticFiles.js';

/** The built web app served from memory (server/staticFiles.ts): only files that were there, as precompressed, never a path out of the folder. */
it('serves the listed files as asked (brotli, gzip, plain), nothing outside the folder or in skipped ones, and a file gone since start is a 404', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'built-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.mkdirSync(path.join(dir, '.vite'));
  fs.writeFileSync(path.join(dir, 'assets/app.js'), 'plain');
  fs.writeFileSync(path.join(dir, 'assets/app.js.br'), 'brotli');
  fs.writeFileSync(path.join(dir, 'assets/app.js.gz'), 'gzip');
  fs.writeFileSync(path.join(dir, 'assets/gone.js'), 'soon gone');
  fs.writeFileSync(path.join(dir, '.vite/manifest.json'), '{}');
  fs.writeFileSync(path.join(os.tmpdir(), 'outside.js'), 'secret');
  const app = new Hono();
  app.use('*', builtFiles(dir));
  app.notFound((c) => c.text('not found', 404));
  const get = (p: string, enc?: string) => app.request(p, { headers: enc ? { 'accept-encoding': enc } : {} });

  const br = await get('/assets/app.js', 'gzip, br');
  expect([br.status, br.headers.get('content-encoding'), br.headers.get('content-type'), await br.text()]).toEqual([200, 'br', 'text/javascript; charset=utf-8', 'brotli']);
  expect(br.headers.get('vary')).toBe('Accept-Encoding');
  const gz = await get('/assets/app.js', 'gzip');
  expect([gz.headers.get('content-encoding'), await gz.text()]).toEqual(['gzip', 'gzip']);
  const plain = await get('/assets/app.js');
  expect([plain.headers.get('content-encoding'), await plain.text()]).toEqual([null, 'plain']);

  for (const p of ['/.vite/manifest.json', '/../outside.js', '/assets/../../outside.js', '/%2e%2e/outside.js', '/assets/missing.js']) {
    expect((await get(p)).status, p).toBe(404);
  }
  fs.rmSync(path.join(dir, 'assets/gone.js'));
  expect((await get('/assets/gone.js')).status).toBe(404);
});
