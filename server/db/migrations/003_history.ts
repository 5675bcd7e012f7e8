import { Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.js';

/** Version history: full document states of a report at points in time, with who edited since the one before. */
export const history = (db: MigrationContext) => ({
  async up(k: Kysely<any>) {
    const bin = db.kind === 'postgres' ? 'bytea' : 'blob';
    await k.schema.createTable('report_history')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('authors', 'text', (c) => c.notNull())
      // Y.encodeStateAsUpdate of the document at that moment.
      .addColumn('data', sql.raw(bin) as any, (c) => c.notNull())
      .execute();
    await k.schema.createIndex('report_history_report').on('report_history').columns(['report_id', 'created_at']).execute();
  },
});
