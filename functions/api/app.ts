// API: builds the one Hono app that serves Signpost, in Lambda and locally. Sub-apps per capability are mounted here.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import { HTTPException } from 'hono/http-exception';
import { securityHeaders } from '../shared/security-headers.ts';
import eventsRoutes from '../events/routes.ts';
import rsvpRoutes from '../rsvps/routes.ts';
import eventPages from '../pages/routes.ts';
import type { AppDeps } from './deps.ts';
import { errorResponse, notFoundResponse } from './errors.ts';

export const MAX_BODY_BYTES = 64 * 1024;

export type AppEnv = { Variables: { requestId: string } };

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    const lambdaId = (c.env as { lambdaContext?: { awsRequestId?: string } } | undefined)?.lambdaContext?.awsRequestId;
    const requestId = lambdaId ?? crypto.randomUUID();
    c.set('requestId', requestId);
    await next();
    for (const [name, value] of Object.entries(securityHeaders)) c.header(name, value);
    c.header('X-Request-Id', requestId);
    // Route patterns only (":id"), never the raw path or query: no tokens or addresses reach the logs.
    deps.logger.info('request', {
      requestId,
      method: c.req.method,
      route: routePath(c, -1),
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HTTPException(413);
      },
    }),
  );

  app.route('/api/events', eventsRoutes(deps));
  app.route('/api/events', rsvpRoutes(deps));
  app.route('/events', eventPages(deps));

  app.onError((error, c) => errorResponse(error, c, deps.logger));
  app.notFound(notFoundResponse);
  return app;
}
