// Events API: list, read, create, confirm, edit and cancel meetups. Thin handlers over use-cases.ts.
import { Hono } from 'hono';
import * as z from 'zod';
import type { EventsDeps } from './deps.ts';
import { jsonBody, query } from '#functions/http/validation.ts';
import { eventEditSchema, eventInputSchema, eventPageSchema, listQuerySchema, managedEventSchema, publicEventSchema, manageTokenBodySchema } from './event.schema.ts';
import * as useCases from './use-cases.ts';
import type { RouteDoc } from '#functions/http/route-doc.ts';
import { errorSchema } from '#functions/http/schemas.ts';

const noStore = { 'Cache-Control': 'no-store' };
/** Places left change with every RSVP: browsers always ask again (CloudFront does not cache /api/*). */
const shortCache = { 'Cache-Control': 'no-cache' };

export default function eventsRoutes(deps: EventsDeps) {
  const app = new Hono();

  app.get('/', query(listQuerySchema), async (c) =>
    c.json(await useCases.listEvents(deps, c.req.valid('query')), 200, shortCache),
  );

  app.post('/', ...jsonBody(eventInputSchema), async (c) => {
    const event = await useCases.listMeetup(deps, c.req.valid('json'), deps.clientIp(c));
    const message = 'Nearly there: we have emailed you a link. Open it and press "Confirm and publish" to make your meetup public.';
    return c.json({ id: event.id, status: 'draft' as const, message }, 202, noStore);
  });

  app.get('/:id', async (c) => {
    const event = await useCases.getPublicEvent(deps, c.req.param('id'));
    return c.json(useCases.publicView(deps, event), 200, shortCache);
  });

  app.post('/:id/manage', ...jsonBody(manageTokenBodySchema), async (c) =>
    c.json(await useCases.manageView(deps, c.req.param('id'), c.req.valid('json').token), 200, noStore),
  );
  app.post('/:id/publish', ...jsonBody(manageTokenBodySchema), async (c) =>
    c.json(await useCases.confirmMeetup(deps, c.req.param('id'), c.req.valid('json').token), 200, noStore),
  );
  app.post('/:id/cancel', ...jsonBody(manageTokenBodySchema), async (c) =>
    c.json(await useCases.cancelMeetup(deps, c.req.param('id'), c.req.valid('json').token), 200, noStore),
  );
  app.put('/:id', ...jsonBody(eventEditSchema), async (c) =>
    c.json(await useCases.editMeetup(deps, c.req.param('id'), c.req.valid('json')), 200, noStore),
  );

  return app;
}

const managedResponses = {
  200: { description: 'The meetup as its organiser sees it', schema: managedEventSchema },
  403: { description: 'The manage link is not valid or has expired', schema: errorSchema },
  404: { description: 'No such meetup', schema: errorSchema },
  409: { description: 'The meetup changed meanwhile, or was cancelled', schema: errorSchema },
};

/** What the routes above accept and answer, for /api/openapi.json. A test checks it lists every route. */
export const eventsApiDoc: RouteDoc[] = [
  { method: 'get', path: '/api/events', summary: 'Upcoming published meetups, in start order', query: listQuerySchema,
    responses: { 200: { description: 'A page of meetups; pass nextCursor as cursor for the next', schema: eventPageSchema } } },
  { method: 'post', path: '/api/events', summary: 'List a free meetup. It stays unpublished until the organiser confirms it from the emailed link.', body: eventInputSchema,
    responses: {
      202: { description: 'Stored as a draft; the confirmation link is emailed', schema: z.object({ id: z.string(), status: z.literal('draft'), message: z.string() }) },
      413: { description: 'Body too large', schema: errorSchema },
      415: { description: 'Body is not JSON', schema: errorSchema },
      429: { description: 'Too many listings from this IP or for this address; see Retry-After', schema: errorSchema },
    } },
  { method: 'get', path: '/api/events/:id', summary: 'One published (or cancelled) meetup',
    responses: { 200: { description: 'The meetup', schema: publicEventSchema }, 404: { description: 'No such published meetup', schema: errorSchema } } },
  { method: 'post', path: '/api/events/:id/manage', summary: 'The meetup as its organiser sees it (token in the body)', body: manageTokenBodySchema, responses: managedResponses },
  { method: 'post', path: '/api/events/:id/publish', summary: 'Confirm and publish (idempotent)', body: manageTokenBodySchema, responses: managedResponses },
  { method: 'post', path: '/api/events/:id/cancel', summary: 'Cancel (idempotent); the meetup stays visible, marked cancelled', body: manageTokenBodySchema, responses: managedResponses },
  { method: 'put', path: '/api/events/:id', summary: 'Edit the meetup; send the version you loaded', body: eventEditSchema, responses: managedResponses },
];
