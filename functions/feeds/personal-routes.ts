// Feeds API: the "my calendar" page's two calls. The token comes in the POST body (the page reads it from the URL's
// fragment), never in a query string a log could keep. Declared once: apps/api mounts these and documents them.
import * as z from 'zod';
import { PERSONAL_TOKEN_PATTERN } from './personal-token.ts';
import * as useCases from './use-cases.ts';
import type { PersonalDeps } from './use-cases.ts';
import { API_PREFIX } from '#functions/core/paths.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { errorSchema } from '#functions/http/schemas.ts';

const route = routeOf<PersonalDeps>();
const noStore = { 'Cache-Control': 'no-store' };

export const personalFeedTokenSchema = z
  .object({
    token: z
      .string('The calendar link is missing its token')
      .regex(PERSONAL_TOKEN_PATTERN, 'The calendar link is incomplete; copy the whole link from the email'),
  })
  .meta({ id: 'PersonalFeedToken' });

export const personalFeedSchema = z
  .object({
    feedUrl: z.url().meta({ description: 'The https address to subscribe to; webcal:// works the same' }),
    pageUrl: z.url().meta({ description: 'This page, for the same feed' }),
  })
  .meta({ id: 'PersonalFeed' });

const gone = { description: 'The link is not valid, or was replaced', schema: errorSchema };

export const personalFeedRoutes: RouteGroup<PersonalDeps> = {
  base: `${API_PREFIX}/calendar/me`,
  routes: [
    route({
      method: 'post', path: '', summary: "A person's own calendar feed: the address to subscribe to", body: personalFeedTokenSchema,
      responses: { 200: { description: 'The feed', schema: personalFeedSchema }, 404: gone },
      handle: async ({ deps, c, body }) => c.json(await useCases.personalFeedInfo(deps, body.token), 200, noStore),
    }),
    route({
      method: 'post', path: '/replace', summary: 'Replace the personal feed link: every old address stops working', body: personalFeedTokenSchema,
      responses: { 200: { description: 'The new feed', schema: personalFeedSchema }, 404: gone },
      handle: async ({ deps, c, body }) => c.json(await useCases.replacePersonalFeedLink(deps, body.token), 200, noStore),
    }),
  ],
};
