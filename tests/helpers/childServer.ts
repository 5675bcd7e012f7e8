import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { serverBuildOptions, WORKER_ENTRIES } from '../../scripts/serverBundle.mjs';
import { freePort, tempDataDir } from './server.js';

const root = path.resolve(import.meta.dirname, '../..');

/** The server bundled once per test file, as npm start bundles it (scripts/serverBundle.mjs; plain node starts faster than a TS loader). */
let bundled: Promise<string> | null = null;
export function serverBundle() {
  // Inside the project, so that packages resolve from node_modules.
  // A folder per test process: the server and its workers' files (WORKER_ENTRIES), as npm start's build lays them out.
  const dir = path.join(root, 'dist/test-server', `server-${process.pid}-${Date.now()}`);
  const entryPoints = { index: path.join(root, 'server/index.ts'), ...Object.fromEntries(Object.entries(WORKER_ENTRIES).map(([n, f]) => [n, path.join(root, f)])) };
  return (bundled ??= build({ ...serverBuildOptions, entryPoints, outdir: dir, outExtension: { '.js': '.mjs' }, logLevel: 'error', absWorkingDir: root })
    .then(() => {
      process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
      return path.join(dir, 'index.mjs');
    }));
}

/** The server as a separate process (as `npm start` runs it, minus the web build), so a test can SIGKILL it. */
export class ChildServer {
  proc: ChildProcess | null = null;
  port = 0;
  base = '';
  output = '';
  constructor(readonly dataDir = tempDataDir(), readonly env: Record<string, string> = {}) {}

  async start() {
    this.port ||= await freePort();
    this.base = `http://localhost:${this.port}`;
    this.proc = spawn(process.execPath, [await serverBundle()], {
      cwd: root,
      env: { ...process.env, PORT: String(this.port), DATA_DIR: this.dataDir, BETTER_AUTH_URL: this.base, SERVE_WEB: '0', LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc.stdout!.on('data', (d) => (this.output += d));
    this.proc.stderr!.on('data', (d) => (this.output += d));
    const t0 = Date.now();
    while (Date.now() - t0 < 60_000) {
      if (!this.running) throw new Error(`server exited: ${this.output}`);
      try {
        if ((await fetch(this.base + '/api/health')).ok) return;
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server not healthy: ${this.output}`);
  }

  /**
   * Whether the process is still there. A process killed by a signal keeps `exitCode` null and sets `signalCode`
   * (as after SIGKILL), so both are checked.
   */
  get running() {
    const p = this.proc;
    return !!p && p.exitCode === null && p.signalCode === null;
  }

  /** kill -9: no shutdown hook runs. Returns at once when the process is gone already. */
  async kill() {
    const p = this.proc;
    if (!p || !this.running) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  }
}
