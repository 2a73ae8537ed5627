// HTTP kit: what a route accepts and answers, written beside the route; apps/api turns them into the OpenAPI document.
import type * as z from 'zod';

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Hono-style path, e.g. /api/events/:id */
  path: string;
  summary: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

