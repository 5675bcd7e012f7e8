import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { badRequest } from '../errors.js';

/** zod validation whose failures become the contract's 400 `invalid_input` error. */
export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path?.length ? `${issue.path.join('.')}: ` : '';
      throw badRequest('invalid_input', `${where}${issue?.message ?? 'invalid input'}`);
    }
  });
