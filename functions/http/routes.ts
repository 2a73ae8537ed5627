// HTTP kit: a route declared once (method, path, what it validates and answers, its handler). The same declarations
// mount on the app (`mount`) and make the OpenAPI document (`routeDocs`), so routing and documentation cannot drift.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type * as z from 'zod';
import { formProblemResponse, readForm } from './form.ts';
import { jsonBody, query } from './validation.ts';

type Method = 'get' | 'post' | 'put' | 'delete';
type Responses = Record<number, { description: string; schema?: z.ZodType }>;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a route accepts and answers, with its full path: one entry of the OpenAPI document. */
export interface RouteDoc {
  method: Method;
  /** Hono-style path, e.g. /api/events/:id */
  path: string;
  summary: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Responses;
}

export interface Route<D, B extends z.ZodType | undefined = z.ZodType | undefined, Q extends z.ZodObject | undefined = z.ZodObject | undefined> {
  method: Method;
  /** Below the group's base; '' is the base itself. */
  path: string;
  /** Without one, the route is left out of the OpenAPI document (server-rendered pages). */
  summary?: string;
  /**
   * A JSON body validated before the handler runs: not JSON is a 415, not parseable or not an object a 400 naming
   * `body`, invalid fields a 400 naming each.
   */
  body?: B;
  /**
   * An HTML form post (application/x-www-form-urlencoded) answered with a page: a body of another type (415) or too
   * large (413) gets the friendly page of form.ts before the handler runs. The handler gets the fields as `form` and
   * answers invalid ones with the form and its errors, as a 4xx page.
   * Routes outside /api/ that take a body are form routes (test/api/bad-bodies.test.ts holds them to that).
   */
  form?: true;
  query?: Q;
  /** A body the handler reads itself (one-click unsubscribe form posts), documented but not validated here. */
  documentedBody?: z.ZodType;
  responses?: Responses;
  /** `form`: the fields of a form route's body (empty for other routes). */
  handle(input: { deps: D; c: Context; body: Parsed<B>; query: Parsed<Q>; form: URLSearchParams }): Response | Promise<Response>;
}

/** A capability's routes under one base path, and the Deps its handlers are given. */
export interface RouteGroup<D> {
  base: string;
  routes: Route<D, never, never>[];
}

/** Declares one route, inferring its body and query types from the schemas given. */
export const routeOf =
  <D>() =>
  <B extends z.ZodType | undefined = undefined, Q extends z.ZodObject | undefined = undefined>(route: Route<D, B, Q>) =>
    route as unknown as Route<D, never, never>;

const fullPath = (base: string, path: string) => base + path || '/';

/** Form routes' fields, read once by formChecks for the handler. */
const formFields = new WeakMap<Request, URLSearchParams>();

/** A form route's body is readable, of the right type and size, before its handler runs. */
const formChecks: MiddlewareHandler = async (c, next) => {
  const read = await readForm(c);
  if (!read.ok) return formProblemResponse(c, read.reason);
  formFields.set(c.req.raw, read.fields);
  await next();
};

export function mount<D>(app: Hono<any>, group: RouteGroup<D>, deps: D): void {
  const on = app.on.bind(app) as unknown as (method: string, path: string, ...handlers: ((c: Context, next: () => Promise<void>) => unknown)[]) => void;
  for (const route of group.routes as Route<D>[]) {
    const checks: MiddlewareHandler[] = [
      ...(route.body ? jsonBody(route.body) : []),
      ...(route.form ? [formChecks] : []),
      ...(route.query ? [query(route.query)] : []),
    ];
    on(route.method.toUpperCase(), fullPath(group.base, route.path), ...checks, (c: Context) => {
      const valid = (target: 'json' | 'query') => (c.req.valid as (this: typeof c.req, t: typeof target) => never).call(c.req, target);
      const form = formFields.get(c.req.raw) ?? new URLSearchParams();
      return route.handle({ deps, c, body: route.body ? valid('json') : (undefined as never), query: route.query ? valid('query') : (undefined as never), form });
    });
  }
}

export function routeDocs(group: RouteGroup<unknown>): RouteDoc[] {
  return (group.routes as Route<unknown>[]).flatMap((r) => {
    if (!r.summary) return [];
    const body = r.body ?? r.documentedBody;
    return [{ method: r.method, path: fullPath(group.base, r.path), summary: r.summary, ...(r.query ? { query: r.query } : {}), ...(body ? { body } : {}), responses: r.responses ?? {} }];
  });
}
