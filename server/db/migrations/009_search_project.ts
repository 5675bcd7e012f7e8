import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Search follows merged projects (issue 12): a query that names a project also reads that project's rows
 * (`search_row.project_id`). Without an index those were found by walking every row of the space by week and
 * filtering (about 25,000 rows on the 5-year bench space, 10 ms on SQLite); with this one only the project's rows
 * are read (issue 17).
 */
export const searchProject = (_db: MigrationContext) => ({
  async up(k: Kysely<any>) {
    await sql`create index if not exists search_row_project on search_row (space_id, project_id, week)`.execute(k);
  },
});
