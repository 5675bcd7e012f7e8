import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import type pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type RawBuilder } from 'kysely';
import type { Config } from '../config.js';
import type { Tables } from './schema.js';
import { logger } from '../log.js';
import { walCheckpointer } from './checkpointer.js';

const log = logger('db');

export type DbKind = 'sqlite' | 'postgres';

/** The database handle the app passes around: Kysely for queries, plus the raw driver where speed or synchronous writes matter. */
export interface Db {
  kind: DbKind;
  k: Kysely<Tables>;
  /** Present for SQLite: synchronous writes let the sync path store an update before it broadcasts it. */
  sqlite: Database.Database | null;
  pool: pg.Pool | null;
  /**
   * PostgreSQL: two connections whose sessions plan a prepared statement once (generic plans), for statements whose
   * best plan does not depend on their values (preparedQuery). The main pool keeps planning each query for its
   * values, which search needs. Only the indexer writes here, and its sessions commit without waiting for the WAL
   * flush (`synchronous_commit = off`): its rows are derived from the document log, which the main pool writes
   * durably; a run lost in a database crash leaves item_state.doc_version behind, and the catch-up at start
   * re-indexes the report (search/catchUp.ts). As SQLite's WAL with `synchronous = NORMAL`, which syncs only at checkpoints.
   */
  generic: pg.Pool | null;
  /** Said after a write on the hot paths (document log, index): on SQLite, starts the WAL checkpointer (checkpointer.ts). */
  wrote(): void;
  close(): Promise<void>;
}

export function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Db {
  if (config.databaseUrl) {
    // Loaded only here: a server on SQLite never holds the PostgreSQL client (~9 MB).
    const { Pool } = createRequire(import.meta.url)('pg') as typeof pg;
    const pool = new Pool({ connectionString: config.databaseUrl, max: 10 });
    const generic = new Pool({ connectionString: config.databaseUrl, max: 2, options: '-c plan_cache_mode=force_generic_plan -c synchronous_commit=off' });
    for (const p of [pool, generic]) {
      // An idle connection dropped by the server (restart, failover) must not take the process down; the pool reconnects.
      p.on('error', (e) => log.warn('idle database connection lost', { error: String(e) }));
      // A connection lost while checked out (a query under way) also emits 'error' on its client, where nothing
      // listens: without this the process would end. The query itself fails and the pool replaces the connection.
      p.on('connect', (client) => client.on('error', (e) => log.warn('database connection lost', { error: String(e) })));
    }
    const k = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    return { kind: 'postgres', k, sqlite: null, pool, generic, wrote: () => {}, close: async () => { await k.destroy(); await generic.end(); } };
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, 'cadence.db');
  const sqlite = new Database(file);
  // WAL + NORMAL: a committed transaction survives a killed process; readers never block the writer.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const k = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  const checkpoints = walCheckpointer(sqlite, file);
  return { kind: 'sqlite', k, sqlite, pool: null, generic: null, wrote: checkpoints.wrote, close: async () => { await checkpoints.close(); await k.destroy(); } };
}

/**
 * What `make` builds once per database handle (prepared statements, caches of what this process wrote), kept as long
 * as the handle lives.
 */
export function perDb<T>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<object, T>();
  return (db) => {
    let v = made.get(db.k);
    if (v === undefined) made.set(db.k, (v = make(db)));
    return v;
  };
}
/** perDb for what is built on the raw SQLite connection (its prepared statements). */
export const perSqlite = perDb;

/**
 * PostgreSQL: runs a query as a named prepared statement with a generic plan (Db.generic), so a connection parses
 * and plans it once instead of on every run (the indexer's write: parse and plan were ~1.7 ms of ~2.5). The query's
 * text must be the same on every call for one name; its values may differ.
 */
export async function preparedQuery<R>(db: Db, name: string, query: RawBuilder<R>): Promise<R[]> {
  const { sql, parameters } = query.compile(db.k);
  const result = await db.generic!.query({ name, text: sql, values: parameters as unknown[] });
  return result.rows as R[];
}
