// HTTP kit: the one place request bodies and queries are read and validated, driven by the shared zod schemas.
// A JSON body must be JSON (else 415), parse (else 400), and be an object (else 400 naming `body`) before its
// schema sees it; invalid fields are a 400 naming each. (HTML form posts are read by form.ts.)
import type * as z from 'zod';
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { zValidator } from '@hono/zod-validator';
import { AppError, validationError } from '#functions/core/errors.ts';
import { fieldIssues } from './schemas.ts';

const throwIssues = (result: { success: boolean; error?: unknown }) => {
  if (!result.success) throw validationError(fieldIssues(result.error as z.ZodError));
};

const mediaType = (c: Context) => c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
const isJsonType = (type: string) => /^application\/([\w.-]+\+)?json$/.test(type);

/** What a parsed JSON value is, in the words of a message: "null", "a list", "a number". */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'true or false' : typeof value;
}

const bodyError = (code: string, message: string, detail: string) => new AppError('validation', code, message, [{ field: 'body', message: detail }]);

/**
 * The request's JSON body as an object, whatever arrived: the wrong type is a 415, nothing or not JSON a 400, and
 * JSON that is not an object (null, a list, a number, a string, true) a 400 naming `body`. For a route that reads its
 * body itself (documentedBody), so its handler never meets `null` where it expects an object.
 */
export async function jsonObject(c: Context): Promise<Record<string, unknown>> {
  if (!isJsonType(mediaType(c))) throw new HTTPException(415);
  const text = await c.req.text();
  if (!text.trim()) throw bodyError('malformed_json', 'The request body is empty: send a JSON object.', 'Empty; send a JSON object');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HTTPException(400);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw bodyError('validation_failed', 'The request body must be a JSON object, like {"token": "…"}.', `Must be a JSON object, not ${kindOf(value)}`);
  }
  return value as Record<string, unknown>;
}

/** A JSON body checked as above, then against the route's schema; the handler gets the parsed value. */
export const jsonBody = <S extends z.ZodType>(schema: S): MiddlewareHandler[] => [
  async (c, next) => {
    const result = await schema.safeParseAsync(await jsonObject(c));
    if (!result.success) throw validationError(fieldIssues(result.error));
    c.req.addValidatedData('json', result.data as object);
    await next();
  },
];

export const query = <S extends z.ZodType>(schema: S) => zValidator('query', schema, throwIssues);
