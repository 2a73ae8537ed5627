// Core: domain errors. Each carries a kind that the API maps to an HTTP status in one place (http/errors.ts).
export type ErrorKind =
  | 'validation'
  | 'not_found'
  | 'forbidden'
  /** Needs a signed-in person (a session): 401, and pages offer the sign-in link. */
  | 'unauthorized'
  | 'conflict'
  | 'rate_limited';

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: FieldIssue[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const validationError = (details: FieldIssue[]) =>
  new AppError('validation', 'validation_failed', 'Some fields need attention.', details);

export const notFound = (what = 'event') =>
  new AppError('not_found', 'not_found', `That ${what} does not exist or is not published.`);

/** A signed-in person is needed. */
export const signInNeeded = () => new AppError('unauthorized', 'sign_in_needed', 'Sign in to do this.');
