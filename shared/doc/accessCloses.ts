/**
 * The WebSocket close codes that end a person's access to a report's socket (server/sync/peer.ts CloseCodes): the app
 * stops editing and says why instead of showing "reconnecting" to someone who cannot come back.
 */
export const SIGNED_OUT_CLOSE = 4401;
/** No longer a member of the report's space (removed, or the space is gone). */
export const REMOVED_CLOSE = 4403;
