import crypto from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { logger } from '../log.js';
import { CloseCodes, UpgradeRefusals, type Peer } from './peer.js';
import type { Rooms } from './rooms.js';
import type { Room } from './room.js';
import type { SyncObserver } from './observer.js';
import { serverFrame } from './frames.js';

const log = logger('socket');
const PATH = /^\/api\/sync\/([^/?]+)\/?$/;
const MAX_MESSAGE = 16 * 1024 * 1024;
const PING_EVERY_MS = 30_000;
const KEEPALIVE_MS = 12_000;
/** A socket whose unsent data passes this is not reading: cut it off rather than hold its backlog. */
const MAX_BUFFERED = 8 * 1024 * 1024;
/** Messages per socket: a burst, refilled per second. Typing and cursors stay far below it. */
const RATE_BURST = 1000;
const RATE_PER_SECOND = 300;
/** Bytes per socket, the same way: a paste of a long report is a few MB; a stream of 16 MB frames is not typing. */
/** Byte budget per socket (a tighter one lets a test see the cap without pushing hundreds of megabytes). */
export interface SocketLimits { bytesBurst: number; bytesPerSecond: number }
const DEFAULT_LIMITS: SocketLimits = { bytesBurst: 64 * 1024 * 1024, bytesPerSecond: 16 * 1024 * 1024 };
/** Open sockets per user in one process: many tabs, not thousands. */
const MAX_SOCKETS_PER_USER = 64;
/** Messages kept while a room loads. */
const MAX_EARLY = 1000;
/** Awareness message with no entries: type 1, then a varUint8Array holding the count 0. */
const EMPTY_AWARENESS = new Uint8Array([1, 1, 0]);

/**
 * `access`: what the socket's user may do, as the app names it (a role): a change closes the socket too, even one
 * that keeps it read-only (a viewer made commenter), so that the page reads what it may do again.
 */
export type SocketGrant = { ok: true; userId: string; readOnly: boolean; access?: string } | { ok: false; refusal: keyof typeof UpgradeRefusals };
/** Decides, from the upgrade request's headers (cookie, Origin), who may open which document. `fresh`: a re-check, read nothing kept. */
export type AuthorizeSocket = (headers: http.IncomingHttpHeaders, docId: string, options?: { fresh?: boolean }) => Promise<SocketGrant>;

/**
 * Frames sent to one socket within one turn of the event loop leave in one write: the socket is corked at its first
 * send and uncorked once the turn's callbacks and microtasks are done. A document update and the presence frame
 * riding with it (Room.broadcast) then cost one syscall and one TCP segment instead of two; the socket writes are
 * most of the server's CPU under live editing.
 */
const corked = new Set<Duplex>();
function uncorkAll() {
  for (const s of corked) s.uncork();
  corked.clear();
}
function corkForTurn(socket: Duplex | undefined) {
  if (!socket || corked.has(socket)) return;
  if (corked.size === 0) process.nextTick(uncorkAll);
  socket.cork();
  corked.add(socket);
}
/** ws offers no way to batch frames; its socket can (`_socket`, internal to ws 8: set on open, null before). */
const socketOf = (ws: WebSocket) => (ws as unknown as { _socket?: Duplex })._socket;

function refuse(socket: Duplex, refusal: keyof typeof UpgradeRefusals) {
  const { status, text } = UpgradeRefusals[refusal];
  // A written status (not a reset) lets the client tell "sign in" from "not allowed".
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function docIdOf(url: string | undefined): string | null {
  const m = PATH.exec((url ?? '').split('?')[0]);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null; // a bad percent escape names no document
  }
}

/** One open socket, as the access re-check and the sweep see it. */
interface Connection {
  userId: string;
  access: string | undefined;
  docId: string;
  /** What a re-check needs of the upgrade's headers (the rest is dropped: it was kept per socket for hours). */
  headers: http.IncomingHttpHeaders;
  peer: Peer;
  ws: WebSocket;
  lastSent: number;
  /** Answered the last ping. */
  alive: boolean;
  nextPing: number;
  nextRecheck: number;
}

/** The headers an access check reads: credentials and the Origin. */
const CHECKED_HEADERS = ['cookie', 'authorization', 'origin', 'host'] as const;
const checkedHeaders = (h: http.IncomingHttpHeaders): http.IncomingHttpHeaders => {
  const kept: http.IncomingHttpHeaders = {};
  for (const k of CHECKED_HEADERS) if (typeof h[k] === 'string') kept[k] = h[k];
  return kept;
};

/**
 * Serves /api/sync/:docId on the HTTP server's upgrade event: authorize, then hand the socket to its room.
 * `recheckMs`: sessions can expire or be revoked elsewhere, so every socket re-checks its access this often.
 */
export function attachSyncTransport(server: http.Server, rooms: Rooms, authorize: AuthorizeSocket, options: { recheckMs?: number; observer?: SyncObserver; limits?: Partial<SocketLimits> } = {}) {
  const recheckMs = options.recheckMs ?? 60_000;
  const limits: SocketLimits = { ...DEFAULT_LIMITS, ...options.limits };
  // No permessage-deflate: frames are written framed once for every socket (frames.ts), which needs a sender that
  // never queues (compression would), and a CPU-bound compressor per socket is not what small updates need.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE, perMessageDeflate: false });
  const connections = new Set<Connection>();

  // One sweep over the open sockets instead of three timers on each: keepalive (y-websocket clients reconnect after
  // 30 s without a message; someone alone in a report gets none, so a quiet socket gets an empty awareness update, a
  // no-op for the client), ping (a peer that stopped answering is dropped) and the periodic access re-check.
  const sweepMs = Math.min(KEEPALIVE_MS / 2, recheckMs);
  let sweeper: ReturnType<typeof setInterval> | null = null;
  const sweep = () => {
    const now = Date.now();
    for (const c of connections) {
      if (now - c.lastSent >= KEEPALIVE_MS) c.peer.send(EMPTY_AWARENESS);
      if (now >= c.nextPing) {
        if (!c.alive) {
          c.ws.terminate();
          continue;
        }
        c.alive = false;
        c.nextPing = now + PING_EVERY_MS;
        c.ws.ping();
      }
      if (now >= c.nextRecheck) {
        c.nextRecheck = now + recheckMs;
        void recheckConnection(c);
      }
    }
  };
  const track = (c: Connection) => {
    connections.add(c);
    sweeper ??= setInterval(sweep, sweepMs);
  };
  const untrack = (c: Connection) => {
    connections.delete(c);
    if (connections.size === 0 && sweeper) {
      clearInterval(sweeper);
      sweeper = null;
    }
  };

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', (e) => log.debug('socket error before upgrade', { error: String(e) }));
    upgrade(req, socket, head).catch((e) => {
      log.error('upgrade failed', { error: String(e) });
      socket.destroy();
    });
  });

  async function upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer) {
    const docId = docIdOf(req.url);
    if (docId === null) return refuse(socket, 'NotFound');
    let grant: SocketGrant;
    try {
      grant = await authorize(req.headers, docId);
    } catch (e) {
      log.error('authorize failed', { error: String(e) });
      return refuse(socket, 'Forbidden');
    }
    if (!grant.ok) return refuse(socket, grant.refusal);
    if ([...connections].filter((c) => c.userId === grant.userId).length >= MAX_SOCKETS_PER_USER) return refuse(socket, 'TooMany');
    const headers = checkedHeaders(req.headers);
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, docId, grant, headers));
  }

  function serve(ws: WebSocket, docId: string, grant: Extract<SocketGrant, { ok: true }>, headers: http.IncomingHttpHeaders) {
    let closing = false;
    const close = (c: { code: number; reason: string }) => {
      if (closing) return;
      closing = true;
      options.observer?.closed?.(c.code);
      ws.close(c.code, c.reason);
      // A peer that does not answer the close handshake is dropped all the same.
      setTimeout(() => ws.terminate(), 2000).unref();
    };
    const onSent = (err?: Error | null) => { if (err) ws.terminate(); }; // one callback for every send of this socket
    const peer: Peer = {
      id: crypto.randomUUID(),
      userId: grant.userId,
      readOnly: grant.readOnly,
      awarenessIds: new Set(),
      send: (m) => {
        connection.lastSent = Date.now();
        if (ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > MAX_BUFFERED) {
          log.warn('slow reader cut off', { doc: docId, user: grant.userId, buffered: ws.bufferedAmount });
          return ws.terminate();
        }
        const socket = socketOf(ws);
        if (!socket) return ws.send(m, onSent);
        corkForTurn(socket);
        socket.write(serverFrame(m), onSent);
      },
      close: (code, reason) => close({ code, reason }),
    };
    const opened = Date.now();
    const connection: Connection = { userId: grant.userId, access: grant.access, docId, headers, peer, ws, lastSent: opened, alive: true, nextPing: opened + PING_EVERY_MS, nextRecheck: opened + recheckMs };
    track(connection);
    // Messages that arrive while the room loads are kept, in order, and replayed once it is ready.
    const early: Uint8Array[] = [];
    let room: Room | null = null;
    let closed = false;
    let tokens = RATE_BURST;
    let byteTokens = limits.bytesBurst;
    let refilled = Date.now();
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer) => {
      if (closing) return;
      const now = Date.now();
      const seconds = (now - refilled) / 1000;
      tokens = Math.min(RATE_BURST, tokens + seconds * RATE_PER_SECOND);
      byteTokens = Math.min(limits.bytesBurst, byteTokens + seconds * limits.bytesPerSecond);
      refilled = now;
      byteTokens -= data.byteLength;
      if (--tokens < 0 || byteTokens < 0) {
        log.warn('message rate over the cap', { doc: docId, user: grant.userId });
        return close(CloseCodes.TooManyMessages);
      }
      const u = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      if (room) room.receive(peer, u);
      else if (early.length < MAX_EARLY) early.push(u);
      else close(CloseCodes.TooManyMessages);
    });
    ws.on('pong', () => (connection.alive = true));
    ws.on('close', () => {
      closed = true;
      untrack(connection);
      if (room) {
        room.leave(peer);
        void rooms.releaseIfIdle(room);
      }
    });
    ws.on('error', (e) => log.debug('socket error', { error: String(e) }));

    rooms.openForPeer(docId).then(
      (r) => {
        if (closed) return void rooms.releaseIfIdle(r);
        room = r;
        r.join(peer);
        for (const m of early.splice(0)) r.receive(peer, m);
      },
      () => close(CloseCodes.LoadFailed),
    );
  }

  /** Asks again whether this socket's session and membership still allow it; closes it or narrows it if not. */
  async function recheckConnection(c: Connection) {
    let grant: SocketGrant;
    try {
      grant = await authorize(c.headers, c.docId, { fresh: true });
    } catch (e) {
      return log.warn('access re-check failed; keeping the socket for now', { error: String(e) });
    }
    if (!grant.ok || grant.userId !== c.userId) {
      log.info('access revoked; closing socket', { doc: c.docId, user: c.userId });
      const code = grant.ok || grant.refusal !== 'Unauthorized' ? CloseCodes.Forbidden : CloseCodes.Unauthorized;
      return c.peer.close(code.code, code.reason);
    }
    if (grant.readOnly !== c.peer.readOnly || grant.access !== c.access) {
      // The client must learn it (its page takes edits only under a role that may write, offers comments only to a
      // role that may comment: a viewer made commenter saw no comment button until a reload): closed, it reconnects.
      log.info('role changed; closing socket', { doc: c.docId, user: c.userId, readOnly: grant.readOnly, access: grant.access });
      c.peer.readOnly = grant.readOnly; // nothing more it sends is applied as the old role's
      return c.peer.close(CloseCodes.RoleChanged.code, CloseCodes.RoleChanged.reason);
    }
  }

  return {
    wss,
    /** Re-checks every open socket of one user (membership or session changed), or of everyone. */
    async recheck(userId?: string) {
      const mine = [...connections].filter((c) => !userId || c.userId === userId);
      await Promise.all(mine.map(recheckConnection));
    },
    /** Closes every socket (clients reconnect elsewhere or later). */
    close() {
      if (sweeper) clearInterval(sweeper);
      sweeper = null;
      for (const ws of wss.clients) ws.close(CloseCodes.ServerShutdown.code, CloseCodes.ServerShutdown.reason);
      wss.close();
    },
  };
}
