import { Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Full-text search rows: one per structured item and per plain block of text of every report, replaced per report
 * by the indexer. SQLite: two external-content FTS5 indexes kept in step by triggers — `search_tri` (trigram
 * tokenizer: any substring of 3+ characters, Latin case-insensitive, Chinese and mixed) and `search_bi` over
 * `grams`, the character bigrams of CJK runs, so that two-character Chinese terms (`好店`) hit an index too.
 * PostgreSQL: a pg_trgm GIN index on lower(text) serves ILIKE/LIKE '%term%'.
 */
export const search = (db: MigrationContext) => ({
  async up(k: Kysely<any>) {
    const pg = db.kind === 'postgres';
    await k.schema.createTable('search_row')
      .addColumn('id', sql.raw(pg ? 'bigserial' : 'integer') as any, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
      .addColumn('space_id', 'text', (c) => c.notNull())
      .addColumn('week', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // okr | kpi | incident | project | text
      .addColumn('position', 'integer', (c) => c.notNull()) // document order within the report
      .addColumn('block_id', 'text')
      .addColumn('project', 'text')
      .addColumn('progress', sql.raw(pg ? 'double precision' : 'real') as any)
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('grams', 'text', (c) => c.notNull())
      .execute();
    await k.schema.createIndex('search_row_report').on('search_row').column('report_id').execute();
    await k.schema.createIndex('search_row_space_week').on('search_row').columns(['space_id', 'week']).execute();
    if (pg) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_available_extensions where name = 'pg_trgm'`.execute(k);
      if (rows[0]?.n) {
        await sql`create extension if not exists pg_trgm`.execute(k);
        await sql`create index search_row_trgm on search_row using gin (lower(text) gin_trgm_ops)`.execute(k);
      }
      return;
    }
    await sql`create virtual table search_tri using fts5(text, content='search_row', content_rowid='id', tokenize='trigram')`.execute(k);
    await sql`create virtual table search_bi using fts5(grams, content='search_row', content_rowid='id', tokenize='unicode61')`.execute(k);
    await sql`create trigger search_row_ai after insert on search_row begin
      insert into search_tri(rowid, text) values (new.id, new.text);
      insert into search_bi(rowid, grams) values (new.id, new.grams);
    end`.execute(k);
    await sql`create trigger search_row_ad after delete on search_row begin
      insert into search_tri(search_tri, rowid, text) values ('delete', old.id, old.text);
      insert into search_bi(search_bi, rowid, grams) values ('delete', old.id, old.grams);
    end`.execute(k);
  },
});
