import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Search on PostgreSQL (issue 17), two changes to `search_row` and its GIN indexes; SQLite's FTS5 indexes have
 * neither problem and are left alone.
 *
 * 1. A GIN index takes new entries into a pending list, merged into the index by (auto)vacuum or by the insert that
 *    takes the list past `gin_pending_list_limit` (4 MB by default). Every search through the index reads the whole
 *    list, and the planner prices it in: after the bench's bulk load the pg_trgm index had 427 pending pages, a rare
 *    term cost ~8 ms through it, and the planner preferred reading all of the space's rows with `lower(text) like`
 *    (15–20 ms; 0.3 ms through the index with the list merged). Re-indexing refills the list between vacuums, so it
 *    is not only a bulk-load state. The limit is now 64 kB (the least) on both search GIN indexes: a search reads about
 *    8 pending pages at most; a report's rows still go into the index in batches (`fastupdate = off` made indexing a
 *    whole report half again as slow).
 * 2. `lower(text)` costs about twice the LIKE it feeds on CJK text (glibc case mapping per character): terms the
 *    indexes cannot serve (one or two Latin characters) read every row of the space, 15 ms on the 5-year bench space.
 *    `text_lower` stores it once per row (about a quarter more table); the trigram index is rebuilt over it.
 */
export const searchTextLower = (db: MigrationContext) => ({
  async up(k: Kysely<any>) {
    if (db.kind !== 'postgres') return;
    await sql`alter table search_row add column text_lower text generated always as (lower(text)) stored`.execute(k);
    await sql`drop index if exists search_row_trgm`.execute(k);
    // pg_trgm is there when 004 found it available.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_extension where extname = 'pg_trgm'`.execute(k);
    if (rows[0]?.n) await sql`create index search_row_trgm on search_row using gin (text_lower gin_trgm_ops) with (gin_pending_list_limit = 64)`.execute(k);
    await sql`alter index search_row_grams set (gin_pending_list_limit = 64)`.execute(k);
    await sql`select gin_clean_pending_list('search_row_grams'::regclass)`.execute(k);
    // The planner chooses between the trigram index and walking the space by week from text_lower's statistics: without
    // them a common term (`进度`) took 60 ms instead of 2.
    await sql`analyze search_row`.execute(k);
  },
});
