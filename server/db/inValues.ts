import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from './client.js';

/** Up to this many values are bound one by one (`in (?, ?, …)`), as Kysely writes `where(col, 'in', list)`. */
const BOUND_ONE_BY_ONE = 1000;

/**
 * `column in (values)` for a list of any length. A statement may bind at most 32,766 values on SQLite and 65,535 on
 * PostgreSQL, and lists here come from what people wrote (the projects of a report, the members it mentions): a
 * hostile 40,000-project report made the dashboard and "changes since last week" answer 500 (`too many SQL
 * variables`). Longer lists go as one value: a JSON array read by `json_each` on SQLite, a text array on PostgreSQL.
 */
export function inValues(db: Db, column: string, values: readonly string[]): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  if (values.length === 0) return sql<SqlBool>`1 = 0`;
  if (values.length <= BOUND_ONE_BY_ONE) return sql<SqlBool>`${ref} in (${sql.join(values)})`;
  return db.sqlite
    ? sql<SqlBool>`${ref} in (select value from json_each(${JSON.stringify(values)}))`
    : sql<SqlBool>`${ref} = any(${values as string[]}::text[])`;
}
