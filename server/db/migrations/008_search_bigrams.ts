import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Two-character Chinese terms on PostgreSQL (issue 17): a LIKE pattern of two characters gives pg_trgm no trigram,
 * so `%好店%` scanned every row of the space. `grams` already holds the CJK bigrams of each row (space-separated, as
 * SQLite's `search_bi` reads them); a GIN index over them as an array serves `string_to_array(grams, ' ') @> array[…]`.
 * SQLite has its bigram FTS index since 004.
 */
export const searchBigrams = (db: MigrationContext) => ({
  async up(k: Kysely<any>) {
    if (db.kind !== 'postgres') return;
    await sql`create index if not exists search_row_grams on search_row using gin (string_to_array(grams, ' '))`.execute(k);
  },
});
