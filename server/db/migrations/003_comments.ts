import { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/** Comment threads on blocks or text ranges, and the in-app notifications they cause. */
export const comments = (_db: MigrationContext) => ({
  async up(k: Kysely<any>) {
    await k.schema.createTable('comment')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
      // The structured block the thread hangs on; null for a thread on a text range only.
      .addColumn('block_id', 'text')
      .addColumn('parent_id', 'text', (c) => c.references('comment.id').onDelete('cascade'))
      .addColumn('author_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
      .addColumn('body', 'text', (c) => c.notNull())
      // Opaque JSON from the client: Yjs relative positions (base64) of a text range.
      .addColumn('anchor', 'text')
      .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await k.schema.createIndex('comment_report').on('comment').columns(['report_id', 'created_at']).execute();

    await k.schema.createTable('notification')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
      .addColumn('comment_id', 'text', (c) => c.references('comment.id').onDelete('cascade'))
      .addColumn('block_id', 'text')
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('excerpt', 'text', (c) => c.notNull())
      .addColumn('read', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await k.schema.createIndex('notification_user').on('notification').columns(['user_id', 'created_at']).execute();
  },
});
