import { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/** Mentions of members inside report documents that were already notified (so each is told once). */
export const docMentions = (_db: MigrationContext) => ({
  async up(k: Kysely<any>) {
    await k.schema.createTable('doc_mention')
      .addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      // Where in the document: the enclosing structured block's id, or 'doc'.
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('doc_mention_pk', ['report_id', 'user_id', 'place'])
      .execute();
  },
});
