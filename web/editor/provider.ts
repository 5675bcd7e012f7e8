import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as bc from 'lib0/broadcastchannel';
import * as encoding from 'lib0/encoding';

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };
type ProviderOptions = ConstructorParameters<typeof WebsocketProvider>[3];

const MESSAGE_AWARENESS = 1; // y-websocket's messageAwareness

/**
 * The stock y-websocket client, except for presence: the stock awareness handler re-sends every
 * awareness update it *receives* (it ignores the origin), so with N people in a report each change
 * is echoed N times and presence traffic grows with N². This provider sends only its own client's
 * entry, and never for updates the provider itself applied from the network.
 */
export class NoEchoWebsocketProvider extends WebsocketProvider {
  constructor(serverUrl: string, room: string, doc: Y.Doc, opts?: ProviderOptions) {
    // Connect after the handler is swapped, so not a single echo goes out.
    super(serverUrl, room, doc, { ...opts, connect: false });
    this.awareness.off('update', this._awarenessUpdateHandler);
    // destroy() unregisters whatever this field holds, so assign rather than add a second listener.
    this._awarenessUpdateHandler = ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      if (origin === this) return; // applied from a remote message
      const own = this.doc.clientID;
      if (![...added, ...updated, ...removed].includes(own)) return; // e.g. timeouts of remote peers
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [own]));
      const message = encoding.toUint8Array(encoder);
      const ws = this.ws;
      if (this.wsconnected && ws && ws.readyState === ws.OPEN) ws.send(message);
      if (this.bcconnected) bc.publish(this.bcChannel, message, this); // other tabs of this browser
    };
    this.awareness.on('update', this._awarenessUpdateHandler);
    // No keepalive here: y-websocket drops a socket that hears nothing for 30 s, and the server sends a quiet
    // socket an empty awareness frame now and then (server/sync/transport.ts), for this provider and stock ones.
    if (opts?.connect !== false) this.connect();
  }
}

/** The sync endpoint of the page's own origin (the dev server proxies /api, websockets included). */
export const syncUrl = () => `${location.origin.replace(/^http/, 'ws')}/api/sync`;
