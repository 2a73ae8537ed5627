// Events API: list, read, submit, publish, edit and cancel meetups (with the manage link's token, or signed in). Each route is declared once: apps/api mounts these
// and documents them. Thin handlers over use-cases.ts.
import { LISTED_LIVE, LISTING_SENT } from '#views/new-meetup-page.ts';
import { eventPath, type StoredEvent } from '#functions/core/event.ts';
import { viewerOf } from '#functions/auth/viewer.ts';
import { networksToListUnder } from './listing-network.ts';
import * as z from 'zod';
import { API_PREFIX } from '#functions/core/paths.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { errorSchema, linkTokenBody } from '#functions/http/schemas.ts';
import { notFound } from '#functions/core/errors.ts';
import { jsonObject } from '#functions/http/validation.ts';
import type { EventsDeps } from './deps.ts';
import { seriesViewSchema, eventEditSchema, eventInputSchema, eventPageSchema, listQuerySchema, managedEventSchema, manageTokenBodySchema, publicEventSchema } from './event.schema.ts';
import * as events from './use-cases.ts';
import { confirmOrganiserEmail, stopOrganiserEmail } from './organiser-email-use-cases.ts';

const route = routeOf<EventsDeps>();
const noStore = { 'Cache-Control': 'no-store' };
/** Places left change with every RSVP: browsers always ask again (CloudFront does not cache /api/*). */
const shortCache = { 'Cache-Control': 'no-cache' };

const managed = {
  200: { description: 'The meetup as its organiser sees it', schema: managedEventSchema },
  401: { description: 'No manage link token, and not signed in', schema: errorSchema },
  403: { description: 'The manage link is not valid or has expired; or, signed in, the meetup is not yours or your network\'s', schema: errorSchema },
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

const listedSchema = z
  .object({
    id: z.string(),
    status: z.literal('published'),
    message: z.string(),
    url: z.string().meta({ description: 'The public event page' }),
    manageUrl: z.string().meta({ description: 'The manage page: signed in, it needs no token' }),
  })
  .meta({ id: 'ListedAtOnce' });
const networkChoicesSchema = z.object({ networks: z.array(z.object({ slug: z.string(), name: z.string() })) }).meta({ id: 'NetworksForMe' });

/** A meetup listed while signed in is live at once: where to see it and manage it. */
export const listedAnswer = (siteUrl: string, event: StoredEvent) => ({
  id: event.id,
  status: 'published' as const,
  message: LISTED_LIVE,
  url: siteUrl + eventPath(event),
  manageUrl: `${siteUrl}/manage/${event.id}`,
});

export const eventRoutes: RouteGroup<EventsDeps> = {
  base: `${API_PREFIX}/events`,
  routes: [
    route({
      method: 'get', path: '', summary: 'Upcoming published meetups, in start order', query: listQuerySchema,
      responses: { 200: { description: 'A page of meetups; pass nextCursor as cursor for the next', schema: eventPageSchema } },
      handle: async ({ deps, c, query }) => c.json(await events.list(deps, query), 200, shortCache),
    }),
    route({
      method: 'post', path: '',
      summary: 'List a free meetup. It stays unpublished until the organiser confirms it from the emailed link; signed in with the organiser\'s own address, it is published at once, with no email.',
      // Read here, not by the route kit, so the clock's checks (a start in the past) come in the same 400 as the fields'.
      documentedBody: eventInputSchema,
      responses: {
        201: { description: 'Published at once (signed in with the organiser\'s address)', schema: listedSchema },
        202: { description: 'Stored as a draft; the confirmation link is emailed', schema: z.object({ id: z.string(), status: z.literal('draft'), message: z.string() }) },
        400: { description: 'Invalid fields; `network` names a network you do not organise, or you are signed out', schema: errorSchema },
        413: { description: 'Body too large', schema: errorSchema },
        415: { description: 'Body is not JSON', schema: errorSchema },
        429: { description: 'Too many listings from this IP or for this address; see Retry-After', schema: errorSchema },
      },
      handle: async ({ deps, c }) => {
        const raw = await jsonObject(c);
        const viewer = await viewerOf(deps, c);
        const { event, published } = await events.submit(deps, events.readListing(deps, raw), deps.clientIp(c), viewer);
        if (published) return c.json(listedAnswer(deps.siteUrl, event), 201, noStore);
        return c.json({ id: event.id, status: 'draft' as const, message: SUBMITTED }, 202, noStore);
      },
    }),
    route({
      method: 'get', path: '/networks-for-me', summary: 'The networks the signed-in person may list a meetup under (those they organise); empty when signed out',
      responses: { 200: { description: 'Slugs and names, by name', schema: networkChoicesSchema } },
      handle: async ({ deps, c }) => c.json({ networks: await networksToListUnder(deps, await viewerOf(deps, c)) }, 200, { 'Cache-Control': 'private, no-store' }),
    }),
    route({
      method: 'get', path: '/:id', summary: 'One published (or cancelled) meetup',
      responses: { 200: { description: 'The meetup', schema: publicEventSchema }, 404: { description: 'No such published meetup', schema: errorSchema } },
      handle: async ({ deps, c }) => c.json(events.publicView(deps, await events.getPublished(deps, c.req.param('id')!)), 200, shortCache),
    }),
    route({
      method: 'get', path: '/:id/series', summary: 'The series a published meetup is part of: how it repeats, and every date (404 for a single meetup)',
      responses: { 200: { description: 'The series', schema: seriesViewSchema }, 404: { description: 'No such published meetup, or not part of a series', schema: errorSchema } },
      handle: async ({ deps, c }) => {
        const series = await events.seriesView(deps, await events.getPublished(deps, c.req.param('id')!));
        if (!series) throw notFound();
        return c.json(series, 200, shortCache);
      },
    }),
    route({
      method: 'post', path: '/:id/manage', summary: 'The meetup as its organiser sees it (token in the body)', body: manageTokenBodySchema, responses: managed,
      handle: async ({ deps, c, body }) => c.json(await events.manage(deps, c.req.param('id')!, { token: body.token, viewer: await viewerOf(deps, c) }), 200, noStore),
    }),
    route({
      method: 'post', path: '/:id/publish', summary: 'Confirm and publish (idempotent)', body: manageTokenBodySchema, responses: managed,
      handle: async ({ deps, c, body }) => c.json(await events.publish(deps, c.req.param('id')!, { token: body.token, viewer: await viewerOf(deps, c) }), 200, noStore),
    }),
    route({
      method: 'post', path: '/:id/cancel', summary: 'Cancel (idempotent); the meetup stays visible, marked cancelled', body: manageTokenBodySchema, responses: managed,
      handle: async ({ deps, c, body }) => c.json(await events.cancel(deps, c.req.param('id')!, { token: body.token, viewer: await viewerOf(deps, c) }), 200, noStore),
    }),
    route({
      method: 'put', path: '/:id',
      summary: 'Edit the meetup; send the version you loaded. A new organiserEmail is not saved: a link to confirm it goes to that address (pendingOrganiserEmail until then), and a notice to the current one.',
      documentedBody: eventEditSchema,
      responses: { ...managed, 429: { description: 'Too many address changes to that address; see Retry-After', schema: errorSchema } },
      handle: async ({ deps, c }) => c.json(await events.edit(deps, c.req.param('id')!, await jsonObject(c), await viewerOf(deps, c)), 200, noStore),
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
