// Auth API: the session as the browser's scripts see it (the header's "Your meetups" and "Sign out", the event page's
// one-tap RSVP). The only answer that carries an address, and only to the person it belongs to; never cached.
import * as z from 'zod';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import type { AuthDeps } from './deps.ts';
import { viewerOf } from './viewer.ts';

const route = routeOf<AuthDeps>();

export const sessionSchema = z
  .union([
    z.object({ signedIn: z.literal(false) }),
    z.object({
      signedIn: z.literal(true),
      email: z.string().meta({ description: 'The address signed in with (lower case)' }),
      name: z.string().optional().meta({ description: 'The name last given, to fill forms' }),
      operator: z.boolean().meta({ description: "One of the deployment's operators" }),
    }),
  ])
  .meta({ id: 'Session' });
export type SessionAnswer = z.output<typeof sessionSchema>;

export const sessionRoutes: RouteGroup<AuthDeps> = {
  base: '/api/session',
  routes: [
    route({
      method: 'get', path: '',
      summary: 'Who is signed in on this browser (the session cookie), for the pages\' scripts. Never cached.',
      responses: { 200: { description: 'Signed in or not', schema: sessionSchema } },
      handle: async ({ deps, c }) => {
        const headers = { 'Cache-Control': 'no-store', Vary: 'Cookie' };
        const viewer = await viewerOf(deps, c);
        if (!viewer) return c.json({ signedIn: false } satisfies SessionAnswer, 200, headers);
        const name = (await deps.sessions.profile(viewer.personId))?.name;
        return c.json({ signedIn: true, email: viewer.email, ...(name ? { name } : {}), operator: viewer.operator } satisfies SessionAnswer, 200, headers);
      },
    }),
  ],
};
