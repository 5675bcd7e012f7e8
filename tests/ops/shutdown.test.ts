/**
 * Graceful shutdown (issue 14): SIGTERM to the built server closes its sockets with 1001 (which the editor
 * reconnects on), stores what it holds, logs "stopped" and exits 0; a server started again on the same data has
 * every edit.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { appendParagraph, connect, eventually, signedUp, spaceWith } from '../helpers/client.js';
import { ChildServer } from '../helpers/childServer.js';
import { rawSocket } from '../helpers/rawSocket.js';
import { startTestServer } from '../helpers/server.js';

describe('SIGTERM', () => {
  it('closes sockets with 1001, stores everything, exits 0; a restart has every edit', async () => {
    const s = new ChildServer(undefined, { LOG_LEVEL: 'info' });
    await s.start();
    try {
      const [owner] = await signedUp(s.base, 'Owner');
      const spaceId = await spaceWith(owner);
      const reportId = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2025-W40' })).json.id as string;
      const writer = connect(owner, reportId);
      await writer.synced;
      const watcher = await rawSocket(owner, reportId);
      for (let i = 0; i < 100; i++) appendParagraph(writer, `line ${i} 关机前`);
      // The server has them all once the other socket has been sent the last one.
      await eventually(() => Buffer.concat(watcher.received).includes(Buffer.from('line 99 关机前')), 'last line relayed');
      const exited = new Promise<number | null>((r) => s.proc!.once('exit', (code) => r(code)));
      s.proc!.kill('SIGTERM');
      expect(await watcher.closed).toBe(1001);
      expect(await exited).toBe(0);
      expect(s.output).toContain('"msg":"stopped"');
      writer.close();

      await s.start(); // same port and data directory
      const again = connect(owner, reportId);
      await again.synced;
      for (let i = 0; i < 100; i++) expect(again.text()).toContain(`line ${i} 关机前`);
      again.close();
    } finally {
      await s.kill();
    }
  });

  // A browser keeps its HTTP connections alive and keeps asking (retries, status checks) while its socket is down:
  // a connection that is never idle held server.close() open for good (CI: a test hung for 180 s on it).
  it('stops although a client keeps sending requests on a kept-alive connection', async () => {
    const s = await startTestServer();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: unknown) => new Promise<number>((resolve) => {
      const req = http.request(`${s.base}${path}`, { method, agent, headers: body ? { 'content-type': 'application/json', origin: s.base } : {} }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
      req.end(body ? JSON.stringify(body) : undefined);
    });
    expect(await send('GET', '/api/health')).toBe(200);
    // A sign-up (its password hash takes a while) is under way when close() starts: the connection is not idle then.
    const received = new Promise((r) => s.http.once('request', r));
    const inFlight = send('POST', '/api/auth/sign-up/email', { name: 'Late', email: 'late@example.com', password: 'a long enough password' });
    let asking = true;
    const asked = (async () => {
      await inFlight;
      while (asking) {
        await send('GET', '/api/health');
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await received;
    const closed = s.close().then(() => 'closed');
    const bound = new Promise((r) => setTimeout(() => r('still open 20 s after close()'), 20_000).unref());
    expect(await Promise.race([closed, bound])).toBe('closed');
    asking = false;
    expect(await inFlight).toBe(200); // answered, not cut off
    await asked;
    agent.destroy();
  });
});

