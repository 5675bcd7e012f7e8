import type http from 'node:http';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { createApp } from './app.js';
import { createAuth, migrateAuth, type AuthEvents } from './auth.js';
import { loadConfig, type Config } from './config.js';
import { openDb } from './db/client.js';
import { createDocStore, type DocStore } from './db/docStore.js';
import { migrate } from './db/migrations/index.js';
import { touchReport } from './domain/reports.js';
import { logger } from './log.js';
import { Rooms } from './sync/rooms.js';
import { authorizeSocket } from './access.js';
import { attachSyncTransport } from './sync/transport.js';
import { createRedisRoomBus } from './sync/redisBus.js';
import { createRedisPubSub } from './db/redisPubSub.js';
import { debounceByKey } from '../shared/debounce.js';
import { createMemoryBus } from './events/bus.js';
import { createRedisEventBus } from './events/redisBus.js';
import { endAllStreams, recheckStreams } from './events/sse.js';
import { ACCESS_CHANNEL, accessChanged } from './events/access.js';
import { AutoSnapshots } from './domain/autoSnapshots.js';
import { DocMentions } from './domain/docMentions.js';
import { Indexer } from './search/indexer.js';
import { reportShape } from '../shared/blocks/docShape.js';

const log = logger('server');

/** Wiring only: database, auth, rooms, HTTP app, socket upgrade. Returns a handle to stop it. */
/** `parts` replaces a piece of the wiring (a MemoryDocStore in tests that make storage fail). */
export async function startServer(overrides: Partial<Config> = {}, parts: { docStore?: DocStore } = {}) {
  const config = loadConfig(process.env, overrides);
  const db = openDb(config);
  // Filled in below, once the event bus exists: a session that ends re-checks that user's sockets and streams.
  const authEvents: AuthEvents = {};
  const auth = createAuth(db, config, authEvents);
  await migrateAuth(auth);
  await migrate(db);
  const store = parts.docStore ?? createDocStore(db);
  // Several processes: one Redis pub/sub carries live edits, presence and app events between them.
  const pubsub = config.redisUrl ? await createRedisPubSub(config.redisUrl) : null;

  const touch = debounceByKey((reportId: string) => touchReport(db, reportId).catch((e) => log.warn('touch failed', { error: String(e) })), 2000);
  const history = new AutoSnapshots(db);
  // App events (comments, notifications) reach clients on every server process when Redis is configured.
  const events = pubsub ? createRedisEventBus(pubsub) : createMemoryBus();
  const rooms = new Rooms(store, reportShape(), pubsub && createRedisRoomBus(pubsub));
  const mentions = new DocMentions({ db, events, rooms, store });
  const indexer = new Indexer(db, store, rooms);
  // After every durable write: report timestamp, search index, automatic history, @-mentions in the text.
  rooms.onStored((e) => {
    touch(e.reportId);
    indexer.changed(e.reportId);
    history.onStored(e);
    mentions.onStored(e);
  });

  const ready = async (): Promise<Record<string, boolean>> => {
    const database = await db.k.selectNoFrom(sql<number>`1`.as('one')).execute().then(() => true, () => false);
    return pubsub ? { database, redis: await pubsub.ping() } : { database };
  };
  const app = createApp({ config, db, auth, store, rooms, indexer, events, history, ready });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }) as http.Server;
  const sockets = attachSyncTransport(server, rooms, authorizeSocket(auth, db, config.trustedOrigins));
  // Removal, demotion, sign-out (here or on another process): that user's open sockets and streams re-check at once.
  authEvents.sessionEnded = (userId) => accessChanged(events, userId);
  const offAccess = events.subscribe(ACCESS_CHANNEL, (e) => {
    const userId = String(e.userId);
    void sockets.recheck(userId);
    void recheckStreams(userId);
  });
  await offAccess.ready;
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', resolve)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info('listening', { port, storage: db.kind, redis: !!pubsub, dataDir: config.dataDir });

  return {
    port,
    config,
    db,
    rooms,
    indexer,
    // The Hono app (its `.routes` list every HTTP route; tests check the route × role table against it).
    app,
    async close() {
      offAccess();
      sockets.close();
      await rooms.closeAll();
      touch.flush();
      endAllStreams();
      mentions.close();
      await indexer.flush();
      await new Promise<void>((r) => server.close(() => r()));
      await pubsub?.close();
      await db.close();
    },
  };
}
export type RunningServer = Awaited<ReturnType<typeof startServer>>;

// Run directly (npm start): start, and stop cleanly on SIGTERM/SIGINT.
if (process.argv[1] && import.meta.filename === (await import('node:fs')).realpathSync(process.argv[1])) {
  const running = await startServer();
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.once(sig, async () => {
      log.info('stopping', { signal: sig });
      await running.close();
      process.exit(0);
    });
  }
}
