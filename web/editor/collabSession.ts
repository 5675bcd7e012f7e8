import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { watchConcurrentFields } from './concurrentFields.js';
import { conflictLog, type ConflictLog } from './conflictLog.js';
import { AdoptingWebSocket } from './earlySocket.js';
import { isOwnClient, rememberClient } from './ownClients.js';
import { NoEchoWebsocketProvider, syncUrl } from './provider.js';

/**
 * One report's live document: the Yjs doc, its IndexedDB copy, its socket to the server, and the field values that
 * this browser's offline edits and others' online ones set at once (found as the copies meet, from the start: the
 * session may be opened before its page).
 */
export interface CollabSession { doc: Y.Doc; provider: NoEchoWebsocketProvider; local: IndexeddbPersistence; conflicts: ConflictLog; stop: () => void }

function open(reportId: string): CollabSession {
  const doc = new Y.Doc();
  rememberClient(doc.clientID);
  const local = new IndexeddbPersistence(reportId, doc);
  const provider = new NoEchoWebsocketProvider(syncUrl(), reportId, doc, { maxBackoffTime: 5000, WebSocketPolyfill: AdoptingWebSocket });
  const conflicts = conflictLog();
  const unwatch = watchConcurrentFields(doc, {
    // Yjs takes a new client id when it meets its own elsewhere: remembered at the next look.
    involves: (id) => { rememberClient(doc.clientID); return isOwnClient(id); },
    onConflicts: conflicts.add,
  });
  doc.on('afterTransaction', conflicts.settle);
  return { doc, local, provider, conflicts, stop: () => { unwatch(); doc.off('afterTransaction', conflicts.settle); } };
}

/** Ends a session: its watchers, socket, local copy and document. */
export const closeSession = (s: CollabSession) => { s.stop(); s.provider.destroy(); void s.local.destroy(); s.doc.destroy(); };

/** Opened ahead of the report page (issue 13, first load): waiting to be taken by useCollab, closed if it never is. */
let early: { reportId: string; session: CollabSession; timer: ReturnType<typeof setTimeout> } | null = null;
/** The reports whose page holds a session now (none is opened early for them). */
const held = new Set<string>();

/**
 * Starts a report's socket and local copy while the editor's code is still loading (routes.tsx calls it once the
 * report is known to be readable), so the document is on its way when the editor comes up.
 */
export function openEarly(reportId: string) {
  if (early?.reportId === reportId || held.has(reportId)) return;
  if (early) { clearTimeout(early.timer); closeSession(early.session); }
  const session = open(reportId);
  early = { reportId, session, timer: setTimeout(() => { if (early?.session === session) { closeSession(session); early = null; } }, 20_000) };
}

/** The report's session: the one opened early when there is one, else a new one. The caller closes it. */
export function takeSession(reportId: string): CollabSession {
  held.add(reportId);
  if (early?.reportId === reportId) {
    const { session, timer } = early;
    clearTimeout(timer);
    early = null;
    return session;
  }
  return open(reportId);
}

/** The page let its session go (it closed it). */
export const releaseSession = (reportId: string) => { held.delete(reportId); };
