// Events pages: the home page, rendered on the server so its first page of meetups, its search and filters (a plain GET
// form) and its "Next page" link all work without JavaScript. Not in the OpenAPI document: it answers HTML.
import type { Context } from 'hono';
import { AppError, type FieldIssue } from '#functions/core/errors.ts';
import { SITE_PAGES } from '#functions/core/paths.ts';
import { fieldIssues } from '#functions/http/schemas.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { FILTER_NAMES, renderHomePage, type HomeFilters } from '#views/home-page.ts';
import type { EventsDeps } from './deps.ts';
import { listQuerySchema, type ListQuery } from './event.schema.ts';
import * as events from './use-cases.ts';

const route = routeOf<EventsDeps>();

export const HOME_PAGE_SIZE = 20;
/** Shared by everyone and keyed on the filters (infra/cache-policies.ts), so CloudFront holds it briefly, like event pages. */
const CACHE = { 'Cache-Control': 'public, max-age=0, s-maxage=30' };

/** The filters as typed (trimmed, bounded), to show them back in the form. */
function filtersOf(c: Context): HomeFilters {
  const value = (name: string) => (c.req.query(name) ?? '').trim().slice(0, 200);
  return Object.fromEntries(FILTER_NAMES.map((name) => [name, value(name)])) as unknown as HomeFilters;
}

/** The query the list is made with: every usable filter, and why each other one is left out. */
function listQuery(filters: HomeFilters, cursor: string | undefined): { query: ListQuery; errors: FieldIssue[] } {
  const input: Record<string, string | number> = { ...filters, limit: HOME_PAGE_SIZE, ...(cursor ? { cursor } : {}) };
  const first = listQuerySchema.safeParse(input);
  if (first.success) return { query: first.data, errors: [] };
  const errors = fieldIssues(first.error);
  for (const { field } of errors) delete input[field];
  return { query: listQuerySchema.parse(input), errors };
}

export const homePageRoutes: RouteGroup<EventsDeps> = {
  base: '',
  routes: [
    route({
      method: 'get', path: SITE_PAGES.home,
      handle: async ({ deps, c }) => {
        const filters = filtersOf(c);
        const cursor = c.req.query('cursor')?.slice(0, 500) || undefined;
        const pageNumber = Number.parseInt(c.req.query('page') ?? '', 10);
        let page = cursor && pageNumber > 1 && pageNumber < 10_000 ? pageNumber : 1;
        const { query, errors } = listQuery(filters, cursor);
        const applied: HomeFilters = { ...filters };
        for (const { field } of errors) if (field in applied) applied[field as keyof HomeFilters] = '';
        let listed;
        try {
          listed = await events.list(deps, query);
        } catch (error) {
          // A forged or stale cursor: say so, and show the first page.
          if (!(error instanceof AppError) || error.kind !== 'validation' || !query.cursor) throw error;
          errors.push(...(error.details ?? []));
          page = 1;
          listed = await events.list(deps, { ...query, cursor: undefined });
        }
        const html = renderHomePage({ filters, applied, items: listed.items, ...(listed.nextCursor ? { nextCursor: listed.nextCursor } : {}), page, errors });
        return c.html(html, errors.length ? 400 : 200, CACHE);
      },
    }),
  ],
};
