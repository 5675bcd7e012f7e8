/**
 * The report's sync socket the shell opened as the page was parsed (server/shell.ts, earlySocketScript): it has
 * already asked for the whole document, and kept every message that came, in order. The provider adopts it as if it
 * had opened it itself, so the document is applied as soon as the editor's code runs instead of one connection and
 * one round trip later (issue 13, first load).
 */
interface EarlySocket {
  url: string; ws: WebSocket; queue: MessageEvent[]; closed?: CloseEvent; adopted: boolean;
  /** The shell's sync step 1 went out (on open: the socket may still be connecting when adopted). */
  asked?: boolean;
}

declare global {
  interface Window { __cadenceEarlySocket?: EarlySocket }
}

/** Sync step 2 (y-protocols: messageSync = 0, messageYjsSyncStep2 = 1): the server's answer with the document. */
const isStep2 = (m: MessageEvent) => m.data instanceof ArrayBuffer && m.data.byteLength > 1 && new Uint8Array(m.data, 0, 2).every((b, i) => b === [0, 1][i]);
/** Sync step 1 (messageSync = 0, messageYjsSyncStep1 = 0), as the provider sends it. */
const isStep1 = (data: unknown) => data instanceof Uint8Array && data.length > 1 && data[0] === 0 && data[1] === 0;

/**
 * y-websocket's `WebSocketPolyfill`: the first socket asked for the shell's address is the shell's, handed over once;
 * every other one (reconnects, other reports) is a new WebSocket. y-websocket sets its handlers right after
 * construction, in the same task; the kept messages are replayed after that (a microtask, so before any message that
 * arrives later), then `open` or `close` as the socket is.
 *
 * The provider is open at once, as with a socket of its own: local changes (an offline copy loaded from IndexedDB)
 * go to the server as they come. Only its sync step 1 is left out while the shell's is unanswered: the server's
 * answer to the shell's (everything it has, for an empty state vector) already covers it, and sending both made the
 * server send the whole document twice.
 */
export const AdoptingWebSocket = function AdoptingWebSocket(url: string, protocols?: string | string[]): WebSocket {
  const early = typeof window === 'undefined' ? undefined : window.__cadenceEarlySocket;
  if (!early || early.adopted || early.url !== url) return new WebSocket(url, protocols);
  early.adopted = true;
  window.__cadenceEarlySocket = undefined;
  const { ws } = early;
  const send = ws.send.bind(ws);
  const answered = () => {
    ws.send = send;
    ws.removeEventListener('message', onMessage);
  };
  const onMessage = (m: MessageEvent) => { if (isStep2(m)) answered(); };
  if (early.queue.some(isStep2)) answered();
  else {
    ws.send = (data) => { if (!(early.asked && isStep1(data))) send(data); };
    ws.addEventListener('message', onMessage);
  }
  queueMicrotask(() => {
    for (const m of early.queue) ws.onmessage?.(m);
    early.queue.length = 0;
    if (early.closed || ws.readyState >= WebSocket.CLOSING) ws.onclose?.(early.closed ?? new CloseEvent('close'));
    else if (ws.readyState === WebSocket.OPEN) ws.onopen?.(new Event('open'));
    // CONNECTING: the socket's own open event reaches the provider's handler (the shell's listener sent its step 1 first).
  });
  return ws;
} as unknown as typeof WebSocket;
