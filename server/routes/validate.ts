import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { badRequest } from '../errors.js';

/** Where a value holds a string with a NUL (`title`, `0.body`, or '' for the value itself); null when none does. */
function nulAt(v: unknown, path = ''): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? path : null;
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const at = nulAt(x, path ? `${path}.${k}` : k);
      if (at !== null) return at;
    }
  }
  return null;
}

/**
 * zod validation whose failures become the contract's 400 `invalid_input` error. A JSON body with a NUL in any string
 * is refused the same way: PostgreSQL's text cannot hold one (a space name or comment with one was a 500 there).
 */
export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path?.length ? `${issue.path.join('.')}: ` : '';
      throw badRequest('invalid_input', `${where}${issue?.message ?? 'invalid input'}`);
    }
    const nul = target === 'json' ? nulAt(result.data) : null;
    if (nul !== null) throw badRequest('invalid_input', `${nul ? `${nul.slice(0, 100)}: ` : ''}must not hold a NUL character`);
  });
