import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { BUILD_FAILED } from './globalSetup.js';
import { startServer, type RunningServer } from '../../server/index.js';
import type { DocStore } from '../../server/db/docStore.js';
import type { SocketLimits } from '../../server/sync/transport.js';
import type { RoomLimits } from '../../server/sync/room.js';
import type { Config } from '../../server/config.js';

export interface TestServer extends RunningServer {
  base: string;
  dataDir: string;
}

/** A fresh data directory under the OS temp dir. */
export const tempDataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-test-'));

/** The real server, in this process, on a random port, with its own SQLite data directory. */
export async function startTestServer(opts: { dataDir?: string; databaseUrl?: string | null; redisUrl?: string | null; serveWeb?: boolean; port?: number; docStore?: DocStore; socketLimits?: Partial<SocketLimits>; roomLimits?: RoomLimits; config?: Partial<Config> } = {}): Promise<TestServer> {
  if (opts.serveWeb && fs.existsSync(BUILD_FAILED)) throw new Error(`the web app did not build:\n${fs.readFileSync(BUILD_FAILED, 'utf8').slice(0, 2000)}`);
  const dataDir = opts.dataDir ?? tempDataDir();
  const port = opts.port ?? (await freePort());
  const s = await startServer({
    port,
    baseURL: `http://localhost:${port}`,
    dataDir,
    databaseUrl: opts.databaseUrl ?? null,
    redisUrl: opts.redisUrl ?? null,
    serveWeb: opts.serveWeb ?? false,
    ...opts.config,
  }, { docStore: opts.docStore, socketLimits: opts.socketLimits, roomLimits: opts.roomLimits });
  const base = `http://localhost:${s.port}`;
  return Object.assign(s, { base, dataDir });
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
