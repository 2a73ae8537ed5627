// Attendance API: the check-in page's list and taps (the team: signed in, or the manage link's token in the body),
// and self check-in with the day's code (the attendee's emailed link, or signed in). Thin handlers over the use cases.
import type { Context } from 'hono';
import { viewerOf } from '#functions/auth/viewer.ts';
import { API_PREFIX } from '#functions/core/paths.ts';
import { signInNeeded, validationError } from '#functions/core/errors.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { errorSchema } from '#functions/http/schemas.ts';
import type { CheckInDeps } from './check-in-deps.ts';
import {
  checkInChangeSchema, checkInListSchema, personBodySchema, selfCheckedInSchema, selfCheckInBodySchema, teamBodySchema, walkInBodySchema,
} from './check-in.schema.ts';
import * as checkIns from './check-in-use-cases.ts';

const route = routeOf<CheckInDeps>();
const noStore = { 'Cache-Control': 'no-store' };

const refused = {
  400: { description: 'Invalid fields (each named), or not a JSON object (`body`)', schema: errorSchema },
  401: { description: 'No manage link token, and not signed in', schema: errorSchema },
  403: { description: 'Not on the meetup’s team (a helper: only on the day), or a bad manage link', schema: errorSchema },
  404: { description: 'No such meetup, or nobody of that key on its list', schema: errorSchema },
  409: { description: 'Not published, cancelled, full (walk-ins), or the person has no place', schema: errorSchema },
};

const callerOf = async (deps: CheckInDeps, c: Context, token: string | undefined) => ({ token, viewer: await viewerOf(deps, c) });
const id = (c: Context) => c.req.param('id')!;

export const checkInRoutes: RouteGroup<CheckInDeps> = {
  base: `${API_PREFIX}/events/:id/check-in`,
  routes: [
    route({
      method: 'post', path: '/list', summary: 'Everyone with a place, waiting or walked in, for the check-in page (the team only), with the day’s code', body: teamBodySchema,
      responses: { 200: { description: 'The list', schema: checkInListSchema }, ...refused },
      handle: async ({ deps, c, body }) => c.json(await checkIns.checkInList(deps, id(c), await callerOf(deps, c, body.token)), 200, noStore),
    }),
    route({
      method: 'post', path: '/person', summary: 'Check someone in (a place, the waitlist or a walk-in); a repeat keeps the first time', body: personBodySchema,
      responses: { 200: { description: 'Checked in', schema: checkInChangeSchema }, ...refused },
      handle: async ({ deps, c, body }) => c.json(await checkIns.checkIn(deps, id(c), await callerOf(deps, c, body.token), body.key), 200, noStore),
    }),
    route({
      method: 'post', path: '/person/undo', summary: 'Undo a check-in tapped by mistake', body: personBodySchema,
      responses: { 200: { description: 'Not checked in', schema: checkInChangeSchema }, ...refused },
      handle: async ({ deps, c, body }) => c.json(await checkIns.undoCheckIn(deps, id(c), await callerOf(deps, c, body.token), body.key), 200, noStore),
    }),
    route({
      method: 'post', path: '/walk-ins', summary: 'Add someone who came without booking, checked in, while places allow (idempotent by requestId)', body: walkInBodySchema,
      responses: { 201: { description: 'Added', schema: checkInChangeSchema }, ...refused },
      handle: async ({ deps, c, body }) => c.json(await checkIns.addWalkIn(deps, id(c), await callerOf(deps, c, body.token), body), 201, noStore),
    }),
    route({
      method: 'post', path: '/walk-ins/remove', summary: 'Remove a walk-in added by mistake, freeing the place (idempotent)', body: personBodySchema,
      responses: { 200: { description: 'Removed', schema: checkInChangeSchema }, ...refused },
      handle: async ({ deps, c, body }) => {
        const { already } = await checkIns.removeWalkIn(deps, id(c), await callerOf(deps, c, body.token), body.key);
        return c.json({ already }, 200, noStore);
      },
    }),
    route({
      method: 'post', path: '/code', summary: 'The day’s self check-in code (made the first time), and when it works', body: teamBodySchema,
      responses: { 200: { description: 'The code' }, ...refused },
      handle: async ({ deps, c, body }) => c.json(await checkIns.dayCode(deps, id(c), await callerOf(deps, c, body.token)), 200, noStore),
    }),
    route({
      method: 'post', path: '/code/rotate', summary: 'A new code of the day: the old one stops working at once', body: teamBodySchema,
      responses: { 200: { description: 'The new code' }, ...refused },
      handle: async ({ deps, c, body }) => c.json(await checkIns.rotateCode(deps, id(c), await callerOf(deps, c, body.token)), 200, noStore),
    }),
    route({
      method: 'post', path: '/self',
      summary: 'Check myself in with the day’s code, from an hour before the start to an hour after the end (my emailed link’s key and token, or signed in)',
      body: selfCheckInBodySchema,
      responses: {
        200: { description: 'Checked in', schema: selfCheckedInSchema },
        400: { description: 'Invalid fields, or the wrong code (`code`)', schema: errorSchema },
        401: { description: 'No link and not signed in', schema: errorSchema },
        403: { description: 'Not a valid link from the person’s email', schema: errorSchema },
        404: { description: 'No such meetup', schema: errorSchema },
        409: { description: 'No place (waitlisted, cancelled), outside the window, or the meetup was cancelled', schema: errorSchema },
        429: { description: 'Too many wrong codes for this RSVP or from this IP (see Retry-After); even the right one waits', schema: errorSchema },
      },
      handle: async ({ deps, c, body }) => {
        if (body.key && !body.token) throw validationError([{ field: 'token', message: 'The link from your email is missing its token' }]);
        if (body.token && !body.key) throw validationError([{ field: 'key', message: 'The link from your email is incomplete' }]);
        const viewer = await viewerOf(deps, c);
        const proof = body.key && body.token ? { key: body.key, token: body.token } : viewer ? { viewer } : undefined;
        if (!proof) throw signInNeeded();
        return c.json(await checkIns.selfCheckIn(deps, id(c), proof, body.code, deps.clientIp(c)), 200, noStore);
      },
    }),
  ],
};
