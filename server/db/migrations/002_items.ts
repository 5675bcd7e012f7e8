import { Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * The indexed structured items of every report (one row per OKR item, KPI row, incident, key project),
 * replaced per report by the indexer; plus the hash of what was last indexed, so unchanged reports are not rewritten.
 * space_id and week are copied from the report so that rollups across weeks read one table.
 */
export const items = (db: MigrationContext) => ({
  async up(k: Kysely<any>) {
    const real = db.kind === 'postgres' ? 'double precision' : 'real';
    await k.schema.createTable('item')
      .addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
      .addColumn('space_id', 'text', (c) => c.notNull())
      .addColumn('week', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // okr | kpi | incident | project
      .addColumn('position', 'integer', (c) => c.notNull()) // document order within the kind
      .addColumn('block_id', 'text', (c) => c.notNull())
      .addColumn('objective', 'text')
      .addColumn('project', 'text')
      .addColumn('project_key', 'text') // normalized project name: `贝易转（C转）` → `贝易转`
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('progress', sql.raw(real) as any)
      .addColumn('due', 'text')
      .addColumn('status', 'text')
      .addColumn('owner', 'text')
      .addColumn('from_id', 'text')
      .addColumn('name', 'text')
      .addColumn('name_key', 'text') // lower-cased KPI name
      .addColumn('value', sql.raw(real) as any)
      .addColumn('unit', 'text')
      .addColumn('target', sql.raw(real) as any)
      .addColumn('start_at', 'text')
      .addColumn('end_at', 'text')
      .addColumn('duration_minutes', 'integer')
      .addColumn('severity', 'text')
      .addColumn('review', 'text') // incident review status
      .addColumn('json', 'text', (c) => c.notNull()) // the full extracted item, as /items returns it
      .addPrimaryKeyConstraint('item_pk', ['report_id', 'kind', 'position'])
      .execute();
    await k.schema.createIndex('item_project').on('item').columns(['space_id', 'kind', 'project_key', 'week']).execute();
    await k.schema.createIndex('item_kpi').on('item').columns(['space_id', 'kind', 'name_key', 'week']).execute();
    await k.schema.createIndex('item_incident').on('item').columns(['space_id', 'kind', 'start_at']).execute();
    await k.schema.createIndex('item_week').on('item').columns(['space_id', 'week', 'kind']).execute();
    await k.schema.createTable('item_state')
      .addColumn('report_id', 'text', (c) => c.primaryKey().references('report.id').onDelete('cascade'))
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('indexed_at', 'text', (c) => c.notNull())
      .execute();
  },
});
