import { hc } from 'hono/client';
import { createAuthClient } from 'better-auth/react';
import { inferAdditionalFields } from 'better-auth/client/plugins';
import type { AppType } from '../server/app.js';

/** Typed client of the server's routes: `api.api.spaces.$get()` etc. */
export const api = hc<AppType>(location.origin);

/** better-auth's own client: sign up / in / out, the session hook, and the user's stored `locale` (server/auth.ts). */
export const authClient = createAuthClient({
  baseURL: `${location.origin}/api/auth`,
  plugins: [inferAdditionalFields({ user: { locale: { type: 'string', required: false } } })],
});

export { canComment, canEdit, canManage, roles, type Role } from '../shared/roles.js';

/** An error in the contract's shape `{error: {code, message}}`, or a transport failure (`network`). People read it through errorText (web/i18n/errors.ts), by code. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** Awaits a hono client call; returns its JSON or throws ApiError with the server's message. */
export async function unwrap<T>(call: Promise<{ ok: boolean; status: number; json(): Promise<T> }>): Promise<T> {
  let res;
  try {
    res = await call;
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection.');
  }
  if (res.ok) return res.json();
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  throw new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `Request failed (${res.status}).`);
}
