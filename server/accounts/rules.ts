import { APIError, createAuthMiddleware } from 'better-auth/api';
import { COMMON_PASSWORDS } from './commonPasswords.js';
import { unstorableText } from '../storableText.js';

/** Names and emails are shown in every members list and mention menu: keep them bounded. */
export const NAME_MAX = 100;
/** RFC 5321's limit for a forward path. */
export const EMAIL_MAX = 254;
export const IMAGE_MAX = 2048;

const common = new Set(COMMON_PASSWORDS);

/** Why a new password is refused, or null. Length bounds are better-auth's (8 to 128). */
export function passwordProblem(password: string): string | null {
  const p = password.trim().toLowerCase();
  if (p === '') return 'The password cannot be blank or only spaces.';
  // One character repeated (eight spaces, "aaaaaaaa", "11111111") is guessed first.
  if (new Set(p).size === 1) return 'The password cannot be one character repeated.';
  if (common.has(p)) return 'This password is one of the most common ones; choose another.';
  return null;
}

/** Why a user's name, email or image is refused, or null; only the fields present are checked. */
export function userFieldsProblem(u: { name?: unknown; email?: unknown; image?: unknown }): { code: string; message: string } | null {
  if (typeof u.name === 'string') {
    if (u.name.trim() === '') return { code: 'NAME_REQUIRED', message: 'The name cannot be blank.' };
    const bad = unstorableText(u.name);
    if (bad) return { code: 'NAME_INVALID', message: `The name ${bad}.` };
    if ([...u.name].length > NAME_MAX) return { code: 'NAME_TOO_LONG', message: `The name is longer than ${NAME_MAX} characters.` };
  }
  if (typeof u.email === 'string' && u.email.length > EMAIL_MAX) return { code: 'EMAIL_TOO_LONG', message: `The email address is longer than ${EMAIL_MAX} characters.` };
  if (typeof u.image === 'string' && u.image.length > IMAGE_MAX) return { code: 'IMAGE_TOO_LONG', message: `The image URL is longer than ${IMAGE_MAX} characters.` };
  return null;
}

const FIELD_PATHS = new Set(['/sign-up/email', '/update-user', '/change-email']);
const refuse = (code: string, message: string) => new APIError('BAD_REQUEST', { code, message });

/** better-auth options: the password rule before any endpoint that sets one, field limits on every write of a user. */
export const accountRules = {
  hooks: {
    before: createAuthMiddleware(async (ctx) => {
      const body = ctx.body as Record<string, unknown> | undefined;
      // Sign-up takes `password`; change, reset and set take `newPassword`. Sign-in is not checked: old accounts keep working.
      const next = ctx.path === '/sign-up/email' ? body?.password : body?.newPassword;
      if (typeof next === 'string') {
        const problem = passwordProblem(next);
        if (problem) throw refuse('PASSWORD_TOO_WEAK', problem);
      }
      // Checked here as well as in the database hooks, so that a refused sign-up fails before its password is hashed.
      if (body && FIELD_PATHS.has(ctx.path)) {
        const problem = userFieldsProblem({ name: body.name, email: body.email ?? body.newEmail, image: body.image });
        if (problem) throw refuse(problem.code, problem.message);
      }
    }),
  },
  databaseHooks: {
    user: {
      create: { before: async (user: Record<string, unknown>) => check(user) },
      update: { before: async (user: Record<string, unknown>) => check(user) },
    },
  },
};

async function check(user: Record<string, unknown>) {
  const problem = userFieldsProblem(user);
  if (problem) throw refuse(problem.code, problem.message);
}
