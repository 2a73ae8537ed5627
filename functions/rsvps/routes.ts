// RSVP API: reserve a place, confirm or cancel it from the emailed links, and the organiser's attendee tools.
import { Hono } from 'hono';
import * as z from 'zod';
import type { RsvpsDeps } from './deps.ts';
import { jsonBody } from '#functions/http/validation.ts';
import { manageTokenBodySchema, publicEventSchema } from '#functions/events/event.schema.ts';
import { attendeesSchema, rsvpRequestSchema, rsvpSettingsSchema, rsvpTokenBodySchema } from './rsvp.schema.ts';
import * as useCases from './use-cases.ts';
import type { RouteDoc } from '#functions/http/route-doc.ts';
import { errorSchema } from '#functions/http/schemas.ts';

const noStore = { 'Cache-Control': 'no-store' };
export const RSVP_ACCEPTED = "Check your email: we've sent you a link to confirm your place.";

export default function rsvpRoutes(deps: RsvpsDeps) {
  const app = new Hono();

  app.post('/:id/rsvps', ...jsonBody(rsvpRequestSchema), async (c) => {
    await useCases.requestRsvp(deps, c.req.param('id'), c.req.valid('json'), deps.clientIp(c));
    return c.json({ message: RSVP_ACCEPTED }, 202, noStore);
  });
  app.post('/:id/rsvps/:key/confirm', ...jsonBody(rsvpTokenBodySchema), async (c) =>
    c.json(await useCases.confirmRsvp(deps, c.req.param('id'), c.req.param('key'), c.req.valid('json').token), 200, noStore),
  );
  app.post('/:id/rsvps/:key/cancel', ...jsonBody(rsvpTokenBodySchema), async (c) =>
    c.json(await useCases.cancelRsvp(deps, c.req.param('id'), c.req.param('key'), c.req.valid('json').token), 200, noStore),
  );

  app.post('/:id/attendees', ...jsonBody(manageTokenBodySchema), async (c) =>
    c.json(await useCases.attendees(deps, c.req.param('id'), c.req.valid('json').token), 200, noStore),
  );
  app.post('/:id/attendees.csv', ...jsonBody(manageTokenBodySchema), async (c) => {
    const csv = await useCases.attendeesCsvFile(deps, c.req.param('id'), c.req.valid('json').token);
    return c.body(csv, 200, { ...noStore, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="attendees.csv"' });
  });
  app.post('/:id/attendees/:key/remove', ...jsonBody(manageTokenBodySchema), async (c) =>
    c.json(await useCases.removeAttendee(deps, c.req.param('id'), c.req.valid('json').token, c.req.param('key')), 200, noStore),
  );
  app.post('/:id/rsvp-settings', ...jsonBody(rsvpSettingsSchema), async (c) => {
    const { token, ...settings } = c.req.valid('json');
    return c.json(await useCases.updateRsvpSettings(deps, c.req.param('id'), token, settings), 200, noStore);
  });

  return app;
}

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

export const rsvpsApiDoc: RouteDoc[] = [
  { method: 'post', path: '/api/events/:id/rsvps', summary: 'Reserve a place; a confirmation link is emailed. The answer is the same whether or not the address already RSVPed.', body: rsvpRequestSchema,
    responses: { 202: { description: 'Check your email', schema: z.object({ message: z.string() }) }, 404: errors[404], 409: errors[409], 429: { description: 'Too many requests; see Retry-After', schema: errorSchema } } },
  { method: 'post', path: '/api/events/:id/rsvps/:key/confirm', summary: 'Confirm a place (or join the waitlist when full). Idempotent.', body: rsvpTokenBodySchema,
    responses: { 200: { description: 'Confirmed or waitlisted', schema: outcome }, ...errors } },
  { method: 'post', path: '/api/events/:id/rsvps/:key/cancel', summary: 'Free a place (the first waitlisted person is promoted) or leave the waitlist. Idempotent.', body: rsvpTokenBodySchema,
    responses: { 200: { description: 'Cancelled', schema: outcome }, 403: errors[403], 404: errors[404] } },
  { method: 'post', path: '/api/events/:id/attendees', summary: 'The attendee list (manage token)', body: manageTokenBodySchema, responses: organiser },
  { method: 'post', path: '/api/events/:id/attendees.csv', summary: 'The attendee list as CSV (manage token)', body: manageTokenBodySchema,
    responses: { 200: { description: 'text/csv' }, 403: errors[403], 404: errors[404] } },
  { method: 'post', path: '/api/events/:id/attendees/:key/remove', summary: 'Remove an attendee; the first waitlisted person is promoted (manage token)', body: manageTokenBodySchema, responses: organiser },
  { method: 'post', path: '/api/events/:id/rsvp-settings', summary: 'Close or reopen RSVPs; choose whether to be emailed on each RSVP (manage token)', body: rsvpSettingsSchema, responses: organiser },
];
