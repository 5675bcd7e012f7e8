import pg from 'pg';

/** PostgreSQL for tests that are about it: DATABASE_URL (as .ci/run sets it) or the local server. */
export const PG_URL = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || '';
export const REDIS_URL = process.env.REDIS_URL || process.env.TEST_REDIS_URL || '';

/** A fresh, empty database for one test file; drop() removes it. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `cadence_t_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
