/**
 * npm run backup -- <file> [--force]
 * A consistent backup of the server's data while it runs: SQLite's online backup of DATA_DIR/cadence.db, or
 * pg_dump (custom format) of DATABASE_URL. Reads the same environment and .env as the server. Restoring is in
 * the README ("Backups").
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config.js';

const usage = `usage: npm run backup -- <file> [--force]
  SQLite (default): an online copy of DATA_DIR/cadence.db, checked after it is written.
  PostgreSQL (DATABASE_URL set): pg_dump --format=custom into <file> (pg_dump must be on PATH).
  --force overwrites an existing <file>.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(usage);
    return 64;
  }
  loadDotEnv();
  const config = loadConfig();
  const file = path.resolve(positionals[0]);
  if (fs.existsSync(file) && !values.force) throw new Error(`${file} exists; pass --force to overwrite it`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written beside the target and renamed at the end: an interrupted backup never leaves a partial file under its name.
  const partial = `${file}.partial-${process.pid}`;
  try {
    if (config.databaseUrl) await postgres(config.databaseUrl, partial);
    else await sqlite(config, partial);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  const mb = (fs.statSync(file).size / 1024 / 1024).toFixed(2);
  console.log(`backup written: ${file} (${mb} MB)`);
  if (!config.databaseUrl && !config.authSecret) console.log(`keep ${path.join(config.dataDir, 'auth-secret')} with it (or set BETTER_AUTH_SECRET), or everyone signs in again after a restore`);
  return 0;
}

async function sqlite(config: Config, target: string) {
  const source = path.join(config.dataDir, 'cadence.db');
  if (!fs.existsSync(source)) throw new Error(`no database at ${source} (is DATA_DIR right?)`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // SQLite's online backup: page by page, restarted by SQLite if the server writes meanwhile; the copy is one consistent state.
    await db.backup(target, { progress: () => 2000 });
  } finally {
    db.close();
  }
  // One self-contained file: the copy leaves WAL mode (the server turns it on again when it opens a restored copy).
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
    const reports = (copy.prepare('select count(*) as n from report').get() as { n: number }).n;
    const users = (copy.prepare('select count(*) as n from "user"').get() as { n: number }).n;
    console.log(`SQLite ${source}: ${reports} report(s), ${users} user(s), integrity ok`);
  } finally {
    copy.close();
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(target + suffix, { force: true });
  }
}

/** pg_dump with the password in the environment rather than on the command line (where `ps` shows it). */
async function postgres(databaseUrl: string, target: string) {
  const url = new URL(databaseUrl);
  const env = { ...process.env };
  if (url.password) {
    env.PGPASSWORD = decodeURIComponent(url.password);
    url.password = '';
  }
  const args = ['--format=custom', '--no-owner', '--no-privileges', `--file=${target}`, `--dbname=${url.toString()}`];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('pg_dump', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT' ? new Error('pg_dump not found: install the PostgreSQL client tools (the server\'s major version or newer)') : e));
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  if (code !== 0) throw new Error(`pg_dump exited with ${code}`);
  console.log(`PostgreSQL ${url.host}${url.pathname}: dumped (custom format; restore with pg_restore)`);
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(e instanceof ConfigError ? e.message : `backup: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);
