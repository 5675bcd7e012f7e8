import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/db/client.js';
import { inValues } from '../../server/db/inValues.js';
import { freshDatabase, PG_URL } from '../helpers/postgres.js';
import { tempDataDir } from '../helpers/server.js';

/**
 * `column in (…)` past what one statement may bind (SQLite 32,766 values, PostgreSQL 65,535): the dashboard and a
 * report's changes answered 500 on a report of 40,000 projects (tests/rollups/longLists.test.ts drives the routes).
 */
async function check(db: Db) {
  await sql`create table listed (id text not null)`.execute(db.k);
  const ids = Array.from({ length: 70_000 }, (_, i) => `p${i}`);
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    await sql`insert into listed (id) values ${sql.join(chunk.map((id) => sql`(${id})`))}`.execute(db.k);
  }
  const count = async (values: string[]) =>
    Number((await sql<{ n: number }>`select count(*) as n from listed where ${inValues(db, 'id', values)}`.execute(db.k)).rows[0].n);
  // Every other id and some that are not there, 70,000 values in all; a short list; none.
  const asked = ids.filter((_, i) => i % 2 === 0).concat(Array.from({ length: 35_000 }, (_, i) => `missing${i}`));
  expect(await count(asked)).toBe(35_000);
  expect(await count(['p1', 'p2', 'nope'])).toBe(2);
  expect(await count([])).toBe(0);
  // Values that mean something in JSON or SQL are only values.
  await sql`insert into listed (id) values (${'a"b'}), (${"it's"}), (${'x\\y'}), (${'[1]'})`.execute(db.k);
  const odd = ['a"b', "it's", 'x\\y', '[1]', ...Array.from({ length: 2000 }, (_, i) => `q${i}`)];
  expect(await count(odd)).toBe(4);
}

it('SQLite: a list of 70,000 values', async () => {
  const db = openDb({ dataDir: tempDataDir(), databaseUrl: null });
  try { await check(db); } finally { await db.close(); }
}, 60_000);

describe.skipIf(!PG_URL)('with PostgreSQL', () => {
  it('a list of 70,000 values', async () => {
    const fresh = await freshDatabase();
    const db = openDb({ dataDir: tempDataDir(), databaseUrl: fresh.url });
    try { await check(db); } finally { await db.close(); await fresh.drop(); }
  }, 60_000);
});
