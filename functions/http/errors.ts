// HTTP kit: the one place errors become HTTP answers. Known errors say what went wrong; unknown ones are logged, never shown.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorKind, type FieldIssue } from '#functions/core/errors.ts';
import type { Logger } from '#functions/core/log.ts';
import { renderPage } from '#views/layout.ts';

const statusOf: Record<ErrorKind, ContentfulStatusCode> = {
  validation: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

interface ErrorBody {
  error: string;
  message: string;
  details?: FieldIssue[];
}

const fromHttp: Record<number, ErrorBody> = {
  400: { error: 'malformed_json', message: 'The request body is not valid JSON.', details: [{ field: 'body', message: 'Not valid JSON' }] },
  413: { error: 'payload_too_large', message: 'The request body is too large.', details: [{ field: 'body', message: 'Too large' }] },
  415: {
    error: 'unsupported_media_type',
    message: 'Send the body as JSON with Content-Type: application/json.',
    details: [{ field: 'content-type', message: 'Must be application/json' }],
  },
};

export function errorResponse(error: unknown, c: Context, logger: Logger): Response {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
    if (error.retryAfterSeconds) headers['Retry-After'] = String(error.retryAfterSeconds);
    return c.json(body, statusOf[error.kind], headers);
  }
  if (error instanceof HTTPException && error.status < 500) {
    const body = fromHttp[error.status] ?? { error: 'bad_request', message: 'The request could not be understood.' };
    return c.json(body, error.status as ContentfulStatusCode);
  }
  logger.error('unhandled error', {
    requestId: c.get('requestId'),
    name: (error as Error)?.name,
    error: (error as Error)?.message,
    stack: (error as Error)?.stack,
  });
  if (!c.req.path.startsWith('/api/')) return c.html(errorPage(), 500);
  return c.json({ error: 'internal_error', message: 'Something went wrong on our side. Please try again.' }, 500);
}

const errorPage = () =>
  renderPage({
    title: 'Something went wrong · Signpost',
    description: 'Something went wrong on our side.',
    main: '<h1>Something went wrong on our side</h1>\n<p>Please try again in a minute. If it keeps happening, the meetup itself is safe: nothing was changed.</p>\n<p><a href="/">See upcoming meetups</a></p>',
  });

export const notFoundResponse = (c: Context) =>
  c.json({ error: 'not_found', message: 'There is nothing at this address.' }, 404);
