import fs from 'node:fs';
import path from 'node:path';
import type { MiddlewareHandler } from 'hono';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8', '.map': 'application/json; charset=utf-8', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.webp': 'image/webp', '.jpg': 'image/jpeg',
};
const ENCODINGS = [['br', '.br'], ['gzip', '.gz']] as const;

/**
 * The built web app's files (dist/web), served from memory: the names are listed once at start (only those can be
 * asked for, so no path leaves the folder), each file's bytes are read when first asked for and kept (the build's
 * files never change while the server runs; ~3 MB in all, nothing read before a page is served). Brotli or gzip
 * as the build precompressed them (vite.config.ts), per Accept-Encoding. A report's page asks for ~30 files at
 * once over 6 connections; this answers each in a fraction of the ~3 ms serveStatic took (stat, stream, per request).
 * `skip`: folders that are the server's to read, not the browser's (Vite's manifest).
 */
export function builtFiles(root: string, skip: string[] = ['.vite']): MiddlewareHandler {
  const names = new Set<string>();
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) { if (!skip.includes(r)) walk(path.join(dir, e.name), r); } else if (e.isFile()) names.add(r);
    }
  };
  walk(root, '');
  const bytes = new Map<string, Uint8Array<ArrayBuffer>>();
  const read = (name: string) => {
    let b = bytes.get(name);
    if (!b) bytes.set(name, (b = new Uint8Array(fs.readFileSync(path.join(root, name)))));
    return b;
  };

  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const name = c.req.path.slice(1);
    const type = TYPES[path.extname(name)];
    if (!names.has(name) || !type) return next();
    const accepts = new Set((c.req.header('accept-encoding') ?? '').split(',').map((e) => e.trim().split(';')[0]));
    const [encoding, suffix] = ENCODINGS.find(([e, s]) => accepts.has(e) && names.has(name + s)) ?? [null, ''];
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = read(name + suffix);
    } catch {
      return next(); // gone since the server started (a new build swapped in): not found, as before
    }
    return c.body(body, 200, {
      'Content-Type': type,
      ...(encoding && { 'Content-Encoding': encoding }),
      ...(names.has(`${name}.br`) || names.has(`${name}.gz`) ? { Vary: 'Accept-Encoding' } : {}),
    });
  };
}
