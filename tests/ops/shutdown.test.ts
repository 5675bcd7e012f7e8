/**
 * Graceful shutdown (issue 14): SIGTERM to the built server closes its sockets with 1001 (which the editor
 * reconnects on), stores what it holds, logs "stopped" and exits 0; a server started again on the same data has
 * every edit.
 */
import { describe, expect, it } from 'vitest';
import { appendParagraph, connect, eventually, signedUp, spaceWith } from '../helpers/client.js';
import { ChildServer } from '../helpers/childServer.js';
import { rawSocket } from '../helpers/rawSocket.js';

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
});
