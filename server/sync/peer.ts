/** A connection as a room sees it: a way to send, whether it may write, and the awareness ids it speaks for. */
export interface Peer {
  readonly id: string;
  readonly userId: string;
  readonly readOnly: boolean;
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
} as const;

/** Upgrade refusals, answered as plain HTTP statuses before the socket opens. */
export const UpgradeRefusals = {
  Unauthorized: { status: 401, text: 'Unauthorized' },
  Forbidden: { status: 403, text: 'Forbidden' },
  NotFound: { status: 404, text: 'Not Found' },
} as const;
