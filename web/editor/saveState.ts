import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';

const MESSAGE_SYNC = 0;

/**
 * Knows whether the server has every local edit. The server answers a sync step 1 only after all it
 * received before is stored (and a socket keeps order), so: when local edits go quiet, send a step 1
 * "probe"; the step 2 that answers it means every edit up to the probe is durable on the server.
 */
export function trackSaved(provider: WebsocketProvider & { readonly holding?: boolean }, doc: Y.Doc, onChange: (pending: boolean) => void) {
  let edited = 0; // local edits so far
  let probed = 0; // edits covered by the last probe sent
  let acked = 0; // edits the server confirmed
  let timer: ReturnType<typeof setTimeout> | undefined;
  const report = () => onChange(acked < edited);

  const probe = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (provider.holding) return probe(); // held while an input method composes (provider.ts): not sent yet
      const ws = provider.ws;
      if (!provider.wsconnected || !provider.synced || !ws || ws.readyState !== ws.OPEN || acked >= edited) return;
      probed = edited;
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(e, doc);
      ws.send(encoding.toUint8Array(e));
    }, 400);
  };

  // Wrap the provider's sync handler to notice step 2 replies.
  const original = provider.messageHandlers[MESSAGE_SYNC];
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, type) => {
    const isStep2 = decoding.peekVarUint(decoder) === syncProtocol.messageYjsSyncStep2;
    original(encoder, decoder, p, emitSynced, type);
    if (isStep2 && probed > acked) { acked = probed; report(); probe(); }
  };

  const onUpdate = (_u: Uint8Array, origin: unknown) => {
    if (origin === provider) return; // came from the server: nothing to save
    edited++;
    report();
    probe();
  };
  // After (re)connecting, the provider's own handshake sends our missing edits; confirm them with a probe.
  const onSync = (synced: boolean) => { if (synced) { probed = Math.min(probed, acked); probe(); } };
  doc.on('update', onUpdate);
  provider.on('sync', onSync);
  return () => {
    clearTimeout(timer);
    doc.off('update', onUpdate);
    provider.off('sync', onSync);
    provider.messageHandlers[MESSAGE_SYNC] = original;
  };
}
