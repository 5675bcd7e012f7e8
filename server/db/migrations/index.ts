import { Migrator, type Migration } from 'kysely';
import type { Db } from '../client.js';
import { core } from './001_core.js';
import { items } from './002_items.js';
import { search } from './004_search.js';
import { comments } from './003_comments.js';
import { history } from './003_history.js';
import { docMentions } from './005_doc_mentions.js';
import { projects } from './006_projects.js';
import { rhythm } from './007_rhythm.js';
import { searchBigrams } from './008_search_bigrams.js';
import { searchProject } from './009_search_project.js';
import { searchTextLower } from './010_search_text_lower.js';
import { itemStateVersion } from './011_item_state_version.js';
import { itemStateRev } from './012_item_state_rev.js';
import { itemTargetOp } from './013_item_target_op.js';
import { invites } from './014_invites.js';

/** What a migration may need to know to be written once for SQLite and PostgreSQL. */
export type MigrationContext = Pick<Db, 'kind'>;

/** Every migration, in order. Add a file per migration and one line here. */
const all: [string, (db: MigrationContext) => Migration][] = [
  ['001_core', core],
  ['002_items', items],
  ['004_search', search],
  ['003_comments', comments],
  ['003_history', history],
  ['005_doc_mentions', docMentions],
  ['006_projects', projects],
  ['007_rhythm', rhythm],
  ['008_search_bigrams', searchBigrams],
  ['009_search_project', searchProject],
  ['010_search_text_lower', searchTextLower],
  ['011_item_state_version', itemStateVersion],
  ['012_item_state_rev', itemStateRev],
  ['013_item_target_op', itemTargetOp],
  ['014_invites', invites],
];

export async function migrate(db: Db) {
  const list = Object.fromEntries(all.map(([name, m]) => [name, m(db)]));
  const migrator = new Migrator({ db: db.k, provider: { getMigrations: async () => list } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error(`migration failed: ${String((error as Error).message ?? error)} ${JSON.stringify(results)}`);
}
