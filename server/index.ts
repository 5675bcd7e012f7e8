import type http from 'node:http';
import type { DestinationStream } from 'pino';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { createApp } from './app.js';
import { createAuth, migrateAuth, type AuthEvents } from './auth.js';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config.js';
import { openDb } from './db/client.js';
import { createDocStore, type DocStore } from './db/docStore.js';
import { migrate } from './db/migrations/index.js';
import { touchReport } from './domain/reports.js';
import { configureLogging, logger } from './log.js';
import { createMetrics, serveMetrics } from './metrics.js';
import { Rooms } from './sync/rooms.js';
import type { RoomLimits } from './sync/room.js';
import { authorizeSocket } from './access.js';
import { SessionCache } from './sessionCache.js';
import { attachSyncTransport, type SocketLimits } from './sync/transport.js';
import { createRedisRoomBus } from './sync/redisBus.js';
import { createRedisPubSub } from './db/redisPubSub.js';
import { debounceByKey } from '../shared/debounce.js';
import { createMemoryBus } from './events/bus.js';
import { createRedisEventBus } from './events/redisBus.js';
import { EventStreams } from './events/sse.js';
import { ACCESS_CHANNEL, accessChanged } from './events/access.js';
import { AutoSnapshots } from './domain/autoSnapshots.js';
import { DocMentions } from './domain/docMentions.js';
import { acceptInvites } from './domain/invites.js';
import { Indexer } from './search/indexer.js';
import { DeadlineReminders } from './domain/reminders.js';
import { reportShape } from '../shared/blocks/docShape.js';

const log = logger('server');
/** How long a stopping server lets requests under way finish. */
const CLOSE_GRACE_MS = 5_000;

/** Wiring only: database, auth, rooms, HTTP app, socket upgrade. Returns a handle to stop it. */
/** `parts` replaces a piece of the wiring (a MemoryDocStore in tests that make storage fail; a log destination a test reads). */
export async function startServer(overrides: Partial<Config> = {}, parts: { docStore?: DocStore; logDestination?: DestinationStream; socketLimits?: Partial<SocketLimits>; roomLimits?: RoomLimits } = {}) {
  const config = loadConfig(process.env, overrides);
  configureLogging({ ...config, destination: parts.logDestination });
  const metrics = createMetrics();
  const db = openDb(config);
  // Filled in below, once the event bus exists: a session that ends re-checks that user's sockets and streams.
  const authEvents: AuthEvents = {};
  const auth = createAuth(db, config, authEvents);
  await migrateAuth(auth);
  await migrate(db);
  const store = parts.docStore ?? createDocStore(db);
  // Several processes: one Redis pub/sub carries live edits, presence and app events between them.
  const pubsub = config.redisUrl ? await createRedisPubSub(config.redisUrl) : null;

  // Report timestamps under way are awaited on close, so none is left writing to a closed database.
  const touching = new Set<Promise<void>>();
  const touch = debounceByKey((reportId: string) => {
    const p = touchReport(db, reportId).catch((e) => log.warn('touch failed', { error: String(e) })).finally(() => touching.delete(p));
    touching.add(p);
  }, 2000);
  const history = new AutoSnapshots(db);
  // App events (comments, notifications) reach clients on every server process when Redis is configured.
  const events = pubsub ? createRedisEventBus(pubsub) : createMemoryBus();
  const streams = new EventStreams(events, config.socketRecheckMs);
  const rooms = new Rooms(store, reportShape(), pubsub && createRedisRoomBus(pubsub), metrics.sync, parts.roomLimits);
  const mentions = new DocMentions({ db, events, rooms, store });
  const indexer = new Indexer(db, store, rooms, metrics.indexed);
  // After every durable write: report timestamp, search index, automatic history, @-mentions in the text.
  rooms.onStored((e) => {
    metrics.stored(e.reportId);
    touch(e.reportId);
    indexer.changed(e.reportId, e.writers);
    history.onStored(e);
    mentions.onStored(e);
  });

  const ready = async (): Promise<Record<string, boolean>> => {
    const database = await db.k.selectNoFrom(sql<number>`1`.as('one')).execute().then(() => true, () => false);
    return pubsub ? { database, redis: await pubsub.ping() } : { database };
  };
  // The real clock, or (tests) one that started at CLOCK_START and runs on from there.
  const startedAt = Date.now();
  const now = config.clockStart ? () => new Date(config.clockStart!.getTime() + (Date.now() - startedAt)) : () => new Date();
  // Weekly deadlines: every process looks; the reminder rows make one of them send each reminder.
  const deadlines = new DeadlineReminders(db, events, now);
  deadlines.start(config.deadlineCheckMs);
  const app = createApp({ config, db, auth, store, rooms, indexer, events, streams, history, ready, metrics, now });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }) as http.Server;
  // Once stopping, every response ends its connection: a client that keeps asking on a kept-alive connection
  // (a browser retrying while its socket is down) would otherwise hold server.close() open for good.
  let stopping = false;
  server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (stopping) res.setHeader('Connection', 'close');
  });
  // Sessions read for socket upgrades, kept no longer than a socket goes between re-checks; forgotten on sign-out.
  const sessions = new SessionCache(Math.min(config.socketRecheckMs, 30_000));
  const sockets = attachSyncTransport(server, rooms, authorizeSocket(auth, db, config.trustedOrigins, sessions), { recheckMs: config.socketRecheckMs, observer: metrics.sync, limits: parts.socketLimits });
  metrics.setSources({ openReports: () => rooms.size, sockets: () => sockets.wss.clients.size });
  const metricsServer = config.metricsBind ? await serveMetrics(metrics, config.metricsBind, config.metricsToken) : null;
  // Removal, demotion, sign-out (here or on another process): that user's open sockets and streams re-check at once.
  authEvents.userCreated = async (user) => {
    const spaces = await acceptInvites(db, user.id, user.email).catch((e) => { log.error('invitations not taken up', { user: user.id, error: String(e) }); return []; });
    if (spaces.length) log.info('invitations taken up', { user: user.id, spaces: spaces.length });
  };
  authEvents.sessionEnded = (userId) => {
    // Here at once: through Redis the access event comes back to this process only after the sign-out has answered.
    sessions.forget(userId);
    accessChanged(events, userId);
  };
  const offAccess = events.subscribe(ACCESS_CHANNEL, (e) => {
    const userId = String(e.userId);
    sessions.forget(userId);
    void sockets.recheck(userId);
    void streams.recheck(userId);
  });
  await offAccess.ready;
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', resolve)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const metricsAddress = metricsServer?.address();
  const metricsPort = typeof metricsAddress === 'object' && metricsAddress ? metricsAddress.port : null;
  log.info('listening', { port, storage: db.kind, redis: !!pubsub, dataDir: config.dataDir, metrics: metricsPort ? `${config.metricsBind!.host}:${metricsPort}` : config.metricsToken ? '/metrics' : 'off' });
  // In the background: reports with edits stored but never indexed (a process killed inside the indexer's debounce).
  indexer.catchUp().catch((e) => log.error('catch-up indexing failed', { error: String(e?.stack ?? e) }));

  return {
    port,
    config,
    db,
    rooms,
    indexer,
    // The Hono app (its `.routes` list every HTTP route; tests check the route × role table against it).
    app,
    /** The Node HTTP server the app and the sync sockets are served on. */
    http: server,
    metrics,
    /** The port of the METRICS_BIND listener, when there is one. */
    metricsPort,
    deadlines,
    async close() {
      // First take no new connections (idle kept-alive ones close now, busy ones after their response).
      stopping = true;
      const stopped = new Promise<void>((r) => server.close(() => r()));
      await deadlines.stop();
      offAccess();
      sockets.close();
      await rooms.closeAll();
      touch.flush();
      await Promise.all(touching);
      streams.endAll();
      mentions.close();
      await indexer.close();
      // Everything is stored: a request still running after a grace period is cut off rather than waited for.
      const grace = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      await stopped;
      clearTimeout(grace);
      await new Promise<void>((r) => (metricsServer ? metricsServer.close(() => r()) : r()));
      await pubsub?.close();
      await db.close();
    },
  };
}
export type RunningServer = Awaited<ReturnType<typeof startServer>>;

/**
 * The process entry (npm start, node dist/server/index.mjs): read .env, start, stop cleanly on SIGTERM/SIGINT
 * (everything stored, sockets closed with 1001 so clients reconnect). Exits 1 on a configuration error, naming it.
 */
export async function main() {
  // Whatever escapes is logged as one JSON line with its stack before the process ends.
  process.on('uncaughtException', (e) => {
    log.fatal('uncaught exception', { error: e });
    process.exit(1);
  });
  process.on('unhandledRejection', (e) => {
    log.fatal('unhandled rejection', { error: e });
    process.exit(1);
  });
  let running: RunningServer;
  try {
    const envFile = loadDotEnv();
    running = await startServer();
    if (envFile) log.info('read environment file', { file: envFile });
  } catch (e) {
    // A configuration error is the operator's to fix: say which variable and what it expects, without a stack.
    if (e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
    else log.fatal('start failed', { error: e });
    process.exit(1);
  }
  let stopping = false;
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.on(sig, async () => {
      if (stopping) process.exit(1); // a second signal: stop waiting
      stopping = true;
      log.info('stopping', { signal: sig });
      await running.close();
      log.info('stopped');
      process.exit(0);
    });
  }
}

if (process.argv[1] && import.meta.filename === (await import('node:fs')).realpathSync(process.argv[1])) await main();
