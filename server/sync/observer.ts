/**
 * What the sync layer tells whoever watches it (Prometheus, in server/metrics.ts) as it works. Every method is
 * optional and must be cheap: they run on the hot path. Defined here so that server/sync imports nothing above it.
 */
export interface SyncObserver {
  /** An update was applied to a room's document and queued for storage (a peer's edit or the server's change). */
  applied?(): void;
  /** One batch of updates was appended to the store (durable), taking `seconds`. */
  appended?(seconds: number): void;
  /** The server closed a socket with this code (4400 invalid frame, 4429 over the rate, 4401/4403 access withdrawn, …). */
  closed?(code: number): void;
}
