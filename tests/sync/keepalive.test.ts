import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NoEchoWebsocketProvider } from '../../web/editor/provider.js';
import { connect, signedUp, sleep, spaceWith, type TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.close(); });

/** The web app's provider, signed in with the user's cookie. */
function appClient(user: TestUser, reportId: string) {
  class AuthWS extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie: user.cookie }, origin: user.base });
    }
  }
  const doc = new Y.Doc();
  const provider = new NoEchoWebsocketProvider(user.base.replace('http', 'ws') + '/api/sync', reportId, doc, { WebSocketPolyfill: AuthWS as any, disableBc: true });
  const synced = new Promise<void>((res) => provider.on('sync', (ok: boolean) => ok && res()));
  return { provider, synced, close: () => { provider.destroy(); doc.destroy(); } };
}

/**
 * The one keepalive test, and the one long sleep: y-websocket drops a socket that hears nothing for 30 s (a fixed
 * constant of the client), and only the server keeps a quiet socket alive (the web provider has no keepalive of its
 * own). Both clients wait out the same 36 s.
 */
it('keeps a client that is alone in a report connected past its 30 s silence limit: stock y-websocket and the app\'s provider', { timeout: 90_000 }, async () => {
  const [u] = await signedUp(s.base, 'Alone');
  const spaceId = await spaceWith(u);
  const report = async (week: string) => (await u.call('POST', `/api/spaces/${spaceId}/reports`, { week })).json.id as string;
  const stock = connect(u, await report('2024-W40'));
  const app = appClient(u, await report('2024-W41'));
  try {
    await Promise.all([stock.synced, app.synced]);
    app.provider.awareness.setLocalStateField('user', { name: 'Alone' }); // as the editor does
    const statuses = { stock: [] as string[], app: [] as string[] };
    stock.provider.on('status', ({ status }: { status: string }) => statuses.stock.push(status));
    app.provider.on('status', ({ status }: { status: string }) => statuses.app.push(status));
    await sleep(36_000);
    expect(statuses).toEqual({ stock: [], app: [] });
    expect(stock.provider.wsconnected).toBe(true);
    expect(app.provider.wsconnected).toBe(true);
  } finally {
    stock.close();
    app.close();
  }
});
