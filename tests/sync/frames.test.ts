import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { serverFrame } from '../../server/sync/frames.js';

/**
 * server/sync/frames.ts: a message a room sends to many sockets is framed once and the same bytes are written to
 * each. Checked against a real ws client on a real socket, at every length form of the frame header (7-bit, 16-bit,
 * 64-bit) and its edges, interleaved with frames ws itself writes on the same socket (pings, its own sends).
 */
let server: http.Server;
let wss: WebSocketServer;
let port: number;
beforeAll(async () => {
  server = http.createServer();
  wss = new WebSocketServer({ server, perMessageDeflate: false });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  wss.close();
  server.close();
});

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);

it('a real client reads framed messages of every header length intact, in order with ws\'s own frames', async () => {
  const accepted = once(wss, 'connection');
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  client.binaryType = 'nodebuffer';
  const got: Buffer[] = [];
  let pings = 0;
  client.on('message', (m: Buffer) => got.push(m));
  client.on('ping', () => pings++);
  const [ws] = (await accepted) as [WebSocket];
  await once(client, 'open');
  const socket = (ws as unknown as { _socket: import('node:stream').Duplex })._socket;

  const sizes = [0, 1, 125, 126, 127, 65535, 65536, 300_000];
  const sent = sizes.map((n, i) => bytes(n, i));
  // A view into a larger buffer, as y-protocols' encoders return: only the view's bytes may go out.
  const backing = bytes(500, 99);
  sent.push(backing.subarray(100, 150));
  for (const [i, m] of sent.entries()) {
    socket.write(serverFrame(m));
    if (i % 3 === 0) ws.ping();
    if (i === 4) ws.send(Buffer.from('through ws'));
  }
  const expected = [...sent.slice(0, 5).map((m) => Buffer.from(m)), Buffer.from('through ws'), ...sent.slice(5).map((m) => Buffer.from(m))];
  const deadline = Date.now() + 5000;
  while (got.length < expected.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(got.map((b) => b.length)).toEqual(expected.map((b) => b.length));
  for (const [i, b] of got.entries()) expect(b.equals(expected[i]), `message ${i}`).toBe(true);
  expect(pings).toBe(3);
  client.close();
});

it('frames one message once, however many sockets it goes to', () => {
  const m = bytes(40, 7);
  expect(serverFrame(m)).toBe(serverFrame(m));
  expect(serverFrame(bytes(40, 7))).not.toBe(serverFrame(m));
});
