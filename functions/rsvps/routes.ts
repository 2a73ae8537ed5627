// RSVP API: reserve a place, confirm or cancel it from the emailed links, and the organiser's attendee tools. Each
// route is declared once: apps/api mounts these and documents them.
import * as z from 'zod';
import { API_PREFIX } from '#functions/core/paths.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import type { Context } from 'hono';
import { errorSchema, fieldIssues } from '#functions/http/schemas.ts';
import { jsonObject } from '#functions/http/validation.ts';
import { validationError } from '#functions/core/errors.ts';
import { sameAddress, type Viewer } from '#functions/core/viewer.ts';
import { requireViewer, viewerOf } from '#functions/auth/viewer.ts';
import type { Caller } from '#functions/events/use-cases.ts';
import { RSVP_STATUSES } from '#functions/core/rsvp.ts';
import { manageTokenBodySchema, publicEventSchema } from '#functions/events/event.schema.ts';
import type { RsvpsDeps } from './deps.ts';
import { attendeesSchema, removeAttendeeSchema, rsvpRequestSchema, rsvpSettingsSchema, rsvpTokenBodySchema, signedInRsvpSchema } from './rsvp.schema.ts';
import * as rsvps from './use-cases.ts';
import { deleteMeetup } from './meetup-deletion.ts';

const route = routeOf<RsvpsDeps>();
const noStore = { 'Cache-Control': 'no-store' };
export const RSVP_ACCEPTED = "Check your email: we've sent you a link to confirm your place (or, if you already have one, your links).";

const errors = {
  403: { description: 'The link is not valid or has expired (or names no RSVP: the same answer)', schema: errorSchema },
  404: { description: 'No such meetup (or, for the organiser, no such attendee)', schema: errorSchema },
  409: { description: 'RSVPs are closed (closed by the organiser, started, or cancelled)', schema: errorSchema },
};
const outcome = z.object({
  status: z.enum(['confirmed', 'waitlisted', 'cancelled', 'removed']).meta({ description: "How the RSVP stands now; 'removed': by the organiser, whose removal a confirm link never undoes" }),
  already: z.boolean().meta({ description: 'Nothing changed: the link had been used already, or there was nothing to cancel' }),
  waitlistPosition: z.number().int().optional().meta({ description: '1 for the first in line (waitlisted only)' }),
  onlineUrl: z.string().optional().meta({ description: 'The joining link: only for a confirmed place at a meetup that has one and is not cancelled' }),
  promoted: z.boolean().optional().meta({ description: 'Cancel only, when something changed: the freed place went to the first person on the waitlist' }),
  event: publicEventSchema.meta({ description: 'The meetup, with its counts after this action' }),
});
const statusSchema = z.object({
  status: z.enum(RSVP_STATUSES).meta({ description: "'pending': this confirm link can still take a place (or a place on the waitlist); 'removed': by the organiser" }),
  link: z.enum(['confirm', 'cancel']).meta({ description: 'Which link the token is' }),
  remindersOff: z.boolean().meta({ description: 'The person turned reminder emails off for this meetup' }),
  waitlistPosition: z.number().int().optional().meta({ description: '1 for the first in line (waitlisted only)' }),
  onlineUrl: z.string().optional().meta({ description: 'The joining link: only for a confirmed place at a meetup that has one and is not cancelled' }),
  checkedInAt: z.string().optional().meta({ description: 'When a confirmed place was checked in at the meetup (ISO), by the team or the code of the day' }),
  event: publicEventSchema,
}).meta({ id: 'RsvpStatus' });
const deleted = { 200: { description: 'Deleted (or already deleted)', schema: z.object({ deleted: z.literal(true) }) } };
const organiser = {
  200: { description: 'RSVP counts and the attendee list (organiser only)', schema: attendeesSchema },
  401: { description: 'No manage link token, and not signed in', schema: errorSchema },
  403: { description: 'The manage link is not valid or has expired; or, signed in, you may not do this for this meetup', schema: errorSchema },
  404: errors[404],
};

/** Who is acting for the organiser: the manage link's token, the signed-in person, or both. */
const callerOf = async (deps: RsvpsDeps, c: Context, token: string | undefined): Promise<Caller> => ({ token, viewer: await viewerOf(deps, c) });

/**
 * A signed-in person reserving with their own address (or none given): the one-tap request, its name from the body
 * or the one they last gave. Undefined for anyone else, whose request takes the emailed-link path.
 */
export async function oneTapRequest(deps: RsvpsDeps, c: Context, raw: unknown): Promise<{ viewer: Viewer; input: { name: string; note?: string | undefined } } | undefined> {
  const viewer = await viewerOf(deps, c);
  const sent = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (!viewer || (typeof sent.email === 'string' && sent.email.trim() && !sameAddress(sent.email, viewer.email))) return undefined;
  const name = typeof sent.name === 'string' && sent.name.trim() ? sent.name : (await deps.sessions.profile(viewer.personId))?.name;
  const parsed = signedInRsvpSchema.safeParse({ ...sent, name, email: undefined });
  if (!parsed.success) throw validationError(fieldIssues(parsed.error));
  if (parsed.data.website) return undefined; // the bot trap: the ordinary path says "check your email" and does nothing
  return { viewer, input: { name: parsed.data.name, note: parsed.data.note } };
}

export const rsvpRoutes: RouteGroup<RsvpsDeps> = {
  base: `${API_PREFIX}/events/:id`,
  routes: [
    route({
      method: 'post', path: '/rsvps', documentedBody: rsvpRequestSchema,
      summary: 'Reserve a place; a confirmation link is emailed. The answer is the same whether or not the address already RSVPed. Signed in, with the same address or none, the place is confirmed at once (one tap): no link, the "You\'re in" email comes straight away.',
      responses: {
        200: { description: 'Signed in: confirmed or waitlisted at once (or already going)', schema: outcome },
        202: { description: 'Check your email', schema: z.object({ message: z.string() }) },
        400: { description: 'Invalid fields', schema: errorSchema }, 404: errors[404], 409: errors[409], 429: { description: 'Too many requests; see Retry-After', schema: errorSchema },
      },
      handle: async ({ deps, c }) => {
        const raw = await jsonObject(c);
        const id = c.req.param('id')!;
        const oneTap = await oneTapRequest(deps, c, raw);
        if (oneTap) return c.json(await rsvps.reserveSignedIn(deps, id, oneTap.input, oneTap.viewer, deps.clientIp(c)), 200, noStore);
        const parsed = rsvpRequestSchema.safeParse(raw);
        if (!parsed.success) throw validationError(fieldIssues(parsed.error));
        await rsvps.requestRsvp(deps, id, parsed.data, deps.clientIp(c));
        return c.json({ message: RSVP_ACCEPTED }, 202, noStore);
      },
    }),
    // Before '/rsvps/:key/cancel', which would take 'mine' for a key.
    route({
      method: 'post', path: '/rsvps/mine/cancel', summary: 'Signed in: cancel my own place, or leave the waitlist (the first waitlisted person is promoted). Idempotent.',
      responses: {
        200: { description: 'Cancelled (or nothing to cancel: already)', schema: outcome },
        401: { description: 'Not signed in', schema: errorSchema },
        404: { description: 'No such meetup, or no place at it', schema: errorSchema },
        409: { description: 'The meetup is over', schema: errorSchema },
      },
      handle: async ({ deps, c }) => c.json(await rsvps.cancelMine(deps, c.req.param('id')!, await requireViewer(deps, c)), 200, noStore),
    }),
    route({
      method: 'post', path: '/rsvps/:key/status', body: rsvpTokenBodySchema,
      summary: 'How an RSVP stands, for the page its confirm or cancel link opens (either link, or the cancel link of a reminder). Only reads: opening a link changes nothing.',
      responses: { 200: { description: 'How it stands', schema: statusSchema }, 403: errors[403], 404: { description: 'No such meetup', schema: errorSchema } },
      handle: async ({ deps, c, body }) => c.json(await rsvps.rsvpStatus(deps, c.req.param('id')!, c.req.param('key')!, body.token), 200, noStore),
    }),
    route({
      method: 'post', path: '/rsvps/:key/confirm', summary: 'Confirm a place (or join the waitlist when full). Idempotent.', body: rsvpTokenBodySchema,
      responses: { 200: { description: 'Confirmed or waitlisted', schema: outcome }, ...errors },
      handle: async ({ deps, c, body }) => c.json(await rsvps.confirmRsvp(deps, c.req.param('id')!, c.req.param('key')!, body.token), 200, noStore),
    }),
    route({
      method: 'post', path: '/rsvps/:key/cancel', summary: 'Free a place (the first waitlisted person is promoted) or leave the waitlist. Idempotent.', body: rsvpTokenBodySchema,
      responses: { 200: { description: 'Cancelled', schema: outcome }, 403: errors[403], 404: { description: 'No such meetup', schema: errorSchema }, 409: { description: 'The meetup is over', schema: errorSchema } },
      handle: async ({ deps, c, body }) => c.json(await rsvps.cancelRsvp(deps, c.req.param('id')!, c.req.param('key')!, body.token), 200, noStore),
    }),
    route({
      method: 'post', path: '/rsvps/:key/delete', body: rsvpTokenBodySchema,
      summary: 'Delete this RSVP and everything kept about the person for this meetup (the cancel link from their email); a place frees up for the waitlist. Idempotent.',
      responses: { ...deleted, 403: errors[403], 404: { description: 'No such meetup', schema: errorSchema } },
      handle: async ({ deps, c, body }) => c.json(await rsvps.deleteRsvp(deps, c.req.param('id')!, c.req.param('key')!, body.token), 200, noStore),
    }),
    route({
      method: 'post', path: '/attendees', summary: 'The attendee list (manage token, or signed in as its organiser, an organiser of its network, or a helper on the day)', body: manageTokenBodySchema, responses: organiser,
      handle: async ({ deps, c, body }) => c.json(await rsvps.attendees(deps, c.req.param('id')!, await callerOf(deps, c, body.token)), 200, noStore),
    }),
    route({
      method: 'post', path: '/attendees.csv', summary: 'The attendee list as CSV (as for the list)', body: manageTokenBodySchema,
      responses: { 200: { description: 'text/csv' }, 401: organiser[401], 403: errors[403], 404: errors[404] },
      handle: async ({ deps, c, body }) => {
        const { csv, filename } = await rsvps.attendeesCsvFile(deps, c.req.param('id')!, await callerOf(deps, c, body.token));
        return c.body(csv, 200, { ...noStore, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"` });
      },
    }),
    route({
      method: 'post', path: '/attendees/:key/remove', body: removeAttendeeSchema,
      summary: 'Remove an attendee (manage token): they are emailed, with your message if given, and listed as "Removed by the organiser"; the first waitlisted person gets the place. Idempotent.',
      responses: { ...organiser, 409: { description: 'The meetup is over', schema: errorSchema } },
      handle: async ({ deps, c, body }) => c.json(await rsvps.removeAttendee(deps, c.req.param('id')!, await callerOf(deps, c, body.token), c.req.param('key')!, body.message), 200, noStore),
    }),
    route({
      method: 'post', path: '/rsvp-settings', summary: 'Close or reopen RSVPs; choose whether to be emailed on each RSVP and each cancellation; reminders on or off (manage token)', body: rsvpSettingsSchema, responses: organiser,
      handle: async ({ deps, c, body }) => {
        const { token, ...settings } = body;
        return c.json(await rsvps.updateRsvpSettings(deps, c.req.param('id')!, await callerOf(deps, c, token), settings), 200, noStore);
      },
    }),
    route({
      method: 'post', path: '/delete', body: manageTokenBodySchema,
      summary: 'Delete a meetup that has ended (or was cancelled) and all its attendee data (manage token). Idempotent.',
      responses: { ...deleted, 403: { description: 'The manage link is not valid or has expired', schema: errorSchema }, 404: errors[404], 409: { description: 'The meetup has not ended yet (or its cancellation is still being emailed)', schema: errorSchema } },
      handle: async ({ deps, c, body }) => c.json(await deleteMeetup(deps, c.req.param('id')!, await callerOf(deps, c, body.token)), 200, noStore),
    }),
  ],
};
