// npm run build: the web app (Vite → dist/web) and the server (esbuild → dist/server/index.mjs, backup.mjs, the worker threads' files),
// then dist/build.json with a hash of the sources they were built from. `npm start` compares that hash with the
// sources it finds to decide whether to build first; a tree without sources (a container image) runs what is built.
// Only this file and start.mjs run before a build: they import nothing but Node's own modules up front, so that
// they work after `npm ci --omit=dev`, when Vite and esbuild are not installed.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serverBuildOptions, WORKER_ENTRIES } from './serverBundle.mjs';

export const root = path.resolve(import.meta.dirname, '..');
export const dist = path.join(root, 'dist');
export const serverEntry = path.join(dist, 'server/index.mjs');
export const backupEntry = path.join(dist, 'server/backup.mjs');
const info = path.join(dist, 'build.json');
const lock = path.join(dist, '.build-lock');

/** What the build reads: a change to any of these makes the build stale. */
const SOURCES = ['server', 'shared', 'web', 'scripts/build.mjs', 'scripts/serverBundle.mjs', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];

/** A hash of every source file (path and content); null when the sources are not here (a built image). */
export function sourceHash() {
  if (!fs.existsSync(path.join(root, 'server/index.ts'))) return null;
  const h = crypto.createHash('sha256');
  const add = (rel) => {
    const p = path.join(root, rel);
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const e of fs.readdirSync(p).sort()) add(path.join(rel, e));
    else h.update(rel).update('\0').update(fs.readFileSync(p)).update('\0');
  };
  SOURCES.forEach(add);
  return h.digest('hex');
}

/** Whether dist holds a complete build, and whether it was made from the sources here. */
export function buildState() {
  const complete = [serverEntry, backupEntry, path.join(dist, 'web/index.html'), info].every((f) => fs.existsSync(f));
  if (!complete) return { built: false, fresh: false };
  const hash = sourceHash();
  const recorded = JSON.parse(fs.readFileSync(info, 'utf8')).sources;
  return { built: true, fresh: hash === null || hash === recorded };
}

/** Builds everything; one build at a time per tree (parallel `npm start`s wait for the first and reuse its output). */
export async function build({ quiet = false } = {}) {
  const say = (m) => quiet || console.log(m);
  fs.mkdirSync(dist, { recursive: true });
  await withLock(async () => {
    if (buildState().fresh) return; // built by whoever held the lock before us
    const hash = sourceHash();
    if (hash === null) throw new Error('no sources to build from (server/index.ts is missing)');
    const started = Date.now();

    say('building the web app…');
    const webTmp = path.join(dist, `web.tmp-${process.pid}`);
    const vite = spawnSync(process.execPath, [requireTool('vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', webTmp, '--emptyOutDir'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (vite.status !== 0) throw new Error(`the web build failed (vite exited with ${vite.status})`);

    say('bundling the server…');
    const serverTmp = path.join(dist, `server.tmp-${process.pid}`);
    const { build: esbuild } = await import(pathToFileURL(requireTool('esbuild/lib/main.js')).href);
    // Our TypeScript and most dependencies in one file; natives and optional clients stay in node_modules (serverBundle.mjs).
    await esbuild({
      ...serverBuildOptions,
      entryPoints: { index: path.join(root, 'server/index.ts'), backup: path.join(root, 'server/cli/backup.ts'), ...entries(WORKER_ENTRIES) },
      outdir: serverTmp,
      outExtension: { '.js': '.mjs' },
      sourcemap: 'linked',
      logLevel: 'warning',
      absWorkingDir: root,
    });

    // Swap the new output in; a server already running keeps what it loaded.
    swap(webTmp, path.join(dist, 'web'));
    swap(serverTmp, path.join(dist, 'server'));
    const tmpInfo = `${info}.tmp-${process.pid}`;
    fs.writeFileSync(tmpInfo, JSON.stringify({ sources: hash, builtAt: new Date().toISOString(), node: process.version }, null, 2) + '\n');
    fs.renameSync(tmpInfo, info);
    say(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
}

/** Entry points by output name, at their paths in the project. */
function entries(byName) {
  return Object.fromEntries(Object.entries(byName).map(([name, file]) => [name, path.join(root, file)]));
}

/** A build tool from node_modules, or a clear error when only production dependencies are installed. */
function requireTool(rel) {
  const p = path.join(root, 'node_modules', rel);
  if (!fs.existsSync(p)) throw new Error(`${rel.split('/')[0]} is not installed: building needs the devDependencies (npm install or npm ci, not --omit=dev)`);
  return p;
}

function swap(fresh, target) {
  const old = `${target}.old-${process.pid}`;
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(fresh, target);
  fs.rmSync(old, { recursive: true, force: true });
}

async function withLock(fn) {
  const t0 = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // A lock left by a killed build is taken over after 10 minutes.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() - t0 > 15 * 60_000) throw new Error(`another build holds ${lock}`);
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
    for (const e of fs.readdirSync(dist)) if (e.includes(`.tmp-${process.pid}`)) fs.rmSync(path.join(dist, e), { recursive: true, force: true });
  }
}

/**
 * Before a start: build when there is no build, or when the sources here changed since. When it cannot build
 * (production dependencies only, or a read-only tree) it runs an existing build, saying so, and fails only
 * when there is none.
 */
export async function ensureBuilt() {
  const state = buildState();
  if (state.fresh) return;
  try {
    await build();
  } catch (e) {
    if (!state.built) throw e;
    console.error(`warning: the sources changed since the last build, and it could not be rebuilt (${e.message}); running the existing build`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  build().catch((e) => {
    console.error(`build: ${e.message}`);
    process.exit(1);
  });
}
