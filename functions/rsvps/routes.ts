// RSVP API: reserve a place, confirm or cancel it from the emailed links, and the organiser's attendee tools. Each
// route is declared once: apps/api mounts these and documents them.
import * as z from 'zod';
import { API_PREFIX } from '#functions/core/paths.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { errorSchema } from '#functions/http/schemas.ts';
import { manageTokenBodySchema, publicEventSchema } from '#functions/events/event.schema.ts';
import type { RsvpsDeps } from './deps.ts';
import { attendeesSchema, rsvpRequestSchema, rsvpSettingsSchema, rsvpTokenBodySchema } from './rsvp.schema.ts';
import * as rsvps from './use-cases.ts';

const route = routeOf<RsvpsDeps>();
const noStore = { 'Cache-Control': 'no-store' };
export const RSVP_ACCEPTED = "Check your email: we've sent you a link to confirm your place.";

const errors = {
  403: { description: 'The link is not valid or has expired', schema: errorSchema },
  404: { description: 'No such meetup or RSVP', schema: errorSchema },
  409: { description: 'RSVPs are closed (closed by the organiser, started, or cancelled)', schema: errorSchema },
};
const outcome = z.object({
  status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
  waitlistPosition: z.number().int().optional(),
  event: publicEventSchema,
});
const organiser = { 200: { description: 'RSVP counts and the attendee list (organiser only)', schema: attendeesSchema }, 403: errors[403], 404: errors[404] };

export const rsvpRoutes: RouteGroup<RsvpsDeps> = {
  base: `${API_PREFIX}/events/:id`,
  routes: [
    route({
      method: 'post', path: '/rsvps', body: rsvpRequestSchema,
      summary: 'Reserve a place; a confirmation link is emailed. The answer is the same whether or not the address already RSVPed.',
      responses: { 202: { description: 'Check your email', schema: z.object({ message: z.string() }) }, 404: errors[404], 409: errors[409], 429: { description: 'Too many requests; see Retry-After', schema: errorSchema } },
      handle: async ({ deps, c, body }) => {
        await rsvps.requestRsvp(deps, c.req.param('id')!, body, deps.clientIp(c));
        return c.json({ message: RSVP_ACCEPTED }, 202, noStore);
      },
    }),
    route({
      method: 'post', path: '/rsvps/:key/confirm', summary: 'Confirm a place (or join the waitlist when full). Idempotent.', body: rsvpTokenBodySchema,
      responses: { 200: { description: 'Confirmed or waitlisted', schema: outcome }, ...errors },
      handle: async ({ deps, c, body }) => c.json(await rsvps.confirmRsvp(deps, c.req.param('id')!, c.req.param('key')!, body.token), 200, noStore),
    }),
    route({
      method: 'post', path: '/rsvps/:key/cancel', summary: 'Free a place (the first waitlisted person is promoted) or leave the waitlist. Idempotent.', body: rsvpTokenBodySchema,
      responses: { 200: { description: 'Cancelled', schema: outcome }, 403: errors[403], 404: errors[404] },
      handle: async ({ deps, c, body }) => c.json(await rsvps.cancelRsvp(deps, c.req.param('id')!, c.req.param('key')!, body.token), 200, noStore),
    }),
    route({
      method: 'post', path: '/attendees', summary: 'The attendee list (manage token)', body: manageTokenBodySchema, responses: organiser,
      handle: async ({ deps, c, body }) => c.json(await rsvps.attendees(deps, c.req.param('id')!, body.token), 200, noStore),
    }),
    route({
      method: 'post', path: '/attendees.csv', summary: 'The attendee list as CSV (manage token)', body: manageTokenBodySchema,
      responses: { 200: { description: 'text/csv' }, 403: errors[403], 404: errors[404] },
      handle: async ({ deps, c, body }) => {
        const csv = await rsvps.attendeesCsvFile(deps, c.req.param('id')!, body.token);
        return c.body(csv, 200, { ...noStore, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="attendees.csv"' });
      },
    }),
    route({
      method: 'post', path: '/attendees/:key/remove', summary: 'Remove an attendee; the first waitlisted person is promoted (manage token)', body: manageTokenBodySchema, responses: organiser,
      handle: async ({ deps, c, body }) => c.json(await rsvps.removeAttendee(deps, c.req.param('id')!, body.token, c.req.param('key')!), 200, noStore),
    }),
    route({
      method: 'post', path: '/rsvp-settings', summary: 'Close or reopen RSVPs; choose whether to be emailed on each RSVP (manage token)', body: rsvpSettingsSchema, responses: organiser,
      handle: async ({ deps, c, body }) => {
        const { token, ...settings } = body;
        return c.json(await rsvps.updateRsvpSettings(deps, c.req.param('id')!, token, settings), 200, noStore);
      },
    }),
  ],
};
