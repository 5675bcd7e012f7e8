/**
 * A small HTTP client for the CLIs: the server's public API with a cookie session, as a browser uses it
 * (the Origin header is required on cookie-carrying writes).
 */
export class CadenceClient {
  private cookies = new Map<string, string>();
  constructor(readonly base: string) {
    this.base = base.replace(/\/+$/, '');
  }

  async call(method: string, path: string, body?: string | Uint8Array | object, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { origin: new URL(this.base).origin, ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: string | Uint8Array | undefined;
    if (typeof body === 'string' || body instanceof Uint8Array) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    let res: Response;
    try {
      res = await fetch(this.base + path, { method, headers: h, body: payload as BodyInit | undefined, redirect: 'manual' });
    } catch (e) {
      throw new Error(`cannot reach ${this.base} (${(e as Error).cause ?? (e as Error).message}); is the server running (npm start)?`);
    }
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      this.cookies.set(kv.slice(0, i).trim(), kv.slice(i + 1).trim());
    }
    const text = await res.text();
    let json: any = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, json, text };
  }

  /** Signs in; with `signUpAs`, creates the account first when signing in fails. */
  async signIn(email: string, password: string, signUpAs?: string) {
    let r = await this.call('POST', '/api/auth/sign-in/email', { email, password });
    if (r.status !== 200 && signUpAs) {
      const up = await this.call('POST', '/api/auth/sign-up/email', { email, password, name: signUpAs });
      if (up.status !== 200) throw new Error(`sign-up of ${email} failed: ${up.status} ${up.json?.message ?? up.text}`);
      r = await this.call('POST', '/api/auth/sign-in/email', { email, password });
    }
    if (r.status !== 200) throw new Error(`sign-in of ${email} failed: ${r.status} ${r.json?.message ?? r.json?.error?.message ?? r.text}`);
  }

  /** The id of the caller's space with this name, created when there is none. */
  async spaceNamed(name: string): Promise<{ id: string; created: boolean }> {
    const list = await this.call('GET', '/api/spaces');
    if (list.status !== 200) throw new Error(`listing spaces failed: ${list.status} ${list.text}`);
    const found = (list.json as { id: string; name: string }[]).find((s) => s.name === name);
    if (found) return { id: found.id, created: false };
    const made = await this.call('POST', '/api/spaces', { name });
    if (made.status !== 201) throw new Error(`creating space "${name}" failed: ${made.status} ${made.text}`);
    return { id: made.json.id, created: true };
  }

  importMarkdown(spaceId: string, body: Uint8Array | string, week?: string) {
    const q = week ? `?week=${encodeURIComponent(week)}` : '';
    return this.call('POST', `/api/spaces/${spaceId}/import${q}`, body, { 'content-type': 'text/markdown; charset=utf-8' });
  }
}
