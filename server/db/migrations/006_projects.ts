import { Kysely } from 'kysely';
import { newBlockId } from '../../../shared/blocks/attrs.js';
import { projectKey } from '../../search/keys.js';
import type { MigrationContext } from './index.js';

/**
 * Project identity (issue 12): a space's projects, each with a stable key, and the names (aliases) it was written
 * with; a merged project points at the one it went into. Item and search rows carry the project they resolve to
 * (`project_id`). Rows indexed before get their project here: one project per distinct name of a space.
 */
export const projects = (_db: MigrationContext) => ({
  async up(k: Kysely<any>) {
    await k.schema.createTable('project')
      .addColumn('space_id', 'text', (c) => c.notNull().references('space.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('merged_into', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('project_pk', ['space_id', 'key'])
      .execute();
    await k.schema.createTable('project_alias')
      .addColumn('space_id', 'text', (c) => c.notNull().references('space.id').onDelete('cascade'))
      .addColumn('name_key', 'text', (c) => c.notNull()) // the name normalized as search/keys.ts projectKey()
      .addColumn('name', 'text', (c) => c.notNull()) // as first written
      .addColumn('project_key', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('project_alias_pk', ['space_id', 'name_key'])
      .execute();
    await k.schema.alterTable('item').addColumn('project_id', 'text').execute();
    await k.schema.alterTable('search_row').addColumn('project_id', 'text').execute();
    await k.schema.createIndex('item_project_id').on('item').columns(['space_id', 'project_id', 'week']).execute();

    await backfillProjects(k);
  },
});

/** What was indexed before project identity keeps one project per distinct name of a space (rows without a project get one). */
export async function backfillProjects(k: Kysely<any>) {
  const now = new Date().toISOString();
  const names = await k.selectFrom('item').select(['space_id', 'project_key', 'project']).where('project_key', 'is not', null).where('project_id', 'is', null)
    .orderBy('week').execute() as { space_id: string; project_key: string; project: string }[];
  const seen = new Map<string, string>();
  for (const r of names) {
    const id = `${r.space_id}\0${r.project_key}`;
    if (seen.has(id)) continue;
    const key = `p${newBlockId()}`;
    seen.set(id, key);
    await k.insertInto('project').values({ space_id: r.space_id, key, merged_into: null, created_at: now }).execute();
    await k.insertInto('project_alias').values({ space_id: r.space_id, name_key: r.project_key, name: r.project, project_key: key }).execute();
    await k.updateTable('item').set({ project_id: key }).where('space_id', '=', r.space_id).where('project_key', '=', r.project_key).execute();
  }
  const searched = await k.selectFrom('search_row').select(['space_id', 'project']).distinct().where('project', 'is not', null).execute() as { space_id: string; project: string }[];
  for (const r of searched) {
    const key = seen.get(`${r.space_id}\0${projectKey(r.project)}`);
    if (key) await k.updateTable('search_row').set({ project_id: key }).where('space_id', '=', r.space_id).where('project', '=', r.project).execute();
  }
}
