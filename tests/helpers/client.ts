import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

let seq = 0;

/** A signed-in user talking to the server the way a browser does: cookie jar plus Origin header. */
export class TestUser {
  cookies: Record<string, string> = {};
  email: string;
  id = '';
  constructor(readonly base: string, readonly name: string) {
    this.email = `${name.toLowerCase()}-${process.pid}-${Date.now()}-${seq++}@example.com`;
  }
  get cookie() {
    return Object.entries(this.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async call(method: string, p: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { origin: this.base, ...headers };
    if (this.cookie) h.cookie = this.cookie;
    let payload: string | Uint8Array<ArrayBuffer> | undefined;
    if (typeof body === 'string' || body instanceof Uint8Array) payload = body as string | Uint8Array<ArrayBuffer>;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const r = await fetch(this.base + p, { method, headers: h, body: payload, redirect: 'manual' });
    for (const c of r.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      this.cookies[kv.slice(0, i).trim()] = kv.slice(i + 1).trim();
    }
    const text = await r.text();
    let json: any = null;
    try { json = JSON.parse(text); } catch {}
    return { status: r.status, json, text, headers: r.headers };
  }
  async signUp() {
    const r = await this.call('POST', '/api/auth/sign-up/email', { email: this.email, password: 'correct horse battery 9', name: this.name });
    if (r.status !== 200) throw new Error(`sign-up failed: ${r.status} ${r.text}`);
    this.id = r.json.user.id;
    return this;
  }
}

export async function signedUp(base: string, ...names: string[]) {
  return Promise.all(names.map((n) => new TestUser(base, n).signUp()));
}

/** A space owned by `owner` with the others added in the given roles. */
export async function spaceWith(owner: TestUser, members: [TestUser, string][] = [], name = 'Payments') {
  const sp = await owner.call('POST', '/api/spaces', { name });
  for (const [u, role] of members) {
    const r = await owner.call('POST', `/api/spaces/${sp.json.id}/members`, { email: u.email, role });
    if (r.status !== 201) throw new Error(`add member failed: ${r.text}`);
  }
  return sp.json.id as string;
}

/** The stock y-websocket client, authenticated with the user's cookie (Node has no global WebSocket). */
export function connect(user: TestUser, reportId: string) {
  const { cookie, base } = user;
  class AuthWS extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie }, origin: base });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(base.replace('http', 'ws') + '/api/sync', reportId, doc, { WebSocketPolyfill: AuthWS as any, disableBc: true });
  const synced = new Promise<void>((res, rej) => {
    const t = setTimeout(() => rej(new Error('not synced')), 8000);
    provider.on('sync', (s: boolean) => { if (s) { clearTimeout(t); res(); } });
  });
  const frag = doc.getXmlFragment('default');
  return { doc, provider, synced, frag, text: () => frag.toString(), close: () => { provider.destroy(); doc.destroy(); } };
}
export type Conn = ReturnType<typeof connect>;

export function appendParagraph(conn: Conn, text: string) {
  conn.doc.transact(() => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    conn.frag.push([p]);
  });
}

/** Polls until `fn` is truthy; throws with `what` after `ms`. */
export async function eventually<T>(fn: () => T | Promise<T>, what = 'condition', ms = 5000, step = 20): Promise<T> {
  const t0 = Date.now();
  let last: unknown;
  while (Date.now() - t0 < ms) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) { last = e; }
    await new Promise((r) => setTimeout(r, step));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
