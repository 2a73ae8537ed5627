// Reminders API: one-click unsubscribe. Mail clients POST `List-Unsubscribe=One-Click` to the URL in the header
// (token in its query, RFC 8058: no cookies, no redirect); the page posts JSON with the token from its fragment.
// Declared once: apps/api mounts it and documents it.
import type { Context } from 'hono';
import * as z from 'zod';
import { validationError } from '#functions/core/errors.ts';
import * as useCases from './use-cases.ts';
import type { RemindersOffDeps } from './use-cases.ts';
import { API_PREFIX } from '#functions/core/paths.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { errorSchema } from '#functions/http/schemas.ts';
import { RSVP_STATUSES } from '#functions/core/rsvp.ts';

const route = routeOf<RemindersOffDeps>();
const noStore = { 'Cache-Control': 'no-store' };
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const remindersOffBodySchema = z.object({ token: z.string().regex(TOKEN) }).meta({ id: 'RemindersOffToken' });

async function tokenOf(c: Context): Promise<string> {
  const fromQuery = c.req.query('token');
  const type = c.req.header('content-type') ?? '';
  // Any JSON at all may arrive (null, a list, a string): only an object's `token` counts.
  const json: unknown = type.startsWith('application/json') ? await c.req.json().catch(() => undefined) : undefined;
  const fromBody = json && typeof json === 'object' && !Array.isArray(json) ? (json as { token?: unknown }).token : undefined;
  const token = fromQuery ?? fromBody;
  if (typeof token !== 'string' || !TOKEN.test(token)) {
    throw validationError([{ field: 'token', message: 'The link is incomplete; use the whole link from the reminder' }]);
  }
  return token;
}

export const remindersOffRoutes: RouteGroup<RemindersOffDeps> = {
  base: `${API_PREFIX}/events/:id/rsvps/:key`,
  routes: [
    route({
      method: 'post', path: '/reminders-off',
      summary: 'No more reminders for this RSVP; the place stays. One-click (RFC 8058: form body, token in the query) or JSON {token}. Idempotent.',
      documentedBody: remindersOffBodySchema,
      responses: {
        200: { description: 'Reminders are off', schema: z.object({ status: z.literal('reminders-off'), message: z.string() }) },
        403: { description: 'The token does not match', schema: errorSchema },
        404: { description: 'No such RSVP', schema: errorSchema },
      },
      handle: async ({ deps, c }) =>
        c.json(await useCases.turnRemindersOff(deps, c.req.param('id')!, c.req.param('key')!, await tokenOf(c)), 200, noStore),
    }),
    route({
      method: 'post', path: '/reminders-off/status', body: remindersOffBodySchema,
      summary: "Whether reminders are already off for this RSVP, for the page the reminder's link opens. Only reads.",
      responses: {
        200: {
          description: 'How it stands',
          schema: z.object({
            remindersOff: z.boolean(),
            status: z.enum(RSVP_STATUSES).meta({ description: 'The RSVP: only a confirmed or waitlisted one is sent reminders' }),
          }),
        },
        403: { description: 'The token does not match', schema: errorSchema },
        404: { description: 'No such RSVP', schema: errorSchema },
      },
      handle: async ({ deps, c, body }) => c.json(await useCases.remindersOffStatus(deps, c.req.param('id')!, c.req.param('key')!, body.token), 200, noStore),
    }),
  ],
};
