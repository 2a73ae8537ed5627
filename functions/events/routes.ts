// Events API: list, read, create, confirm, edit and cancel meetups. Thin handlers over use-cases.ts.
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../api/deps.ts';
import { jsonContent, newSubApp } from '../api/openapi.ts';
import {
  errorSchema,
  eventEditSchema,
  eventInputSchema,
  eventPageSchema,
  listQuerySchema,
  managedEventSchema,
  publicEventSchema,
  tokenBodySchema,
} from './event.schema.ts';
import * as useCases from './use-cases.ts';

const idParam = z.object({ id: z.string().max(40).meta({ param: { name: 'id', in: 'path' }, example: 'k7f3q9x2mn' }) });
const errors = {
  400: jsonContent(errorSchema, 'A field is missing or invalid'),
  404: jsonContent(errorSchema, 'No such published event'),
};
const managed = <S extends typeof tokenBodySchema | typeof eventEditSchema>(summary: string, path: string, method: 'post' | 'put', schema: S) =>
  createRoute({
    method,
    path,
    summary,
    request: { params: idParam, body: { required: true, content: { 'application/json': { schema } } } },
    responses: {
      200: jsonContent(managedEventSchema, 'The event as its organiser sees it'),
      403: jsonContent(errorSchema, 'The manage link is not valid'),
      409: jsonContent(errorSchema, 'The event changed meanwhile, or was cancelled'),
      ...errors,
    },
  });

export default function eventsRoutes(deps: AppDeps) {
  const app = newSubApp();
  const noStore = { 'Cache-Control': 'no-store' };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Upcoming published meetups, in start order',
      request: { query: listQuerySchema },
      responses: { 200: jsonContent(eventPageSchema, 'A page of meetups'), 400: errors[400] },
    }),
    async (c) => c.json(await useCases.listEvents(deps, c.req.valid('query')), 200, { 'Cache-Control': 'public, max-age=30' }),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'List a free meetup. It stays unpublished until the organiser confirms it from the emailed link.',
      request: { body: { required: true, content: { 'application/json': { schema: eventInputSchema } } } },
      responses: {
        202: jsonContent(z.object({ id: z.string(), status: z.literal('draft'), message: z.string() }), 'Created; confirmation emailed'),
        400: errors[400],
        413: jsonContent(errorSchema, 'Body too large'),
        415: jsonContent(errorSchema, 'Not JSON'),
        429: jsonContent(errorSchema, 'Too many listings from this IP or for this address'),
      },
    }),
    async (c) => {
      const event = await useCases.listMeetup(deps, c.req.valid('json'), deps.clientIp(c));
      const message = 'Nearly there: we have emailed you a link. Open it and press "Confirm and publish" to make your meetup public.';
      return c.json({ id: event.id, status: 'draft' as const, message }, 202, noStore);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'One published (or cancelled) meetup',
      request: { params: idParam },
      responses: { 200: jsonContent(publicEventSchema, 'The meetup'), 404: errors[404] },
    }),
    async (c) => {
      const event = await useCases.getPublicEvent(deps, c.req.valid('param').id);
      return c.json(useCases.publicView(deps, event), 200, { 'Cache-Control': 'public, max-age=30' });
    },
  );

  app.openapi(managed('The event as its organiser sees it', '/{id}/manage', 'post', tokenBodySchema), async (c) =>
    c.json(await useCases.manageView(deps, c.req.valid('param').id, c.req.valid('json').token), 200, noStore),
  );
  app.openapi(managed('Confirm and publish (idempotent)', '/{id}/publish', 'post', tokenBodySchema), async (c) =>
    c.json(await useCases.confirmMeetup(deps, c.req.valid('param').id, c.req.valid('json').token), 200, noStore),
  );
  app.openapi(managed('Cancel the meetup (idempotent); it stays visible, marked cancelled', '/{id}/cancel', 'post', tokenBodySchema), async (c) =>
    c.json(await useCases.cancelMeetup(deps, c.req.valid('param').id, c.req.valid('json').token), 200, noStore),
  );
  app.openapi(managed('Edit the meetup', '/{id}', 'put', eventEditSchema), async (c) =>
    c.json(await useCases.editMeetup(deps, c.req.valid('param').id, c.req.valid('json')), 200, noStore),
  );

  return app;
}
