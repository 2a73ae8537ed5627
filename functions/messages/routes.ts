// Messages API: preview and send a team's message to a meetup's attendees (manage link or team authority, as every
// manage action) or to a network's followers (its organisers). Thin handlers over use-cases.ts.
import { viewerOf } from '#functions/auth/viewer.ts';
import { API_PREFIX } from '#functions/core/paths.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { errorSchema } from '#functions/http/schemas.ts';
import type { MessagesDeps } from './deps.ts';
import { attendeeMessageSchema, followerMessageSchema, messagePreviewSchema, messageSentSchema } from './message.schema.ts';
import { previewMeetupMessage, previewNetworkMessage, sendMeetupMessage, sendNetworkMessage } from './use-cases.ts';

const route = routeOf<MessagesDeps>();
const noStore = { 'Cache-Control': 'no-store' };

const refused = {
  400: { description: 'Invalid fields (each named), or not a JSON object (`body`)', schema: errorSchema },
  401: { description: 'No manage link token, and not signed in', schema: errorSchema },
  403: { description: 'Not allowed to message them', schema: errorSchema },
  404: { description: 'No such meetup or network', schema: errorSchema },
  409: { description: 'Not published (or public), or nobody to send it to', schema: errorSchema },
};
const sentResponses = {
  202: { description: 'Stored and on its way: each person gets it once', schema: messageSentSchema },
  ...refused,
  429: { description: 'Over the day’s message limit; nothing was sent (see Retry-After)', schema: errorSchema },
};

export const meetupMessageRoutes: RouteGroup<MessagesDeps> = {
  base: `${API_PREFIX}/events/:id/messages`,
  routes: [
    route({
      method: 'post', path: '/preview', summary: 'The message as attendees would get it; sends nothing', body: attendeeMessageSchema,
      responses: { 200: { description: 'The email, and how many it would reach', schema: messagePreviewSchema }, ...refused },
      handle: async ({ deps, c, body }) =>
        c.json(await previewMeetupMessage(deps, c.req.param('id')!, { token: body.token, viewer: await viewerOf(deps, c) }, body), 200, noStore),
    }),
    route({
      method: 'post', path: '', summary: 'Email everyone with a place, the waitlist, or both (limited per meetup and per network per day)', body: attendeeMessageSchema,
      responses: sentResponses,
      handle: async ({ deps, c, body }) =>
        c.json(await sendMeetupMessage(deps, c.req.param('id')!, { token: body.token, viewer: await viewerOf(deps, c) }, body), 202, noStore),
    }),
  ],
};

export const networkMessageRoutes: RouteGroup<MessagesDeps> = {
  base: `${API_PREFIX}/networks/:slug/messages`,
  routes: [
    route({
      method: 'post', path: '/preview', summary: 'The message as followers would get it; sends nothing (the network’s organisers)', body: followerMessageSchema,
      responses: { 200: { description: 'The email, and how many it would reach', schema: messagePreviewSchema }, ...refused },
      handle: async ({ deps, c, body }) => c.json(await previewNetworkMessage(deps, await viewerOf(deps, c), c.req.param('slug')!, body), 200, noStore),
    }),
    route({
      method: 'post', path: '', summary: 'Email all the network’s followers (its organisers; limited per network per day)', body: followerMessageSchema,
      responses: sentResponses,
      handle: async ({ deps, c, body }) => c.json(await sendNetworkMessage(deps, await viewerOf(deps, c), c.req.param('slug')!, body), 202, noStore),
    }),
  ],
};
