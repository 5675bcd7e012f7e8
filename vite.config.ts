import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Precompressed copies of the built files (issue 13): `x.js.br` and `x.js.gz` beside `x.js` for text assets, so the
 * server sends them as they are (server/app.ts, serveStatic's `precompressed`) without compressing per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'cadence-precompress',
    apply: 'build',
    configResolved(c) { outDir = path.resolve(c.root, c.build.outDir); },
    closeBundle() {
      const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir).filter((f) => /\.(js|mjs|css|html|svg|json|txt|map)$/.test(f))) {
        const data = fs.readFileSync(file);
        if (data.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
      }
    },
  };
}

// The web app lives in web/; the build lands in dist/web, which the server serves.
export default defineConfig({
  root: 'web',
  plugins: [react(), precompress()],
  // manifest: which files each page's chunk needs, for the server to preload them with a report's shell (server/shell.ts).
  build: { outDir: '../dist/web', emptyOutDir: true, manifest: true },
  server: {
    port: 5173,
    proxy: { '^/api/': { target: `http://localhost:${process.env.PORT ?? 3000}`, ws: true, changeOrigin: false } },
  },
});
