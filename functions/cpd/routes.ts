// CPD: the record of attendance's routes. Anyone with a verification link asks for the record's public fields (the
// static page /records/<id> POSTs the token from its fragment); the person, signed in, turns their own record's link
// off or on again (a new link). Declared once: apps/api mounts and documents them.
import type { Context } from 'hono';
import { requireViewer, type ViewerDeps } from '#functions/auth/viewer.ts';
import { API_PREFIX } from '#functions/core/paths.ts';
import type { ClientIp } from '#functions/http/client-ip.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { errorSchema } from '#functions/http/schemas.ts';
import { publicRecordSchema, recordShareAnswerSchema, recordShareSchema, recordVerifySchema } from './cpd.schema.ts';
import { shareRecord, verifyRecord, type RecordsDeps } from './records.ts';

export type RecordRoutesDeps = RecordsDeps & ViewerDeps & { clientIp: ClientIp };

const route = routeOf<RecordRoutesDeps>();
const noStore = { 'Cache-Control': 'no-store' };
const id = (c: Context) => c.req.param('id')!;

export const recordRoutes: RouteGroup<RecordRoutesDeps> = {
  base: API_PREFIX,
  routes: [
    route({
      method: 'post', path: '/records/:id/verify', body: recordVerifySchema,
      summary: 'A record of attendance behind a verification link: its public fields only (no reflection, no address). Only reads.',
      responses: {
        200: { description: 'The record', schema: publicRecordSchema },
        400: { description: 'No token, or not shaped like one', schema: errorSchema },
        404: { description: 'The same for a wrong token, an unknown id, a link turned off and a deleted record', schema: errorSchema },
        429: { description: 'Too many wrong links from this IP (see Retry-After)', schema: errorSchema },
      },
      handle: async ({ deps, c, body }) => c.json(await verifyRecord(deps, id(c), body.token, deps.clientIp(c)), 200, noStore),
    }),
    route({
      method: 'post', path: '/me/cpd/records/:id/share', body: recordShareSchema,
      summary: 'Signed in: turn the verification link of one of your records off, or on again (a new link; earlier ones stay dead).',
      responses: {
        200: { description: 'Done', schema: recordShareAnswerSchema },
        400: { description: 'No `shared`, or not true or false', schema: errorSchema },
        401: { description: 'Not signed in', schema: errorSchema },
        404: { description: 'No such record in your CPD log', schema: errorSchema },
      },
      handle: async ({ deps, c, body }) => {
        const viewer = await requireViewer(deps, c);
        return c.json(await shareRecord(deps, viewer.personId, id(c), body.shared), 200, noStore);
      },
    }),
  ],
};
