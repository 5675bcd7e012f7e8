import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { closeSession, releaseSession, takeSession } from './collabSession.js';
import type { ConflictLog } from './conflictLog.js';
import type { NoEchoWebsocketProvider } from './provider.js';
import { trackSaved } from './saveState.js';
import { useUnwrittenDrafts } from './blocks/fieldDrafts.js';
import { DOC_TOO_LARGE_CLOSE } from '../../shared/doc/limits.js';
import { REMOVED_CLOSE, ROLE_CHANGED_CLOSE, SIGNED_OUT_CLOSE, WRITE_REFUSED_CLOSE } from '../../shared/doc/accessCloses.js';

/** `removed` and `signedOut`: the server ended this person's access (final; the editor stops taking edits). */
export type Connection = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'tooLarge' | 'removed' | 'signedOut';
export interface Collab { doc: Y.Doc; provider: NoEchoWebsocketProvider; conflicts: ConflictLog }

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
  // The server closed the socket because this person's role changed between writing and reading (4009), or because
  // as a reader it sent edits of its own (4405, typed before a demotion): the page
  // reads its role again (`roleChanges` counts such closes) and then calls `afterRoleCheck`; until then the socket
  // stays closed, so nothing typed meanwhile is sent under a role that may not write.
  const [roleChanges, setRoleChanges] = useState(0);
  const [generation, setGeneration] = useState(0);
  const session = useRef<{ local: { clearData(): Promise<void> }; provider: NoEchoWebsocketProvider; unsaved: () => boolean; refused: boolean } | null>(null);

  useEffect(() => {
    if (!reportId) return; // not before the report is known to exist and be readable
    // Opened while the page's code loaded, when the report was known to be readable (collabSession.ts), or now.
    const opened = takeSession(reportId);
    const { doc, local, provider } = opened;
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
      if (e?.code === ROLE_CHANGED_CLOSE || e?.code === WRITE_REFUSED_CLOSE) {
        provider.disconnect(); // back once the page knows the role (afterRoleCheck)
        if (session.current && e.code === WRITE_REFUSED_CLOSE) session.current.refused = true;
        setRoleChanges((n) => n + 1);
      }
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
    let unsaved = false;
    const untrack = trackSaved(provider, doc, (p) => { unsaved = p; setPending(p); });
    session.current = { local, provider, unsaved: () => unsaved, refused: false };
    // A session opened early may already be connected and synced.
    if (provider.wsconnected) onStatus({ status: 'connected' });
    if (provider.synced) setSynced(true);
    setCollab({ doc, provider, conflicts: opened.conflicts });
    return () => {
      window.removeEventListener('online', onNetwork);
      window.removeEventListener('offline', onNetwork);
      clearTimeout(retry);
      doc.off('update', onLocalEdit);
      untrack();
      session.current = null;
      closeSession(opened);
      releaseSession(reportId);
      setCollab(null);
      setConnection('connecting');
      setSynced(false);
      setPending(false);
      setTooLarge(false);
      setWithdrawn(null);
    };
  }, [reportId, generation]);

  /**
   * The page read the role again after a 4009 close. Still a writer: reconnect, and what was typed meanwhile is sent.
   * Now a reader: edits not yet stored were made under a role that no longer writes, and the server would never take
   * them; kept here they would show this person a report nobody else sees, and land unseen if they were made an
   * editor again. So when there are any, the local copy is dropped and the report opened afresh from the server
   * (returns true); else the socket reconnects as a reader.
   */
  const afterRoleCheck = useCallback(async (canWrite: boolean): Promise<boolean> => {
    const s = session.current;
    if (!s) return false;
    // A reader whose edits the server refused (4405) has some, whatever the save state says: sent again, refused again.
    if (canWrite || (!s.unsaved() && !s.refused)) {
      s.refused = false;
      s.provider.connect();
      return false;
    }
    await s.local.clearData();
    setGeneration((g) => g + 1);
    return true;
  }, []);

  // A number or date still being typed is not in the document yet: not "saved" (blocks/fieldDrafts.ts).
  const typing = useUnwrittenDrafts();
  const saved = connection === 'connected' && synced && !pending && !typing;
  useEffect(() => { if (saved) setTooLarge(false); }, [saved]);
  return { collab, typing, connection: withdrawn ?? (tooLarge && connection !== 'offline' ? 'tooLarge' as const : connection), synced, saved: saved && !withdrawn, roleChanges, afterRoleCheck };
}
