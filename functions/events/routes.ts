// Events API: list, read, submit, publish, edit and cancel meetups. Each route is declared once: apps/api mounts these
// and documents them. Thin handlers over use-cases.ts.
import { LISTING_SENT } from '#views/new-meetup-page.ts';
import * as z from 'zod';
import { API_PREFIX } from '#functions/core/paths.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { errorSchema, linkTokenBody } from '#functions/http/schemas.ts';
import { jsonObject } from '#functions/http/validation.ts';
import type { EventsDeps } from './deps.ts';
import { eventEditSchema, eventInputSchema, eventPageSchema, listQuerySchema, managedEventSchema, manageTokenBodySchema, publicEventSchema } from './event.schema.ts';
import * as events from './use-cases.ts';
import { confirmOrganiserEmail, stopOrganiserEmail } from './organiser-email-use-cases.ts';

const route = routeOf<EventsDeps>();
const noStore = { 'Cache-Control': 'no-store' };
/** Places left change with every RSVP: browsers always ask again (CloudFront does not cache /api/*). */
const shortCache = { 'Cache-Control': 'no-cache' };

const managed = {
  200: { description: 'The meetup as its organiser sees it', schema: managedEventSchema },
  403: { description: 'The manage link is not valid or has expired', schema: errorSchema },
  404: { description: 'No such meetup', schema: errorSchema },
  409: { description: 'The meetup changed meanwhile, or was cancelled', schema: errorSchema },
};

const organiserEmailOutcome = z
  .object({
    status: z.enum(['changed', 'stopped']),
    already: z.boolean().meta({ description: 'True when nothing changed: the link had already been used' }),
    title: z.string(),
    organiserEmail: z.string().meta({ description: "The address the meetup's emails go to now" }),
  })
  .meta({ id: 'OrganiserEmailOutcome' });
const organiserEmailResponses = {
  200: { description: 'Done (or already done)', schema: organiserEmailOutcome },
  403: { description: 'The link is not valid, has expired, or the change was stopped', schema: errorSchema },
  404: { description: 'No such meetup', schema: errorSchema },
  409: { description: 'Too late to stop: the new address already confirmed', schema: errorSchema },
};

/** The API's answer to a listing says what the listing page says (views/new-meetup-page.ts). */
export const SUBMITTED = LISTING_SENT;

export const eventRoutes: RouteGroup<EventsDeps> = {
  base: `${API_PREFIX}/events`,
  routes: [
    route({
      method: 'get', path: '', summary: 'Upcoming published meetups, in start order', query: listQuerySchema,
      responses: { 200: { description: 'A page of meetups; pass nextCursor as cursor for the next', schema: eventPageSchema } },
      handle: async ({ deps, c, query }) => c.json(await events.list(deps, query), 200, shortCache),
    }),
    route({
      method: 'post', path: '', summary: 'List a free meetup. It stays unpublished until the organiser confirms it from the emailed link.',
      // Read here, not by the route kit, so the clock's checks (a start in the past) come in the same 400 as the fields'.
      documentedBody: eventInputSchema,
      responses: {
        202: { description: 'Stored as a draft; the confirmation link is emailed', schema: z.object({ id: z.string(), status: z.literal('draft'), message: z.string() }) },
        413: { description: 'Body too large', schema: errorSchema },
        415: { description: 'Body is not JSON', schema: errorSchema },
        429: { description: 'Too many listings from this IP or for this address; see Retry-After', schema: errorSchema },
      },
      handle: async ({ deps, c, body }) => {
        const event = await events.submit(deps, events.readListing(deps, await jsonObject(c)), deps.clientIp(c));
        return c.json({ id: event.id, status: 'draft' as const, message: SUBMITTED }, 202, noStore);
      },
    }),
    route({
      method: 'get', path: '/:id', summary: 'One published (or cancelled) meetup',
      responses: { 200: { description: 'The meetup', schema: publicEventSchema }, 404: { description: 'No such published meetup', schema: errorSchema } },
      handle: async ({ deps, c }) => c.json(events.publicView(deps, await events.getPublished(deps, c.req.param('id')!)), 200, shortCache),
    }),
    route({
      method: 'post', path: '/:id/manage', summary: 'The meetup as its organiser sees it (token in the body)', body: manageTokenBodySchema, responses: managed,
      handle: async ({ deps, c, body }) => c.json(await events.manage(deps, c.req.param('id')!, body.token), 200, noStore),
    }),
    route({
      method: 'post', path: '/:id/publish', summary: 'Confirm and publish (idempotent)', body: manageTokenBodySchema, responses: managed,
      handle: async ({ deps, c, body }) => c.json(await events.publish(deps, c.req.param('id')!, body.token), 200, noStore),
    }),
    route({
      method: 'post', path: '/:id/cancel', summary: 'Cancel (idempotent); the meetup stays visible, marked cancelled', body: manageTokenBodySchema, responses: managed,
      handle: async ({ deps, c, body }) => c.json(await events.cancel(deps, c.req.param('id')!, body.token), 200, noStore),
    }),
    route({
      method: 'put', path: '/:id',
      summary: 'Edit the meetup; send the version you loaded. A new organiserEmail is not saved: a link to confirm it goes to that address (pendingOrganiserEmail until then), and a notice to the current one.',
      documentedBody: eventEditSchema,
      responses: { ...managed, 429: { description: 'Too many address changes to that address; see Retry-After', schema: errorSchema } },
      handle: async ({ deps, c }) => c.json(await events.edit(deps, c.req.param('id')!, await jsonObject(c)), 200, noStore),
    }),
    route({
      method: 'post', path: '/:id/organiser-email/confirm', summary: 'Make the new organiser address the meetup\'s (the token from the link emailed to it); a new manage link goes to it',
      body: linkTokenBody('OrganiserEmailToken', 'confirmation link'), responses: organiserEmailResponses,
      handle: async ({ deps, c, body }) => c.json(await confirmOrganiserEmail(deps, c.req.param('id')!, body.token), 200, noStore),
    }),
    route({
      method: 'post', path: '/:id/organiser-email/stop', summary: 'Stop a change of organiser address (the token from the notice emailed to the current address)',
      body: linkTokenBody('OrganiserEmailStopToken', 'link'), responses: organiserEmailResponses,
      handle: async ({ deps, c, body }) => c.json(await stopOrganiserEmail(deps, c.req.param('id')!, body.token), 200, noStore),
    }),
  ],
};
