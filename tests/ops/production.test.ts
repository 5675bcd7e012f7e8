/**
 * A production start (issue 14), for real: a clean copy of the project (the files git would commit), `npm start`
 * on it builds first (no build yet) and serves; `npm run build`'s record says the build is fresh, and goes stale
 * when a source changes; then `npm ci --omit=dev` (no devDependency installed) and the whole tree made read-only
 * (a read-only bind mount when running as root, where permission bits do not stop writes): the server starts without
 * building, with DATA_DIR elsewhere, answers /api/health and /api/ready, serves the web app, signs up, and stores
 * a live edit; SIGTERM stops it cleanly.
 *
 * Quick mode (default) runs `npm ci --omit=dev --ignore-scripts` and puts in the better-sqlite3 addon already
 * compiled for this machine (compiling it takes minutes); CADENCE_LONG=1 runs the plain `npm ci --omit=dev`.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendParagraph, connect, eventually, signedUp, spaceWith } from '../helpers/client.js';
import { freePort, tempDataDir } from '../helpers/server.js';

const root = path.resolve(import.meta.dirname, '../..');
const LONG = !!process.env.CADENCE_LONG;
const isRoot = process.getuid?.() === 0;
const canUnshare = isRoot && spawnSync('unshare', ['-m', 'true']).status === 0;

let copy = '';
beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-prod-'));
  // A clean clone of the working tree: tracked and new files, nothing git ignores (no node_modules, dist or data).
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    // Deleted in the work tree, or not a plain file (a node_modules symlink in a git worktree is not ignored by `node_modules/`).
    if (!fs.existsSync(path.join(root, f)) || !fs.lstatSync(path.join(root, f)).isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
    fs.copyFileSync(path.join(root, f), path.join(copy, f));
  }
});
afterAll(() => {
  if (!copy) return;
  spawnSync('chmod', ['-R', 'u+w', copy]);
  fs.rmSync(copy, { recursive: true, force: true });
});

/** `node scripts/start.mjs` (what `npm start` runs) in the copy; `readOnly` wraps it in a read-only mount of the copy. */
function startCommand(env: Record<string, string>, readOnly: boolean): ChildProcess {
  const fullEnv = { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'info', DATABASE_URL: '', REDIS_URL: '', AUTH_RATE_LIMIT: 'off', ...env };
  if (readOnly && canUnshare) {
    // A private mount namespace: the copy is bind-mounted read-only onto itself; a write probe must fail before the start.
    const script = `mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && cd "$1" && if touch "$1/.write-probe" 2>/dev/null; then echo "tree is writable" >&2; exit 99; fi && exec "$2" scripts/start.mjs`;
    return spawn('unshare', ['-m', 'sh', '-c', script, 'sh', copy, process.execPath], { cwd: copy, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  return spawn(process.execPath, ['scripts/start.mjs'], { cwd: copy, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function running(env: Record<string, string>, readOnly: boolean) {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const dataDir = tempDataDir();
  const proc = startCommand({ PORT: String(port), DATA_DIR: dataDir, BETTER_AUTH_URL: base, ...env }, readOnly);
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number>((r) => proc.on('exit', (code, signal) => r(code ?? (signal ? 128 : -1))));
  const t0 = Date.now();
  while (!(await fetch(base + '/api/health').then((r) => r.ok, () => false))) {
    if (proc.exitCode !== null || Date.now() - t0 > 120_000) throw new Error(`no healthy server (exit ${proc.exitCode}):\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base, dataDir,
    output: () => output,
    async stop() {
      proc.kill('SIGTERM');
      return exited;
    },
  };
}

/** What buildState() says in the copy. */
const buildState = () => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', "import('./scripts/build.mjs').then((m) => console.log(JSON.stringify(m.buildState())))"], { cwd: copy, encoding: 'utf8' }));

describe('production start', () => {
  it('npm start on a fresh clone builds first, then serves', async () => {
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules')); // as after `npm install`
    expect(buildState()).toEqual({ built: false, fresh: false });
    const s = await running({}, false);
    expect(s.output()).toContain('building the web app');
    expect((await fetch(s.base + '/')).headers.get('content-type')).toMatch(/text\/html/);
    expect(await s.stop()).toBe(0);
    expect(buildState()).toEqual({ built: true, fresh: true });
    for (const f of ['dist/web/index.html', 'dist/server/index.mjs', 'dist/server/index.mjs.map', 'dist/server/backup.mjs', 'dist/server/docWorker.mjs', 'dist/build.json']) expect(fs.existsSync(path.join(copy, f)), f).toBe(true);
    // A changed source makes the build stale (npm start would rebuild); putting it back makes it fresh again.
    const file = path.join(copy, 'shared/week.ts');
    const original = fs.readFileSync(file);
    fs.appendFileSync(file, '\n// changed\n');
    expect(buildState()).toEqual({ built: true, fresh: false });
    fs.writeFileSync(file, original);
    expect(buildState()).toEqual({ built: true, fresh: true });
  });

  it('after npm ci --omit=dev, from a read-only tree with DATA_DIR elsewhere: starts without building, serves, signs up, stores an edit', async () => {
    fs.rmSync(path.join(copy, 'node_modules'));
    const args = ['ci', '--omit=dev', '--no-audit', '--no-fund', ...(LONG ? [] : ['--ignore-scripts'])];
    const ci = spawnSync('npm', args, { cwd: copy, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
    expect(ci.status, ci.stderr).toBe(0);
    if (!LONG) {
      // The one install script the server needs: better-sqlite3's addon, already compiled for this machine and Node.
      const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
      fs.mkdirSync(path.dirname(path.join(copy, addon)), { recursive: true });
      fs.copyFileSync(path.join(root, addon), path.join(copy, addon));
    }
    // (typescript is not in this list: i18next and react-i18next declare it as a peer, so npm keeps it in a production install.)
    for (const dev of ['playwright-core', 'pino-pretty', '@hocuspocus/server', '@vitejs/plugin-react']) {
      expect(fs.existsSync(path.join(copy, 'node_modules', dev)), `${dev} is a devDependency`).toBe(false);
    }
    expect(buildState()).toEqual({ built: true, fresh: true });

    execFileSync('chmod', ['-R', 'a-w', copy]);
    if (!isRoot) expect(() => fs.writeFileSync(path.join(copy, 'probe'), 'x')).toThrow(/EACCES/);
    expect(isRoot && !canUnshare, 'running as root without unshare: the tree cannot be made read-only').toBe(false);

    const s = await running({}, true);
    try {
      expect(s.output()).not.toContain('building');
      const lines = s.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
      expect(lines.find((l) => l.msg === 'listening')).toMatchObject({ storage: 'sqlite', dataDir: s.dataDir });
      expect((await fetch(s.base + '/api/ready')).status).toBe(200);
      const page = await fetch(s.base + '/');
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script type="module"[^>]*src="\/assets\//);
      const [owner] = await signedUp(s.base, 'Prod');
      const spaceId = await spaceWith(owner, [], 'Production');
      const report = await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2025-W30' });
      expect(report.status).toBe(201);
      const c = connect(owner, report.json.id);
      await c.synced;
      appendParagraph(c, '只读目录 read-only tree');
      await eventually(async () => (await owner.call('GET', `/api/reports/${report.json.id}/markdown`)).text.includes('只读目录'), 'edit stored');
      c.close();
      expect(fs.readdirSync(s.dataDir)).toContain('cadence.db');
    } finally {
      const code = await s.stop();
      expect(code, s.output()).toBe(0);
    }
    expect(s.output()).toContain('"msg":"stopped"');
  });
});
