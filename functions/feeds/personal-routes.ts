// Feeds API: the "my calendar" page's two calls. The token comes in the POST body (the page reads it from the URL's
// fragment), never in a query string a log could keep.
import { Hono } from 'hono';
import * as z from 'zod';
import { jsonBody } from '#functions/http/validation.ts';
import { PERSONAL_TOKEN_PATTERN } from './personal-token.ts';
import * as useCases from './use-cases.ts';
import type { PersonalDeps } from './use-cases.ts';
import type { RouteDoc } from '#functions/http/route-doc.ts';
import { errorSchema } from '#functions/http/schemas.ts';

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

export default function personalFeedRoutes(deps: PersonalDeps) {
  const app = new Hono();
  app.post('/', ...jsonBody(personalFeedTokenSchema), async (c) =>
    c.json(await useCases.personalFeedInfo(deps, c.req.valid('json').token), 200, noStore),
  );
  app.post('/replace', ...jsonBody(personalFeedTokenSchema), async (c) =>
    c.json(await useCases.replacePersonalFeedLink(deps, c.req.valid('json').token), 200, noStore),
  );
  return app;
}

const gone = { description: 'The link is not valid, or was replaced', schema: errorSchema };

export const personalFeedApiDoc: RouteDoc[] = [
  { method: 'post', path: '/api/calendar/me', summary: "A person's own calendar feed: the address to subscribe to", body: personalFeedTokenSchema,
    responses: { 200: { description: 'The feed', schema: personalFeedSchema }, 404: gone } },
  { method: 'post', path: '/api/calendar/me/replace', summary: 'Replace the personal feed link: every old address stops working', body: personalFeedTokenSchema,
    responses: { 200: { description: 'The new feed', schema: personalFeedSchema }, 404: gone } },
];
