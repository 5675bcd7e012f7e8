import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { releaseSession, takeSession } from './collabSession.js';
import type { NoEchoWebsocketProvider } from './provider.js';
import { trackSaved } from './saveState.js';
import { DOC_TOO_LARGE_CLOSE } from '../../shared/doc/limits.js';
import { REMOVED_CLOSE, SIGNED_OUT_CLOSE } from '../../shared/doc/accessCloses.js';

/** `removed` and `signedOut`: the server ended this person's access (final; the editor stops taking edits). */
export type Connection = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'tooLarge' | 'removed' | 'signedOut';
export interface Collab { doc: Y.Doc; provider: NoEchoWebsocketProvider }

/**
 * One Yjs document per open report: kept in IndexedDB (edits made offline survive a reload and are
 * sent on reconnect) and synced with the server through the no-echo provider.
 */
export function useCollab(reportId: string | null) {
  const [collab, setCollab] = useState<Collab | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [synced, setSynced] = useState(false);
  const [pending, setPending] = useState(false);
  // The server refused an edit as taking the report past its size limit (it keeps refusing it on every reconnect
  // until the content is removed here): said until the server has every edit again.
  const [tooLarge, setTooLarge] = useState(false);
  // The server closed the socket because this person may no longer read the report (removed from the space, signed
  // out): nothing typed from now on can be saved, so the page stops taking edits and says why.
  const [withdrawn, setWithdrawn] = useState<'removed' | 'signedOut' | null>(null);

  useEffect(() => {
    if (!reportId) return; // not before the report is known to exist and be readable
    // Opened while the page's code loaded, when the report was known to be readable (collabSession.ts), or now.
    const { doc, local, provider } = takeSession(reportId);
    let everConnected = false;
    const offline = () => !navigator.onLine;
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') everConnected = true;
      setConnection(status === 'connected' ? 'connected' : offline() ? 'offline' : everConnected ? 'reconnecting' : 'connecting');
    };
    // Going offline drops the socket at once (edits keep landing in IndexedDB); back online reconnects without waiting for the backoff.
    const onNetwork = () => {
      if (ended) return;
      if (offline()) { provider.disconnect(); setConnection('offline'); }
      else { setConnection(everConnected ? 'reconnecting' : 'connecting'); provider.connect(); }
    };
    provider.on('status', onStatus);
    // The refusal is final for the provider (y-websocket does not reconnect after a 44xx close): the next local
    // edit (removing content, say) tries again, at most once a second, and is refused again if it still does not fit.
    let refused = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let ended = false;
    const onClose = (e: CloseEvent | null) => {
      if (e?.code === DOC_TOO_LARGE_CLOSE) { refused = true; setTooLarge(true); }
      if (e?.code === REMOVED_CLOSE || e?.code === SIGNED_OUT_CLOSE) {
        ended = true;
        provider.disconnect(); // no reconnect: the upgrade would be refused
        setWithdrawn(e.code === REMOVED_CLOSE ? 'removed' : 'signedOut');
      }
    };
    const onLocalEdit = (_u: Uint8Array, origin: unknown) => {
      if (!refused || ended || origin === provider || retry || offline()) return;
      retry = setTimeout(() => { retry = undefined; refused = false; provider.connect(); }, 1000);
    };
    provider.on('connection-close', onClose);
    doc.on('update', onLocalEdit);
    provider.on('sync', setSynced);
    window.addEventListener('online', onNetwork);
    window.addEventListener('offline', onNetwork);
    const untrack = trackSaved(provider, doc, setPending);
    // A session opened early may already be connected and synced.
    if (provider.wsconnected) onStatus({ status: 'connected' });
    if (provider.synced) setSynced(true);
    setCollab({ doc, provider });
    return () => {
      window.removeEventListener('online', onNetwork);
      window.removeEventListener('offline', onNetwork);
      clearTimeout(retry);
      doc.off('update', onLocalEdit);
      untrack();
      provider.destroy();
      local.destroy();
      doc.destroy();
      releaseSession(reportId);
      setCollab(null);
      setConnection('connecting');
      setSynced(false);
      setPending(false);
      setTooLarge(false);
      setWithdrawn(null);
    };
  }, [reportId]);

  const saved = connection === 'connected' && synced && !pending;
  useEffect(() => { if (saved) setTooLarge(false); }, [saved]);
  return { collab, connection: withdrawn ?? (tooLarge && connection !== 'offline' ? 'tooLarge' as const : connection), synced, saved: saved && !withdrawn };
}
