// Attendance: the "Still coming?" routes. Pages (eventPagePaths.stillComing): the email's link opens a page with one
// button (GET changes nothing), whose plain form POST answers; a released person's link (…/back) offers a place back
// while one is free. And the same as JSON under /api, declared once: apps/api mounts and documents it.
import type { Context } from 'hono';
import * as z from 'zod';
import { AppError, validationError } from '#functions/core/errors.ts';
import { API_PREFIX, eventPagePaths } from '#functions/core/paths.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { errorSchema, fieldIssues, linkToken } from '#functions/http/schemas.ts';
import {
  renderNoPlaceFreePage, renderNoPlacePage, renderPlaceBackPage, renderStillComingAnsweredPage, renderStillComingPage, renderTakeBackPage,
  type StillComingLink,
} from '#views/still-coming-pages.ts';
import * as stillComing from './still-coming.ts';
import type { StillComingDeps } from './still-coming.ts';

const route = routeOf<StillComingDeps>();
const noStore = { 'Cache-Control': 'no-store' };

const token = linkToken('“Still coming?” link');
export const stillComingAnswerSchema = z.object({
  token,
  answer: z.enum(['yes', 'no'], { error: 'Answer “yes” or “no”' }),
}).meta({ id: 'StillComingAnswer' });
export const stillComingTokenSchema = z.object({ token }).meta({ id: 'StillComingToken' });

const answeredSchema = z.object({
  answer: z.enum(['yes', 'no']),
  already: z.boolean().meta({ description: 'The same answer had been given before: nothing changed' }),
  status: z.enum(['confirmed', 'cancelled']).meta({ description: 'The place: still theirs, or given up' }),
  promoted: z.boolean().optional().meta({ description: 'After "no": the place went to the first person on the waitlist' }),
});

/** The back path: a released person's take-back link. */
const backPath = (id: string, key: string) => `${eventPagePaths.stillComing(id, key)}/back`;

/** A form field or query value, checked as the JSON body is: a 400 naming it. */
function parsed<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(fieldIssues(result.error));
  return result.data;
}

const params = (c: Context) => ({ id: c.req.param('id')!, key: c.req.param('key')! });

export const stillComingApiRoutes: RouteGroup<StillComingDeps> = {
  base: `${API_PREFIX}/events/:id/rsvps/:key/still-coming`,
  routes: [
    route({
      method: 'post', path: '', body: stillComingAnswerSchema,
      summary: '"Still coming?": answer yes (recorded) or no (the place is freed as a cancellation frees it, the first on the waitlist promoted). Idempotent.',
      responses: {
        200: { description: 'Answered', schema: answeredSchema },
        400: { description: 'No token, or an answer other than yes or no', schema: errorSchema },
        403: { description: 'The token does not match', schema: errorSchema },
        409: { description: '"Yes" with no place any more (given up, released, cancelled), or the meetup is over', schema: errorSchema },
      },
      handle: async ({ deps, c, body }) => {
        const { id, key } = params(c);
        const { meetup: _m, ...answered } = await stillComing.answerStillComing(deps, id, key, body.token, body.answer);
        return c.json(answered, 200, noStore);
      },
    }),
    route({
      method: 'post', path: '/status', body: stillComingTokenSchema,
      summary: 'How a "Still coming?" link stands, for the page it opens. Only reads.',
      responses: {
        200: {
          description: 'How it stands',
          schema: z.object({
            state: z.enum(['open', 'yes', 'gave-up', 'released', 'no-place']),
            placeFree: z.boolean().meta({ description: 'A place is free to take back (a capacity not reached, nobody waiting)' }),
          }),
        },
        403: { description: 'The token does not match', schema: errorSchema },
      },
      handle: async ({ deps, c, body }) => {
        const { id, key } = params(c);
        const { state, placeFree } = await stillComing.linkStatus(deps, id, key, body.token);
        return c.json({ state, placeFree }, 200, noStore);
      },
    }),
    route({
      method: 'post', path: '/back', body: stillComingTokenSchema,
      summary: 'A place released unanswered is taken back, while one is free (a capacity not reached, nobody waiting). Idempotent.',
      responses: {
        200: { description: 'The place is theirs again', schema: z.object({ status: z.literal('confirmed'), already: z.boolean() }) },
        403: { description: 'The token does not match', schema: errorSchema },
        409: { description: 'No place is free right now, or the place was not released', schema: errorSchema },
      },
      handle: async ({ deps, c, body }) => {
        const { id, key } = params(c);
        const { status, already } = await stillComing.takePlaceBack(deps, id, key, body.token);
        return c.json({ status, already }, 200, noStore);
      },
    }),
  ],
};

/** The page for a conflict a link's action met: no place, or none free. Anything else is the error pages' own. */
function conflictPage(c: Context, error: unknown, meetup: StillComingLink['meetup']) {
  if (!(error instanceof AppError) || error.kind !== 'conflict') throw error;
  if (error.code === 'full') return c.html(renderNoPlaceFreePage(meetup), 409, noStore);
  if (error.code === 'no_place') return c.html(renderNoPlacePage(meetup, error.message), 409, noStore);
  throw error;
}

export const stillComingPageRoutes: RouteGroup<StillComingDeps> = {
  base: eventPagePaths.stillComing(':id', ':key'),
  routes: [
    route({
      method: 'get', path: '',
      handle: async ({ deps, c }) => {
        const { id, key } = params(c);
        const given = parsed(token, c.req.query('token'));
        const answer = c.req.query('answer');
        const status = await stillComing.linkStatus(deps, id, key, given);
        const link = { meetup: status.meetup, action: eventPagePaths.stillComing(id, key), token: given };
        switch (status.state) {
          case 'open':
          case 'yes':
            return c.html(renderStillComingPage(link, answer === 'yes' || answer === 'no' ? answer : undefined, status.state === 'yes'), 200, noStore);
          case 'gave-up':
            return c.html(renderStillComingAnsweredPage(status.meetup, { answer: 'no', already: true }), 200, noStore);
          case 'released':
            return c.html(renderTakeBackPage({ ...link, action: backPath(id, key) }, status.placeFree), 200, noStore);
          default:
            return c.html(renderNoPlacePage(status.meetup, 'You no longer have a place at this meetup. If places are free, you can reserve again on its page.'), 200, noStore);
        }
      },
    }),
    route({
      method: 'post', path: '', form: true,
      handle: async ({ deps, c, form }) => {
        const { id, key } = params(c);
        const body = parsed(stillComingAnswerSchema, { token: form.get('token') ?? undefined, answer: form.get('answer') ?? undefined });
        const { meetup } = await stillComing.linkStatus(deps, id, key, body.token);
        try {
          return c.html(renderStillComingAnsweredPage(meetup, await stillComing.answerStillComing(deps, id, key, body.token, body.answer)), 200, noStore);
        } catch (error) {
          return conflictPage(c, error, meetup);
        }
      },
    }),
    route({
      method: 'get', path: '/back',
      handle: async ({ deps, c }) => {
        const { id, key } = params(c);
        const given = parsed(token, c.req.query('token'));
        const status = await stillComing.linkStatus(deps, id, key, given);
        if (status.state === 'yes' || status.state === 'open') return c.html(renderPlaceBackPage(status.meetup, true), 200, noStore);
        if (status.state !== 'released') return c.html(renderNoPlacePage(status.meetup, 'Your place was not released, so there is nothing to take back. If places are free, you can reserve again on the meetup’s page.'), 200, noStore);
        return c.html(renderTakeBackPage({ meetup: status.meetup, action: backPath(id, key), token: given }, status.placeFree), 200, noStore);
      },
    }),
    route({
      method: 'post', path: '/back', form: true,
      handle: async ({ deps, c, form }) => {
        const { id, key } = params(c);
        const body = parsed(stillComingTokenSchema, { token: form.get('token') ?? undefined });
        const { meetup } = await stillComing.linkStatus(deps, id, key, body.token);
        try {
          return c.html(renderPlaceBackPage(meetup, (await stillComing.takePlaceBack(deps, id, key, body.token)).already), 200, noStore);
        } catch (error) {
          return conflictPage(c, error, meetup);
        }
      },
    }),
  ],
};
