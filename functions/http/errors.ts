// HTTP kit: the one place errors become HTTP answers. Known errors say what went wrong; unknown ones are logged, never
// shown. The API and the feeds answer JSON; the server-rendered pages (form posts included) answer a friendly page.
// No error answer is ever cached (Cache-Control: no-store), and none carries a stack trace or an internal message.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorKind, type FieldIssue } from '#functions/core/errors.ts';
import type { Logger } from '#functions/core/log.ts';
import { API_PREFIX, isFeedPath } from '#functions/core/paths.ts';
import { html, joinHtml } from '#views/html.ts';
import { renderPage } from '#views/layout.ts';
import { notFoundMain } from '#views/simple-pages.ts';

const statusOf: Record<ErrorKind, ContentfulStatusCode> = {
  validation: 400,
  forbidden: 403,
  unauthorized: 401,
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

const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** Pages are everything but the API and the calendar feeds, whose callers are programs that read JSON. */
const answersPages = (c: Context) => !c.req.path.startsWith(`${API_PREFIX}/`) && !isFeedPath(c.req.path);

export function errorResponse(error: unknown, c: Context, logger: Logger): Response {
  if (error instanceof AppError) {
    const status = statusOf[error.kind];
    const headers: Record<string, string> = { ...NO_STORE };
    if (error.retryAfterSeconds) headers['Retry-After'] = String(error.retryAfterSeconds);
    if (answersPages(c)) return c.html(errorPage(status, error.message, error.details), status, headers);
    const body: ErrorBody = { error: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
    return c.json(body, status, headers);
  }
  if (error instanceof HTTPException && error.status < 500) {
    const status = error.status as ContentfulStatusCode;
    if (answersPages(c)) return c.html(errorPage(status), status, NO_STORE);
    return c.json(fromHttp[status] ?? { error: 'bad_request', message: 'The request could not be understood.' }, status, NO_STORE);
  }
  logger.error('unhandled error', {
    requestId: c.get('requestId'),
    name: (error as Error)?.name,
    error: (error as Error)?.message,
    stack: (error as Error)?.stack,
  });
  if (answersPages(c)) return c.html(serverErrorPage(), 500, NO_STORE);
  return c.json({ error: 'internal_error', message: 'Something went wrong on our side. Please try again.' }, 500, NO_STORE);
}

/** What a person reads when a page or a form post could not be answered; `message` is a use case's own words. */
const pageWords: Record<number, { title: string; heading: string; text: string }> = {
  400: { title: 'Something was missing', heading: 'We could not read what was sent', text: 'Go back to the form and try again. If you followed a link from an email, copy the whole link.' },
  401: { title: 'Sign in', heading: 'Sign in to carry on', text: 'Signing in takes a minute: we email you a link and a code. No password, no account to create.' },
  403: { title: 'Link not valid', heading: 'This link is not valid', text: 'It may be incomplete or out of date. Copy the whole link from the most recent email.' },
  404: { title: 'Page not found', heading: 'Page not found', text: 'There is nothing at this address.' },
  409: { title: 'Not possible now', heading: 'That is not possible now', text: 'The meetup changed meanwhile. Open its page again to see where it stands.' },
  413: { title: 'Too much to send', heading: 'That was too much to send', text: 'Go back, shorten the longest fields and try again.' },
  415: { title: 'Form not sent', heading: 'The form was not sent as a form', text: 'Go back to the form and send it with its button.' },
  429: { title: 'Too many tries', heading: 'Too many tries', text: 'Please wait a while and try again.' },
};

function errorPage(status: number, message?: string, details: FieldIssue[] = []): string {
  if (status === 404 && !message) return notFoundPage();
  const words = pageWords[status] ?? pageWords[400]!;
  return renderPage({
    title: `${words.title} · Signpost`,
    description: words.heading,
    main: html`<h1>${words.heading}</h1>
${message ? html`<p>${message}</p>\n` : ''}${details.length ? html`<ul>${joinHtml(details.map((d) => html`<li>${d.message}</li>`))}</ul>\n` : ''}<p>${words.text}</p>
${status === 401 ? html`<p><a href="/sign-in">Sign in</a></p>` : html`<p><a href="/">See upcoming meetups</a></p>`}`.toString(),
  });
}

const notFoundPage = () => renderPage({ title: 'Page not found · Signpost', description: 'There is nothing at this address.', main: notFoundMain() });

const serverErrorPage = () =>
  renderPage({
    title: 'Something went wrong · Signpost',
    description: 'Something went wrong on our side.',
    main: '<h1>Something went wrong on our side</h1>\n<p>Please try again in a minute. If it keeps happening, the meetup itself is safe: nothing was changed.</p>\n<p><a href="/">See upcoming meetups</a></p>',
  });

/** No route answers this address: JSON for the API and the feeds, the friendly page for anything else. */
export const notFoundResponse = (c: Context) =>
  answersPages(c)
    ? c.html(notFoundPage(), 404, NO_STORE)
    : c.json({ error: 'not_found', message: 'There is nothing at this address.' }, 404, NO_STORE);
