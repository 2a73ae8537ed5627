// Local server: the API app plus the built web front end on one origin, as CloudFront + S3 serve them in AWS.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { createApp } from '#functions/apps/api/app.ts';
import type { AppDeps } from '#functions/apps/api/deps.ts';
import { securityHeaders } from '#functions/http/security-headers.ts';
import { pageFor, NOT_FOUND_PAGE, SLASHED_SERVER_PAGES } from '#web/routes.ts';
import { notFoundResponse } from '#functions/http/errors.ts';
import { createFeedApp } from '#functions/apps/feeds/app.ts';
import { isFeedPath, isServerPage } from '#functions/core/paths.ts';
import { renderCache } from '#functions/feeds/render-cache.ts';
import { createDocumentsApp } from '#functions/apps/documents/app.ts';
import { isCpdDocumentPath } from '#functions/cpd/documents.ts';

export const socketIp = (c: Context) => getConnInfo(c).remote.address ?? 'unknown';

/** The API, the calendar feeds and the web front end on one origin, routed as CloudFront routes them in AWS. */
export function createSite(deps: AppDeps, webDir: string) {
  const site = new Hono();
  const feedApp = createFeedApp({ ...deps, renders: renderCache() });
  // The feeds are their own function in AWS; here they are handed the request whole, before anything else.
  site.use('*', async (c, next) => (isFeedPath(c.req.path) ? feedApp.fetch(c.req.raw, c.env) : next()));
  // So are the CPD PDFs (API Gateway gives their paths to the documents function, ahead of the API's /me pages).
  const documentsApp = createDocumentsApp(deps);
  site.use('*', async (c, next) => (isCpdDocumentPath(c.req.path) ? documentsApp.fetch(c.req.raw, c.env) : next()));
  site.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(securityHeaders)) c.header(name, value);
  });
  const app = createApp(deps);
  // The server pages are the API function's, as CloudFront's own behaviours send them (infra/server-pages.ts): the home
  // page and the listing form, and every page family whole — sign-in, sign-out, "your meetups", the network pages,
  // invitations, the operators' pages — trailing slash and all ("/networks/" reaches the API app here and at CloudFront).
  site.use('*', async (c, next) => (isServerPage(c.req.path) ? app.fetch(c.req.raw, c.env) : next()));
  site.use('/assets/*', serveStatic({ root: webDir, onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=300') }));
  site.get('/api/openapi.json', serveStatic({ root: webDir, path: 'api/openapi.json' }));
  site.get('*', async (c, next) => {
    // "/new/": an exact server page typed with a slash, redirected as CloudFront's page router does.
    if (SLASHED_SERVER_PAGES.includes(c.req.path)) return c.redirect(c.req.path.slice(0, -1), 301);
    const file = pageFor(c.req.path);
    return file ? serveStatic({ root: webDir, path: file })(c, next) : next();
  });
  site.route('/', app);
  site.notFound(async (c) =>
    c.req.path.startsWith('/api/') ? notFoundResponse(c) : c.html(await readFile(join(webDir, NOT_FOUND_PAGE), 'utf8'), 404),
  );
  return site;
}

type FetchApp = { fetch: (request: Request, env?: unknown) => Response | Promise<Response> };

/** Serves an app; the Node bindings go along as the env, which is where the socket's address (socketIp) comes from. */
export function listen(app: FetchApp, port: number, hostname = '127.0.0.1'): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: (request, env) => app.fetch(request, env), port, hostname }, () => resolve(server));
    server.once('error', reject);
  });
}
