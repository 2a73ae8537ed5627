// Directory pages: the directory of networks (/networks, its search and filter a plain GET form) and a network's own
// page (/networks/<slug>), rendered on the server so both work without JavaScript and preview when shared. Shared by
// everyone (nothing on them depends on who asks), so CloudFront may hold them briefly, as it does event pages. Not
// in the OpenAPI document: they answer HTML.
import type { Context } from 'hono';
import { AppError, type FieldIssue } from '#functions/core/errors.ts';
import { NETWORK_PAGES } from '#functions/core/paths.ts';
import { fieldIssues } from '#functions/http/schemas.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { renderMissingNetworkPage, renderNetworkPage } from '#views/network-page.ts';
import { DIRECTORY_FILTER_NAMES, renderDirectoryPage, type DirectoryFilters } from '#views/directory-page.ts';
import type { DirectoryDeps } from './deps.ts';
import { directoryQuerySchema, type DirectoryQueryInput } from './directory.schema.ts';
import * as directory from './use-cases.ts';

const route = routeOf<DirectoryDeps>();

/** Like event pages: browsers always ask again; CloudFront keeps an answer 30 seconds. */
export const PAGE_CACHE = { 'Cache-Control': 'public, max-age=0, s-maxage=30' };

const queryOf = (c: Context) => {
  const at = c.req.url.indexOf('?');
  return at < 0 ? '' : c.req.url.slice(at);
};

/** The filters as typed (trimmed, bounded), to show them back in the form. */
function filtersOf(c: Context): DirectoryFilters {
  const value = (name: string) => (c.req.query(name) ?? '').trim().slice(0, 200);
  return Object.fromEntries(DIRECTORY_FILTER_NAMES.map((name) => [name, value(name)])) as unknown as DirectoryFilters;
}

/** The query the directory is made with: every usable filter, and why each other one is left out. */
function directoryQuery(filters: DirectoryFilters): { query: DirectoryQueryInput; errors: FieldIssue[] } {
  const input: Record<string, string> = { ...filters };
  const first = directoryQuerySchema.safeParse(input);
  if (first.success) return { query: first.data, errors: [] };
  const errors = fieldIssues(first.error);
  for (const { field } of errors) delete input[field];
  return { query: directoryQuerySchema.parse(input), errors };
}

export const directoryPageRoutes: RouteGroup<DirectoryDeps> = {
  base: NETWORK_PAGES.directory,
  routes: [
    route({
      method: 'get', path: '',
      handle: async ({ deps, c }) => {
        const filters = filtersOf(c);
        const { query, errors } = directoryQuery(filters);
        const applied: DirectoryFilters = { ...filters };
        for (const { field } of errors) if (field in applied) applied[field as keyof DirectoryFilters] = '';
        const entries = await directory.directory(deps, query);
        return c.html(renderDirectoryPage({ filters, applied, entries, errors }), errors.length ? 400 : 200, PAGE_CACHE);
      },
    }),
    // "/networks/" and "/networks/<slug>/" as people type them: the page itself, its query kept.
    route({
      method: 'get', path: '/',
      handle: ({ c }) => c.redirect(`${NETWORK_PAGES.directory}${queryOf(c)}`, 301),
    }),
    route({
      method: 'get', path: '/:slug/',
      handle: ({ c }) => c.redirect(`${NETWORK_PAGES.page(encodeURIComponent(c.req.param('slug')!))}${queryOf(c)}`, 301),
    }),
    route({
      method: 'get', path: '/:slug',
      handle: async ({ deps, c }) => {
        try {
          const page = await directory.networkPage(deps, c.req.param('slug')!);
          return c.html(renderNetworkPage(page), 200, PAGE_CACHE);
        } catch (error) {
          if (error instanceof AppError && error.kind === 'not_found') return c.html(renderMissingNetworkPage(), 404);
          throw error;
        }
      },
    }),
  ],
};
