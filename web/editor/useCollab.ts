import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { releaseSession, takeSession } from './collabSession.js';
import type { NoEchoWebsocketProvider } from './provider.js';
import { trackSaved } from './saveState.js';

export type Connection = 'connecting' | 'connected' | 'reconnecting' | 'offline';
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
      if (offline()) { provider.disconnect(); setConnection('offline'); }
      else { setConnection(everConnected ? 'reconnecting' : 'connecting'); provider.connect(); }
    };
    provider.on('status', onStatus);
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
      untrack();
      provider.destroy();
      local.destroy();
      doc.destroy();
      releaseSession(reportId);
      setCollab(null);
      setConnection('connecting');
      setSynced(false);
      setPending(false);
    };
  }, [reportId]);

  return { collab, connection, synced, saved: connection === 'connected' && synced && !pending };
}
