import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error type of the app: a stable code, an HTTP status, a human message. Mapped once in app.onError. */
export class AppError extends Error {
  constructor(readonly status: ContentfulStatusCode, readonly code: string, message: string) {
    super(message);
  }
}

export const badRequest = (code: string, message: string) => new AppError(400, code, message);
export const unauthorized = (message = 'Sign in first.') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'You are not allowed to do that.') => new AppError(403, 'forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found.`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const tooLarge = (message: string) => new AppError(413, 'too_large', message);
export const tooMany = (code: string, message: string) => new AppError(429, code, message);

/** The contract's error body. */
export const errorBody = (code: string, message: string) => ({ error: { code, message } });
