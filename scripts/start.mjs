// npm start: build the web app when its sources are newer than the last build, bundle the server
// (plain node uses less memory than a TypeScript loader), then run it.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist/web/index.html');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const stale = !fs.existsSync(built) || Math.max(newest(path.join(root, 'web')), newest(path.join(root, 'shared'))) > fs.statSync(built).mtimeMs;
if (stale) {
  console.log('building the web app…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Dependencies stay in node_modules; only our TypeScript is bundled. A per-process file name keeps parallel starts apart.
const outDir = path.join(root, 'dist/server');
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
for (const f of fs.existsSync(outDir) ? fs.readdirSync(outDir) : []) {
  const pid = Number(/^index-(\d+)\.mjs$/.exec(f)?.[1]);
  if (pid && !alive(pid)) fs.rmSync(path.join(outDir, f), { force: true }); // left by a killed start
}
const out = path.join(outDir, `index-${process.pid}.mjs`);
await build({ entryPoints: [path.join(root, 'server/index.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', outfile: out, logLevel: 'warning', sourcemap: 'inline' });

const server = spawn(process.execPath, ['--enable-source-maps', out], { cwd: root, stdio: 'inherit' });
const cleanup = () => fs.rmSync(out, { force: true });
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => { cleanup(); process.exit(code ?? (signal ? 1 : 0)); });
