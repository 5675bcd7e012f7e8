import { afterAll, beforeAll, describe } from 'vitest';
import { freshDatabase, PG_URL } from './postgres.js';
import { startTestServer, type TestServer } from './server.js';

export type DatabaseKind = 'SQLite' | 'PostgreSQL';

/** SQLite always; PostgreSQL when DATABASE_URL names one (as .ci/run does). */
export const databaseKinds: DatabaseKind[] = ['SQLite', ...(PG_URL ? ['PostgreSQL' as const] : [])];

/**
 * `describe` once per database kind, each with its own server on a fresh database, started before the block's own
 * `beforeAll` hooks and closed (its PostgreSQL database dropped) after them.
 */
export function eachDatabase(title: string, body: (server: () => TestServer, kind: DatabaseKind) => void) {
  describe.each(databaseKinds)(`${title} on %s`, (kind) => {
    let s: TestServer | undefined;
    let pg: Awaited<ReturnType<typeof freshDatabase>> | null = null;
    beforeAll(async () => {
      if (kind === 'PostgreSQL') pg = await freshDatabase();
      s = await startTestServer({ databaseUrl: pg?.url ?? null });
    });
    afterAll(async () => {
      await s?.close();
      await pg?.drop();
    });
    body(() => {
      if (!s) throw new Error('the test server has not started');
      return s;
    }, kind);
  });
}
