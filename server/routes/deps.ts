import type { Auth } from '../auth.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { DocStore } from '../db/docStore.js';
import type { Rooms } from '../sync/rooms.js';
import type { EventBus } from '../events/bus.js';
import type { EventStreams } from '../events/sse.js';
import type { AutoSnapshots } from '../domain/autoSnapshots.js';
import type { Indexer } from '../search/indexer.js';
import type { Metrics } from '../metrics.js';

/** What route modules need; built once in server/index.ts. */
export interface Deps {
  config: Config;
  db: Db;
  auth: Auth;
  store: DocStore;
  rooms: Rooms;
  /** App events (comments, notifications, restores) for clients that have a report or their inbox open. */
  events: EventBus;
  /** This server's event streams to clients (SSE) of that bus. */
  streams: EventStreams;
  /** Automatic version history; told when a snapshot is taken elsewhere. */
  history: AutoSnapshots;
  /** Keeps the item and search tables in step with documents; indexNow() after server-side writes (import, next week). */
  indexer: Indexer;
  /** Whether each backing service answers now (database, and Redis when configured): GET /api/ready. */
  ready(): Promise<Record<string, boolean>>;
  /** The server's clock (config.clockStart moves it in tests): deadlines and reminder days. */
  now(): Date;
  /** Prometheus metrics (HTTP latency is fed by the request log; GET /metrics when METRICS_TOKEN is set). */
  metrics?: Metrics;
}
