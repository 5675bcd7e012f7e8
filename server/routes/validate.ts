import { zValidator } from '@hono/zod-validator';
import type { Context, ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { badRequest } from '../errors.js';
import { unstorableText } from '../storableText.js';

/**
 * Where a value holds a string (or an object key) that no database keeps as sent (`title`, `0.body`, or '' for the
 * value itself), and why; null when none does. NULs only in JSON bodies: a search term's are dropped by the search.
 */
function badTextAt(v: unknown, nul: boolean, path = ''): { at: string; why: string } | null {
  const why = (s: string) => unstorableText(s, nul);
  if (typeof v === 'string') {
    const w = why(v);
    return w ? { at: path, why: w } : null;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const at = path ? `${path}.${k}` : k;
      const w = why(k);
      if (w) return { at, why: w };
      const bad = badTextAt(x, nul, at);
      if (bad) return bad;
    }
  }
  return null;
}

/**
 * A JSON route's body is JSON by its Content-Type, and UTF-8: a body that is not is refused rather than read with
 * U+FFFD in place of its bad bytes. Hono keeps the bytes read here, and the validator's JSON parse reads them from
 * its body cache (at most JSON_LIMIT_BYTES).
 */
async function refuseJsonOfAnotherKind(c: Context) {
  // Hono reads a body of another type as `{}`: a text/plain body (or none) to /remind meant "remind everyone".
  if (!/^application\/([\w.-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
    throw badRequest('invalid_json', 'Send the request body as JSON, with Content-Type: application/json.');
  }
  const bytes = await c.req.arrayBuffer();
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('invalid_json', 'The request body is not valid UTF-8.');
  }
}

/**
 * zod validation whose failures become the contract's 400 `invalid_input` error. Strings that a database would not keep
 * as sent are refused the same way: a NUL in a JSON body (PostgreSQL's text cannot hold one: a space name or comment
 * with one was a 500 there) and a lone surrogate anywhere (SQLite and PostgreSQL each read it back differently).
 */
export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) => {
  const zod = zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path?.length ? `${issue.path.join('.')}: ` : '';
      throw badRequest('invalid_input', `${where}${issue?.message ?? 'invalid input'}`);
    }
    const bad = badTextAt(result.data, target === 'json');
    if (bad) throw badRequest('invalid_input', `${bad.at ? `${bad.at.slice(0, 100)}: ` : ''}${bad.why}`);
  });
  if (target !== 'json') return zod;
  return (async (c: Context, next: () => Promise<void>) => {
    await refuseJsonOfAnotherKind(c);
    return zod(c, next);
  }) as unknown as typeof zod;
};
