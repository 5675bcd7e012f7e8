/**
 * The report's sync socket the shell opened as the page was parsed (server/shell.ts, earlySocketScript): it has
 * already asked for the whole document, and kept every message that came, in order. The provider adopts it as if it
 * had opened it itself, so the document is applied as soon as the editor's code runs instead of one connection and
 * one round trip later (issue 13, first load).
 */
interface EarlySocket { url: string; ws: WebSocket; queue: MessageEvent[]; closed?: CloseEvent; adopted: boolean }

declare global {
  interface Window { __cadenceEarlySocket?: EarlySocket }
}

/** Sync step 2 (y-protocols: messageSync = 0, messageYjsSyncStep2 = 1): the server's answer with the document. */
const isStep2 = (m: MessageEvent) => m.data instanceof ArrayBuffer && m.data.byteLength > 1 && new Uint8Array(m.data, 0, 2).every((b, i) => b === [0, 1][i]);

/**
 * y-websocket's `WebSocketPolyfill`: the first socket asked for the shell's address is the shell's, handed over once;
 * every other one (reconnects, other reports) is a new WebSocket. y-websocket sets its handlers right after
 * construction, in the same task; the kept messages are replayed after that (a microtask, so before any message that
 * arrives later). Then `close` (the provider reconnects as usual), or `open` once the document has come: the
 * provider's own sync step 1 then carries the whole document's state vector and the server answers with nothing more,
 * instead of sending the document a second time.
 */
export const AdoptingWebSocket = function AdoptingWebSocket(url: string, protocols?: string | string[]): WebSocket {
  const early = typeof window === 'undefined' ? undefined : window.__cadenceEarlySocket;
  if (!early || early.adopted || early.url !== url) return new WebSocket(url, protocols);
  early.adopted = true;
  window.__cadenceEarlySocket = undefined;
  const { ws } = early;
  let providerOpen: WebSocket['onopen'] = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    clearTimeout(timer);
    ws.removeEventListener('message', onMessage);
    const handler = providerOpen;
    providerOpen = null;
    if (handler && ws.readyState === WebSocket.OPEN) handler.call(ws, new Event('open'));
  };
  // After the provider's own handler has applied it.
  const onMessage = (m: MessageEvent) => { if (isStep2(m)) queueMicrotask(open); };
  // A server that never answers the shell's step 1 still gets the provider's.
  const fallback = () => { if (ws.readyState === WebSocket.OPEN) open(); else if (ws.readyState === WebSocket.CONNECTING) timer = setTimeout(fallback, 500); };
  queueMicrotask(() => {
    // The provider's open handler runs when the document is here (the socket's own open event must not run it first).
    providerOpen = ws.onopen;
    ws.onopen = null;
    const hadDocument = early.queue.some(isStep2);
    for (const m of early.queue) ws.onmessage?.(m);
    early.queue.length = 0;
    if (early.closed || ws.readyState >= WebSocket.CLOSING) { providerOpen = null; ws.onclose?.(early.closed ?? new CloseEvent('close')); return; }
    if (hadDocument) { open(); return; }
    ws.addEventListener('message', onMessage);
    ws.addEventListener('close', () => clearTimeout(timer), { once: true });
    timer = setTimeout(fallback, 3000);
  });
  return ws;
} as unknown as typeof WebSocket;
