import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/client.js';
import type { Tables } from '../db/schema.js';
import { projectKey } from '../search/keys.js';

/**
 * Restricts item rows to a project named by its bare or decorated name: the normalized key equals the asked
 * key or starts with it (`贝易转` finds `贝易转（C转）` and `贝易转二期`). SQLite compares keys bytewise, so
 * a key range uses the index; PostgreSQL uses LIKE.
 */
export function whereProject<O>(db: Db, qb: SelectQueryBuilder<Tables, 'item', O>, project: string) {
  const key = projectKey(project);
  if (db.kind === 'sqlite') return qb.where('project_key', '>=', key).where('project_key', '<', key + '\u{10FFFF}');
  return qb.where(sql<string>`project_key`, 'like', key.replace(/[\\%_]/g, (c) => '\\' + c) + '%');
}
