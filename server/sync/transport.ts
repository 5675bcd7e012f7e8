import crypto from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { logger } from '../log.js';
import { CloseCodes, UpgradeRefusals, type Peer } from './peer.js';
import type { Rooms } from './rooms.js';
import type { Room } from './room.js';

const log = logger('socket');
const PATH = /^\/api\/sync\/([^/?]+)\/?$/;
const MAX_MESSAGE = 16 * 1024 * 1024;
const PING_EVERY_MS = 30_000;
const KEEPALIVE_MS = 12_000;
/** Awareness message with no entries: type 1, then a varUint8Array holding the count 0. */
const EMPTY_AWARENESS = new Uint8Array([1, 1, 0]);

export type SocketGrant = { ok: true; userId: string; readOnly: boolean } | { ok: false; refusal: keyof typeof UpgradeRefusals };
/** Decides, from the upgrade request's headers (cookie, Origin), who may open which document. */
export type AuthorizeSocket = (req: http.IncomingMessage, docId: string) => Promise<SocketGrant>;

function refuse(socket: Duplex, refusal: keyof typeof UpgradeRefusals) {
  const { status, text } = UpgradeRefusals[refusal];
  // A written status (not a reset) lets the client tell "sign in" from "not allowed".
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Serves /api/sync/:docId on the HTTP server's upgrade event: authorize, then hand the socket to its room. */
export function attachSyncTransport(server: http.Server, rooms: Rooms, authorize: AuthorizeSocket) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE });

  server.on('upgrade', async (req, socket, head) => {
    socket.on('error', (e) => log.debug('socket error before upgrade', { error: String(e) }));
    const m = PATH.exec((req.url ?? '').split('?')[0]);
    if (!m) return refuse(socket, 'NotFound');
    const docId = decodeURIComponent(m[1]);
    let grant: SocketGrant;
    try {
      grant = await authorize(req, docId);
    } catch (e) {
      log.error('authorize failed', { error: String(e) });
      return refuse(socket, 'Forbidden');
    }
    if (!grant.ok) return refuse(socket, grant.refusal);
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, docId, grant));
  });

  function serve(ws: WebSocket, docId: string, grant: Extract<SocketGrant, { ok: true }>) {
    const peer: Peer = {
      id: crypto.randomUUID(),
      userId: grant.userId,
      readOnly: grant.readOnly,
      awarenessIds: new Set(),
      send: (m) => {
        lastSent = Date.now();
        if (ws.readyState === ws.OPEN) ws.send(m, (err) => err && ws.terminate());
      },
      close: (code, reason) => ws.close(code, reason),
    };
    // Messages that arrive while the room loads are kept, in order, and replayed once it is ready.
    const early: Uint8Array[] = [];
    let room: Room | null = null;
    let closed = false;
    let alive = true;
    let lastSent = Date.now();
    // y-websocket clients reconnect after 30 s without a message; someone alone in a report gets none, so
    // a quiet socket gets an empty awareness update (a no-op for the client) now and then.
    const keepalive = setInterval(() => {
      if (Date.now() - lastSent >= KEEPALIVE_MS) peer.send(EMPTY_AWARENESS);
    }, KEEPALIVE_MS / 2);
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer) => {
      const u = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      if (room) room.receive(peer, u);
      else early.push(u);
    });
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, PING_EVERY_MS);
    ws.on('close', () => {
      closed = true;
      clearInterval(ping);
      clearInterval(keepalive);
      if (room) {
        room.leave(peer);
        void rooms.releaseIfIdle(room);
      }
    });
    ws.on('error', (e) => log.debug('socket error', { error: String(e) }));

    rooms.open(docId).then(
      (r) => {
        if (closed) return void rooms.releaseIfIdle(r);
        room = r;
        r.join(peer);
        for (const m of early.splice(0)) r.receive(peer, m);
      },
      () => ws.close(CloseCodes.LoadFailed.code, CloseCodes.LoadFailed.reason),
    );
  }

  return {
    wss,
    /** Closes every socket (clients reconnect elsewhere or later). */
    close() {
      for (const ws of wss.clients) ws.close(CloseCodes.ServerShutdown.code, CloseCodes.ServerShutdown.reason);
      wss.close();
    },
  };
}
