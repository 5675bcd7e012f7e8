import { DOC_TOO_LARGE_CLOSE } from '../../shared/doc/limits.js';
import { REMOVED_CLOSE, ROLE_CHANGED_CLOSE, SIGNED_OUT_CLOSE, WRITE_REFUSED_CLOSE } from '../../shared/doc/accessCloses.js';

/** A connection as a room sees it: a way to send, whether it may write, and the awareness ids it speaks for. */
export interface Peer {
  readonly id: string;
  readonly userId: string;
  /** Changes when the member's role does (revocation re-checks it). */
  readOnly: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Awareness client ids announced over this connection, removed for everyone when it closes. */
  readonly awarenessIds: Set<number>;
}

/** Named WebSocket close codes (4xxx is the application range). */
export const CloseCodes = {
  ServerShutdown: { code: 1001, reason: 'Server shutting down' },
  StorageFailed: { code: 4500, reason: 'Storage failed' },
  LoadFailed: { code: 4501, reason: 'Document could not be loaded' },
  /** Undecodable or invalid frame; nothing of it was applied. */
  InvalidMessage: { code: 4400, reason: 'Invalid message' },
  /** Session ended (signed out, expired). */
  Unauthorized: { code: SIGNED_OUT_CLOSE, reason: 'Unauthorized' },
  /** No longer a member of the report's space. */
  Forbidden: { code: REMOVED_CLOSE, reason: 'Forbidden' },
  /** Now reads where it wrote, or writes where it read: reconnect under the new role. */
  RoleChanged: { code: ROLE_CHANGED_CLOSE, reason: 'Role changed' },
  /** A reader sent edits of its own (made before a demotion); none were applied. Final for stock clients. */
  WriteRefused: { code: WRITE_REFUSED_CLOSE, reason: 'Read only' },
  /** Did not read what it was sent (outgoing buffer over its cap). */
  SlowReader: { code: 4408, reason: 'Too slow' },
  TooManyMessages: { code: 4429, reason: 'Too many messages' },
  /** The edit would take the document past its size limit (shared/doc/limits.ts); nothing of it was applied. */
  DocumentTooLarge: { code: DOC_TOO_LARGE_CLOSE, reason: 'Document too large' },
} as const;

/** Upgrade refusals, answered as plain HTTP statuses before the socket opens. */
export const UpgradeRefusals = {
  Unauthorized: { status: 401, text: 'Unauthorized' },
  Forbidden: { status: 403, text: 'Forbidden' },
  NotFound: { status: 404, text: 'Not Found' },
  TooMany: { status: 429, text: 'Too Many Requests' },
} as const;
