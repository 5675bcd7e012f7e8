import { Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.js';

/** Spaces, members, reports, and the document store (update log + snapshots). */
export const core = (db: MigrationContext) => ({
  async up(k: Kysely<any>) {
    const bin = db.kind === 'postgres' ? 'bytea' : 'blob';
    const serial = db.kind === 'postgres' ? 'bigserial' : 'integer';
    await k.schema.createTable('space')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('objectives', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await k.schema.createTable('member')
      .addColumn('space_id', 'text', (c) => c.notNull().references('space.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('member_pk', ['space_id', 'user_id'])
      .execute();
    await k.schema.createIndex('member_user').on('member').column('user_id').execute();
    await k.schema.createTable('report')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('space_id', 'text', (c) => c.notNull().references('space.id').onDelete('cascade'))
      .addColumn('week', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('report_space_week', ['space_id', 'week'])
      .execute();
    await k.schema.createTable('doc_update')
      .addColumn('id', sql.raw(serial) as any, (c) => (db.kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('doc_id', 'text', (c) => c.notNull())
      .addColumn('data', sql.raw(bin) as any, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await k.schema.createIndex('doc_update_doc').on('doc_update').columns(['doc_id', 'id']).execute();
    await k.schema.createTable('doc_snapshot')
      .addColumn('doc_id', 'text', (c) => c.primaryKey())
      .addColumn('data', sql.raw(bin) as any, (c) => c.notNull())
      .addColumn('upto_id', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
});
