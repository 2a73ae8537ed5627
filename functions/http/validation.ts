// HTTP kit: request validation driven by the shared zod schemas. Failures become 400s naming each field;
// bodies that are not JSON become 415s.
import type * as z from 'zod';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { zValidator } from '@hono/zod-validator';
import { validationError } from '#functions/core/errors.ts';
import { fieldIssues } from './schemas.ts';

const throwIssues = (result: { success: boolean; error?: unknown }) => {
  if (!result.success) throw validationError(fieldIssues(result.error as z.ZodError));
};

/** Refuses bodies that are not JSON before validation, so the caller learns the real problem (415). */
const requireJson: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!/^application\/([\w.-]+\+)?json$/.test(type)) throw new HTTPException(415);
  await next();
};

export const jsonBody = <S extends z.ZodType>(schema: S) => [requireJson, zValidator('json', schema, throwIssues)] as const;
export const query = <S extends z.ZodType>(schema: S) => zValidator('query', schema, throwIssues);
