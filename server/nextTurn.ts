/**
 * Waits for the event loop's next turn, after the I/O that came in meanwhile (setImmediate): long work for one
 * request (a 2 MB import, its first index) is cut into pieces between which every socket and request is served.
 */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
