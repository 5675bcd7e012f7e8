/**
 * How large a report's document may grow (its Yjs encoding). Far above any real report: a 2 MB Markdown import,
 * the largest the import takes, stores well under this. Past it the server takes only edits that remove content, so
 * one editor (or a broken client) cannot make the server hold, store and send without end.
 */
export const MAX_DOC_BYTES = 16 * 1024 * 1024;

/** The WebSocket close code a client is sent when its edit would take the document past MAX_DOC_BYTES. */
export const DOC_TOO_LARGE_CLOSE = 4413;
