import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Which stored version of its document a report's rows were indexed from (`item_state.doc_version`): the highest
 * doc_update id the indexed document included (after compaction, the snapshot's upto_id). A process killed between
 * storing an edit and indexing it leaves the stored document newer than that; the next process's start-up scan
 * (search/catchUp.ts) finds those reports and re-indexes them. Null for rows indexed before this: each such report
 * with a document is re-indexed once, in the background, at the first start after the upgrade.
 */
export const itemStateVersion = (_db: MigrationContext) => ({
  async up(k: Kysely<any>) {
    await k.schema.alterTable('item_state').addColumn('doc_version', 'bigint').execute();
  },
});
