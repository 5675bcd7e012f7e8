import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import { NoEchoWebsocketProvider } from '../../web/editor/provider.js';
import { eventually, signedUp, sleep, spaceWith, type TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

type ProviderClass = typeof WebsocketProvider;

/** A client whose socket counts the frames it sends, so we can see who talks. */
function countingClient(Provider: ProviderClass, user: TestUser, reportId: string) {
  const sent = { frames: 0 };
  class CountingWS extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie: user.cookie }, origin: user.base });
    }
    send(data: any, ...rest: any[]) {
      sent.frames++;
      return (super.send as any)(data, ...rest);
    }
  }
  const doc = new Y.Doc();
  const provider = new Provider(user.base.replace('http', 'ws') + '/api/sync', reportId, doc, { WebSocketPolyfill: CountingWS as any, disableBc: true });
  const synced = new Promise<void>((res) => provider.on('sync', (s: boolean) => s && res()));
  return { doc, provider, sent, synced, close: () => { provider.destroy(); doc.destroy(); } };
}

/** Three people in a report; A changes its presence once; returns the frames B and C sent afterwards. */
async function echoFramesAfterOneChange(Provider: ProviderClass, s: TestServer) {
  const [a, b, c] = await signedUp(s.base, 'Ann', 'Bob', 'Cai');
  const spaceId = await spaceWith(a, [[b, 'editor'], [c, 'editor']]);
  const report = await a.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' });
  const clients = [a, b, c].map((u) => countingClient(Provider, u, report.json.id));
  try {
    await Promise.all(clients.map((cl) => cl.synced));
    clients.forEach((cl, i) => cl.provider.awareness.setLocalStateField('user', { name: ['Ann', 'Bob', 'Cai'][i] }));
    // Everyone sees everyone, then the room is quiet.
    await eventually(() => clients.every((cl) => cl.provider.awareness.getStates().size === 3), 'all three present');
    await sleep(300);
    const [A, B, C] = clients;
    B.sent.frames = 0;
    C.sent.frames = 0;
    A.provider.awareness.setLocalStateField('cursor', { anchor: { tname: 'default', assoc: 0 }, head: { tname: 'default', assoc: 0 } });
    const aId = A.doc.clientID;
    await eventually(() => [B, C].every((cl) => cl.provider.awareness.getStates().get(aId)?.cursor), "B and C see A's change");
    await sleep(300); // give any echo time to leave
    return { b: B.sent.frames, c: C.sent.frames };
  } finally {
    clients.forEach((cl) => cl.close());
  }
}

describe('web sync provider', () => {
  let s: TestServer;
  beforeAll(async () => { s = await startTestServer(); });
  afterAll(async () => { await s?.close(); });

  it('does not send back awareness it received', async () => {
    expect(await echoFramesAfterOneChange(NoEchoWebsocketProvider, s)).toEqual({ b: 0, c: 0 });
  });

  it('(control) the stock provider does echo, so the test above can fail', async () => {
    const echoed = await echoFramesAfterOneChange(WebsocketProvider, s);
    expect(echoed.b + echoed.c).toBeGreaterThan(0);
  });

  it('still sends its own presence and edits', async () => {
    const [a, b] = await signedUp(s.base, 'Dee', 'Eli');
    const spaceId = await spaceWith(a, [[b, 'editor']]);
    const report = await a.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W13' });
    const [A, B] = [a, b].map((u) => countingClient(NoEchoWebsocketProvider, u, report.json.id));
    try {
      await Promise.all([A.synced, B.synced]);
      A.provider.awareness.setLocalStateField('user', { name: 'Dee' });
      await eventually(() => B.provider.awareness.getStates().get(A.doc.clientID)?.user?.name === 'Dee', 'B sees A');
      // In the editor's fragment: the server refuses content anywhere else.
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('hello')]);
      A.doc.getXmlFragment('default').push([p]);
      await eventually(() => B.doc.getXmlFragment('default').toString().includes('hello'), 'B gets the edit');
      A.close();
      await eventually(() => !B.provider.awareness.getStates().has(A.doc.clientID), 'A leaves B');
    } finally {
      B.close();
    }
  });
});
