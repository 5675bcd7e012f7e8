import { ApiError } from '../api.js';
import i18n from './index.js';

/**
 * What people read when something failed: the server's error code (or better-auth's) translated through the
 * catalogue (`errors.<code>`), never the server's English message. Codes stay as the server sends them; a test
 * checks that every code the server can answer with has its entry in both catalogues.
 */
export function errorText(e: unknown): string {
  const o = e && typeof e === 'object' ? (e as { code?: unknown; status?: unknown }) : {};
  const code = typeof o.code === 'string' ? o.code : null;
  const status = typeof o.status === 'number' ? o.status : undefined;
  if (status === 429) return i18n.t('errors.rate_limited');
  if (code && i18n.exists(`errors.${code}`)) return i18n.t(`errors.${code}`, { status });
  if (e instanceof ApiError && status) return status >= 500 ? i18n.t('errors.internal') : i18n.t('errors.http_error', { status });
  return i18n.t('errors.unknown');
}
