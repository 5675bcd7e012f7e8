/**
 * The WebSocket close codes that end a person's access to a report's socket (server/sync/peer.ts CloseCodes): the app
 * stops editing and says why instead of showing "reconnecting" to someone who cannot come back.
 */
export const SIGNED_OUT_CLOSE = 4401;
/** No longer a member of the report's space (removed, or the space is gone). */
export const REMOVED_CLOSE = 4403;
/**
 * The person's role in the space changed between editing and reading (an owner made an editor a viewer, or back): the
 * socket is closed so the client reads its role again and reconnects under it. Below 4400, so stock y-websocket
 * clients reconnect by themselves. Without it a demoted editor kept typing into a page that said "saved" while the
 * server dropped every edit.
 */
export const ROLE_CHANGED_CLOSE = 4009;
/**
 * A reader's socket sent edits of its own (typed before a demotion and kept in the browser): none were applied. The
 * app reads its role again and drops them (useCollab.afterRoleCheck); 44xx, so a stock client does not retry.
 */
export const WRITE_REFUSED_CLOSE = 4405;
