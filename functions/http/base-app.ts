// HTTP kit: what every Signpost Hono app shares (the API and the feeds): a request id, one log line per request,
// security headers, and errors mapped to HTTP in one place.
import { Hono } from 'hono';
import { routePath } from 'hono/route';
import { securityHeaders } from './security-headers.ts';
import type { Logger } from '#functions/core/log.ts';
import { errorResponse, notFoundResponse } from './errors.ts';

export type AppEnv = { Variables: { requestId: string } };

export function baseApp(logger: Logger) {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    const lambdaId = (c.env as { lambdaContext?: { awsRequestId?: string } } | undefined)?.lambdaContext?.awsRequestId;
    const requestId = lambdaId ?? crypto.randomUUID();
    c.set('requestId', requestId);
    // Set before the handler runs, so they go into the response it builds: setting them afterwards makes Hono
    // rebuild the response, which copies a feed's body instead of sending it from memory.
    for (const [name, value] of Object.entries(securityHeaders)) c.header(name, value);
    c.header('X-Request-Id', requestId);
    await next();
    // No answer to a bad request is worth keeping: a cached 404 or 403 would outlive the fix (a meetup published
    // a minute later, a link copied whole). errors.ts says so for what it answers; this covers pages that answer
    // their own 4xx.
    if (c.res.status >= 400 && c.res.status < 500 && c.res.headers.get('Cache-Control') !== 'no-store') c.header('Cache-Control', 'no-store');
    // Route patterns only (":id"), never the raw path or query: no tokens or addresses reach the logs.
    logger.info('request', {
      requestId,
      method: c.req.method,
      route: routePath(c, -1),
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  app.onError((error, c) => errorResponse(error, c, logger));
  app.notFound(notFoundResponse);
  return app;
}
