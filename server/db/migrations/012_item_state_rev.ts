import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * A revision of a report's rows (`item_state.rev`): every write of its item, search or item_update rows moves it on
 * in the same transaction (the indexer, project merges and splits). On PostgreSQL an indexing run diffs against the
 * rows as its process last wrote them and writes in one statement guarded by the revision it left: another process's
 * write in between makes the guard fail, and the run falls back to reading the rows under the lock
 * (search/itemStore.ts). SQLite has one process and does not need it; the column is there for one schema.
 */
export const itemStateRev = (_db: MigrationContext) => ({
  async up(k: Kysely<any>) {
    await k.schema.alterTable('item_state').addColumn('rev', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  },
});
