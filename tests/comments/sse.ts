import type { TestUser } from '../helpers/client.js';

export interface SseEvent { event: string; data: any }

/**
 * A real HTTP client reading a Server-Sent Events stream: collects events as they arrive. `ready` resolves
 * once the server confirmed the subscription.
 */
export function openEvents(user: TestUser, path: string) {
  const events: SseEvent[] = [];
  const abort = new AbortController();
  let onReady!: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  const done = (async () => {
    const r = await fetch(user.base + path, { headers: { cookie: user.cookie, origin: user.base, accept: 'text/event-stream' }, signal: abort.signal });
    if (r.status !== 200 || !r.body) throw new Error(`events stream answered ${r.status}`);
    const decoder = new TextDecoder();
    let buf = '';
    for await (const chunk of r.body as any as AsyncIterable<Uint8Array>) {
      buf += decoder.decode(chunk, { stream: true });
      let cut;
      while ((cut = buf.indexOf('\n\n')) !== -1) {
        const block = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (data.length === 0) continue; // keepalive comment
        events.push({ event, data: JSON.parse(data.join('\n')) });
        if (event === 'ready') onReady();
      }
    }
  })().catch((e) => {
    if (!abort.signal.aborted) throw e;
  });
  return { events, ready, done, close: () => abort.abort() };
}

/** Status of the events endpoint without keeping the stream. */
export async function eventsStatus(user: TestUser, path: string) {
  const abort = new AbortController();
  const r = await fetch(user.base + path, { headers: { cookie: user.cookie, origin: user.base }, signal: abort.signal });
  abort.abort();
  return r.status;
}
