import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as bc from 'lib0/broadcastchannel';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };
type ProviderOptions = ConstructorParameters<typeof WebsocketProvider>[3];

const MESSAGE_SYNC = 0; // y-websocket's messageSync
const MESSAGE_AWARENESS = 1; // y-websocket's messageAwareness
/** While updates are held, how often to look whether the composition ended without a further edit. */
const HOLD_CHECK_MS = 500;

/**
 * The stock y-websocket client, except for two things.
 * - Presence: the stock awareness handler re-sends every awareness update it *receives* (it ignores the origin), so
 *   with N people in a report each change is echoed N times and presence traffic grows with N². This provider sends
 *   only its own client's entry, and never for updates the provider itself applied from the network.
 * - Input methods: while `holdWhile`'s test says an input method is composing (pinyin letters not yet turned into
 *   characters), local updates are kept here and sent, merged, once it is done. The letters were stored, shown to
 *   everyone, and could be what an automatic version caught and a restore brought back. They are in the local
 *   document (and its IndexedDB copy) all along; a reconnect's handshake would send them like any other edit.
 */
export class NoEchoWebsocketProvider extends WebsocketProvider {
  private held: Uint8Array[] = [];
  private composing: (() => boolean) | null = null;
  private holdCheck: ReturnType<typeof setInterval> | undefined;

  constructor(serverUrl: string, room: string, doc: Y.Doc, opts?: ProviderOptions) {
    // Connect after the handlers are swapped, so not a single echo goes out.
    super(serverUrl, room, doc, { ...opts, connect: false });
    this.doc.off('update', this._updateHandler);
    this._updateHandler = (update: Uint8Array, origin: unknown) => {
      if (origin === this) return; // applied from a remote message
      if (this.composing?.()) {
        this.held.push(update);
        this.holdCheck ??= setInterval(() => { if (!this.composing?.()) this.release(); }, HOLD_CHECK_MS);
        return;
      }
      if (this.held.length) {
        this.held.push(update);
        this.release();
      } else this.sendUpdate(update);
    };
    this.doc.on('update', this._updateHandler);
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

  /** Local updates are held while `composing()` is true (the editor's input method state); null stops it. */
  holdWhile(composing: (() => boolean) | null) {
    this.composing = composing;
    if (!composing) this.release();
  }

  /** Whether local edits are held back (the save state waits for them: web/editor/saveState.ts). */
  get holding() {
    return this.held.length > 0;
  }

  /** Sends what was held, as one update. */
  private release() {
    clearInterval(this.holdCheck);
    this.holdCheck = undefined;
    if (this.held.length === 0) return;
    const update = this.held.length === 1 ? this.held[0] : Y.mergeUpdates(this.held);
    this.held = [];
    this.sendUpdate(update);
  }

  private sendUpdate(update: Uint8Array) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    const ws = this.ws;
    if (this.wsconnected && ws && ws.readyState === ws.OPEN) ws.send(message);
    if (this.bcconnected) bc.publish(this.bcChannel, message, this); // other tabs of this browser
  }

  destroy() {
    this.release();
    super.destroy();
  }
}

/** The sync endpoint of the page's own origin (the dev server proxies /api, websockets included). */
export const syncUrl = () => `${location.origin.replace(/^http/, 'ws')}/api/sync`;
