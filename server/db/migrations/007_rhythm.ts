import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * The weekly rhythm (issue 15): per item of a report, its state when the report was started (`baseline`), what it
 * is now (`seen`) and who last changed it and when; the space's weekly deadline; reminders sent (one per person,
 * report, kind and day — the unique key is what makes several server processes send each reminder once); saved
 * period summaries.
 */
export const rhythm = (_db: MigrationContext) => ({
  async up(k: Kysely<any>) {
    await k.schema.createTable('item_update')
      .addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
      .addColumn('block_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('baseline', 'text') // the item's fingerprint when the report was started; null: new this week
      .addColumn('seen', 'text', (c) => c.notNull()) // its fingerprint as last indexed
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'text')
      .addPrimaryKeyConstraint('item_update_pk', ['report_id', 'block_id'])
      .execute();
    await k.schema.alterTable('space').addColumn('deadline_weekday', 'integer', (c) => c.notNull().defaultTo(5)).execute();
    await k.schema.alterTable('space').addColumn('deadline_time', 'text', (c) => c.notNull().defaultTo('17:00')).execute();
    await k.schema.alterTable('space').addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai')).execute();
    await k.schema.createTable('reminder')
      .addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // reminder (sent by someone) | deadline (automatic)
      .addColumn('day', 'text', (c) => c.notNull()) // YYYY-MM-DD in the space's time zone
      .addColumn('sent_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('reminder_pk', ['report_id', 'user_id', 'kind', 'day'])
      .execute();
    await k.schema.createTable('space_document')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('space_id', 'text', (c) => c.notNull().references('space.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('markdown', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await k.schema.createIndex('space_document_space').on('space_document').columns(['space_id', 'created_at']).execute();
  },
});
