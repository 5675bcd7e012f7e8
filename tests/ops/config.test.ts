/**
 * Configuration in one place (issue 14): one schema reads every variable; a bad value stops the start with a
 * message naming the variable and what it expects (IMPORT_LIMIT_BYTES=2MB used to turn the import limit off);
 * `.env` in the working directory is read, and the environment wins over it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_VARS, loadConfig } from '../../server/config.js';
import { serverBundle } from '../helpers/childServer.js';
import { freePort, tempDataDir } from '../helpers/server.js';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('the schema', () => {
  it('defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '0.0.0.0', databaseUrl: null, redisUrl: null, importLimitBytes: 2 * 1024 * 1024, serveWeb: true, logLevel: 'info', authRateLimit: true, socketRecheckMs: 60_000, metricsToken: null, metricsBind: null, trustedProxies: [] });
    expect(c.dataDir).toBe(path.resolve('data'));
    expect(c.baseURL).toBe('http://localhost:3000');
  });

  it('reads every variable it documents', () => {
    const c = loadConfig({
      PORT: '8080', HOST: '127.0.0.1', DATA_DIR: '/var/lib/cadence', DATABASE_URL: 'postgres://u:p@db:5432/cadence', REDIS_URL: 'redis://cache:6379',
      BETTER_AUTH_SECRET: 'x'.repeat(32), BETTER_AUTH_URL: 'https://cadence.example.com', TRUSTED_ORIGINS: 'http://localhost:5173/, https://a.example.com',
      TRUSTED_PROXIES: '10.0.0.0/8', IMPORT_LIMIT_BYTES: '4194304', LOG_LEVEL: 'debug', LOG_FORMAT: 'json', AUTH_RATE_LIMIT: 'off', SERVE_WEB: '0',
      SOCKET_RECHECK_MS: '5000', METRICS_TOKEN: 't'.repeat(16), METRICS_BIND: '[::1]:9464',
    });
    expect(c).toMatchObject({
      port: 8080, host: '127.0.0.1', dataDir: '/var/lib/cadence', databaseUrl: 'postgres://u:p@db:5432/cadence', redisUrl: 'redis://cache:6379',
      authSecret: 'x'.repeat(32), baseURL: 'https://cadence.example.com', trustedProxies: ['10.0.0.0/8'], importLimitBytes: 4194304, logLevel: 'debug',
      logFormat: 'json', authRateLimit: false, serveWeb: false, socketRecheckMs: 5000, metricsToken: 't'.repeat(16), metricsBind: { host: '::1', port: 9464 },
    });
    expect(c.trustedOrigins).toEqual(['https://cadence.example.com', 'http://localhost:8080', 'http://127.0.0.1:8080', 'http://localhost:5173', 'https://a.example.com']);
    expect(loadConfig({ METRICS_BIND: '9464' }).metricsBind).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(ENV_VARS).toContain('SOCKET_RECHECK_MS');
  });

  it('an empty value counts as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', IMPORT_LIMIT_BYTES: '' })).toMatchObject({ port: 3000, databaseUrl: null, importLimitBytes: 2 * 1024 * 1024 });
  });

  it.each([
    ['IMPORT_LIMIT_BYTES', '2MB', /IMPORT_LIMIT_BYTES: expected a whole number of bytes.*got "2MB"/],
    ['IMPORT_LIMIT_BYTES', '-1', /IMPORT_LIMIT_BYTES/],
    ['PORT', '80a', /PORT: expected a port number from 0 to 65535, got "80a"/],
    ['PORT', '70000', /PORT: expected a port number/],
    ['DATABASE_URL', 'mysql://db/cadence', /DATABASE_URL: expected a PostgreSQL URL/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL: expected a Redis URL/],
    ['BETTER_AUTH_SECRET', 'short', /BETTER_AUTH_SECRET: expected at least 32 characters/],
    ['BETTER_AUTH_URL', 'cadence.example.com', /BETTER_AUTH_URL: expected the public http\(s\) URL/],
    ['TRUSTED_ORIGINS', 'https://ok.example.com,not an origin', /TRUSTED_ORIGINS: expected comma-separated http\(s\) origins/],
    ['TRUSTED_PROXIES', '10.0.0.0/99', /TRUSTED_PROXIES: "10.0.0.0\/99" is neither an IP address nor a CIDR range/],
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL: expected one of trace, debug, info, warn, error, fatal, silent, got "verbose"/],
    ['AUTH_RATE_LIMIT', 'disabled', /AUTH_RATE_LIMIT: expected 1\/0, true\/false, on\/off or yes\/no/],
    ['SERVE_WEB', 'nope', /SERVE_WEB: expected 1\/0/],
    ['SOCKET_RECHECK_MS', '1m', /SOCKET_RECHECK_MS: expected a whole number of milliseconds/],
    ['METRICS_TOKEN', 'abc', /METRICS_TOKEN: expected at least 16 characters/],
    ['METRICS_BIND', 'localhost', /METRICS_BIND: expected a port or address:port/],
  ])('%s=%s is refused, named', (name, value, message) => {
    expect(problems({ [name]: value })).toMatch(message);
  });

  it('names every bad variable at once', () => {
    const m = problems({ PORT: 'x', IMPORT_LIMIT_BYTES: '2MB', LOG_LEVEL: 'loud' });
    expect(m).toMatch(/PORT:/);
    expect(m).toMatch(/IMPORT_LIMIT_BYTES:/);
    expect(m).toMatch(/LOG_LEVEL:/);
  });
});

/** The bundled server as `npm start` runs it, in `cwd`, with exactly `env` (plus PATH); resolves on exit or once healthy. */
async function run(cwd: string, env: Record<string, string>, port?: number) {
  const proc = spawn(process.execPath, [await serverBundle()], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d) => (stdout += d));
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number>((r) => proc.on('exit', (code) => r(code ?? -1)));
  let healthy = false;
  const t0 = Date.now();
  while (port && proc.exitCode === null && Date.now() - t0 < 30_000) {
    healthy = await fetch(`http://localhost:${port}/api/health`).then((r) => r.ok, () => false);
    if (healthy) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (healthy) proc.kill('SIGTERM');
  const code = await exited;
  return { code, stdout, stderr, healthy };
}

describe('a start with a bad value', () => {
  it('IMPORT_LIMIT_BYTES=2MB: exits non-zero, naming the variable and what it expects, no stack', async () => {
    const port = await freePort();
    const r = await run(tempDataDir(), { PORT: String(port), DATA_DIR: tempDataDir(), IMPORT_LIMIT_BYTES: '2MB', SERVE_WEB: '0' }, port);
    expect(r.healthy).toBe(false);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/IMPORT_LIMIT_BYTES: expected a whole number of bytes, at least 1024, such as 2097152 \(2 MiB\), got "2MB"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('.env', () => {
  it('is read from the working directory; the environment wins over it; a bad value in it stops the start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-env-'));
    const port = await freePort();
    const dataDir = tempDataDir();
    fs.writeFileSync(path.join(dir, '.env'), `# a deployment's settings\nPORT=${port}\nDATA_DIR=${dataDir}\nSERVE_WEB=0\nLOG_LEVEL=info\nLOG_FORMAT=json\nAUTH_RATE_LIMIT=off\nHOST=127.0.0.1\n`);
    const ok = await run(dir, {}, port);
    expect(ok.healthy, ok.stdout + ok.stderr).toBe(true);
    expect(ok.code).toBe(0);
    const listening = ok.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((l) => l.msg === 'listening');
    expect(listening).toMatchObject({ port, dataDir });
    expect(ok.stdout).toContain('"msg":"read environment file"');

    // The environment's LOG_LEVEL beats the file's: no info lines.
    const quiet = await run(dir, { LOG_LEVEL: 'warn' }, port);
    expect(quiet.healthy).toBe(true);
    expect(quiet.stdout).not.toContain('"level":"info"');

    fs.appendFileSync(path.join(dir, '.env'), 'SOCKET_RECHECK_MS=often\n');
    const bad = await run(dir, {}, port);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/SOCKET_RECHECK_MS: expected a whole number of milliseconds, at least 100, got "often"/);
  });
});
