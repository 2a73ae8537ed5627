// Events pages: "List a free meetup" (/new) as a plain HTML form post, so it works before (or without) JavaScript and
// nothing typed goes into the URL. The same checks and use case as POST /api/events (rate limits included); the
// answer is a page: "Check your email", or the form again with every value kept and every problem shown. Signed in
// with the organiser's own address, the meetup is live at once: 303 to its page, which says so.
import type { Context } from 'hono';
import { AppError, type FieldIssue } from '#functions/core/errors.ts';
import { SITE_PAGES } from '#functions/core/paths.ts';
import { formObject, formValues } from '#functions/http/form.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { BOT_TRAP_FIELD, SERIES_KEY_FIELD } from '#views/event-form.ts';
import { renderListingLivePage, renderListingSentPage, renderNewMeetupPage, type NewMeetupPageOptions } from '#views/new-meetup-page.ts';
import { eventPath } from '#functions/core/event.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import { viewerOf } from '#functions/auth/viewer.ts';
import { networksToListUnder } from './listing-network.ts';
import type { EventsDeps } from './deps.ts';
import * as events from './use-cases.ts';
import { newToken } from '#functions/core/ids.ts';
import { sameAddress } from '#functions/core/viewer.ts';
import { copiedFields, seriesDatesOf } from './series.ts';
import { CPD_FORM_FIELDS, cpdFromForm } from '#functions/networks/cpd.schema.ts';

const route = routeOf<EventsDeps>();
const noStore = { 'Cache-Control': 'no-store' };

/** The form's fields as the schema expects them, the way the page script reads them. */
export function listingInput(fields: URLSearchParams): Record<string, unknown> {
  const input = formObject(fields, { numbers: ['capacity', 'times'], lists: ['tags'], checkboxes: ['onlineUrlPublic'], blankIsMissing: ['start', 'end', SERIES_KEY_FIELD] });
  // The count's select is always sent; it means something only for a series.
  if (input.repeat === undefined || input.repeat === 'never') delete input.times;
  for (const name of ['start', 'end'] as const) if (typeof input[name] === 'string') input[name] = (input[name] as string).trim().replace(' ', 'T');
  // Without JavaScript both the venue and the link are on the form; only the one the format needs is kept.
  if (input.format === 'online') delete input.venue;
  if (input.format === 'in_person') {
    delete input.onlineUrl;
    input.onlineUrlPublic = false;
  }
  delete input[BOT_TRAP_FIELD];
  // The CPD inputs (hours, outcomes one per line, ticked areas, format) are the API's `cpd` object; none set, none sent.
  for (const name of CPD_FORM_FIELDS) delete input[name];
  const cpd = cpdFromForm((name) => fields.get(name) ?? '', (name) => fields.getAll(name));
  if (cpd) input.cpd = cpd;
  return input;
}

type SignedIn = NewMeetupPageOptions['signedIn'];

const again = (c: Context, signedIn: SignedIn, values: Record<string, string>, errors: FieldIssue[], status: 400 | 409 | 429, headers: Record<string, string> = {}) =>
  c.html(renderNewMeetupPage({ values, errors, signedIn }), status, { ...noStore, ...headers });

/**
 * "List another like this" (/new?like=<id>): the form filled from a meetup this person may manage, all but its dates
 * (and its organiser, who is whoever lists it now). Anyone else, or an unknown id, gets the empty form.
 */
async function likeValues(deps: EventsDeps, id: string | undefined, viewer: Viewer | undefined, signedIn: SignedIn): Promise<Record<string, string> | undefined> {
  if (!id || !viewer || !signedIn) return undefined;
  const event = await events.authorised(deps, id, { viewer }).catch((error: unknown) => {
    if (error instanceof AppError) return undefined;
    throw error;
  });
  if (!event) return undefined;
  return {
    ...copiedFields(event),
    organiserEmail: signedIn.email,
    organiserName: signedIn.name ?? (sameAddress(viewer.email, event.organiserEmail) ? event.organiserName : ''),
    [SERIES_KEY_FIELD]: newToken(),
  };
}

/**
 * The signed-in person as the form shows them: address, last name given, the networks they may list under. /new is
 * never cached (infra/cache-policies.ts: /api/* and /new are not), so it is rendered for the person asking.
 */
async function signedInAs(deps: EventsDeps, viewer: Viewer | undefined): Promise<SignedIn> {
  if (!viewer) return undefined;
  const [profile, networks] = await Promise.all([deps.sessions.profile(viewer.personId), networksToListUnder(deps, viewer)]);
  return { email: viewer.email, name: profile?.name, networks };
}

const minutes = (seconds: number) => {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? '1 minute' : m < 60 ? `${m} minutes` : m < 120 ? 'an hour' : `${Math.ceil(m / 60)} hours`;
};

export const newMeetupPageRoutes: RouteGroup<EventsDeps> = {
  base: SITE_PAGES.newMeetup,
  routes: [
    route({
      method: 'get', path: '',
      // It depends on the session cookie now: never kept by a shared cache.
      handle: async ({ deps, c }) => {
        const viewer = await viewerOf(deps, c);
        const signedIn = await signedInAs(deps, viewer);
        const like = await likeValues(deps, c.req.query('like'), viewer, signedIn);
        const page = like ? { values: like, signedIn } : { signedIn, prefill: { [SERIES_KEY_FIELD]: newToken() } };
        return c.html(renderNewMeetupPage(page), 200, { 'Cache-Control': 'private, no-store' });
      },
    }),
    route({
      method: 'post', path: '', form: true,
      handle: async ({ deps, c, form }) => {
        // Every ticked area, not just the first, so the form comes back as it was sent.
        const values = { ...formValues(form), cpdAreas: form.getAll('cpdAreas').join(',') };
        const email = (form.get('organiserEmail') ?? '').trim();
        // The bot trap: the same answer as a real listing, and nothing stored or sent.
        if (form.get(BOT_TRAP_FIELD)) return c.html(renderListingSentPage(email), 200, noStore);

        const viewer = await viewerOf(deps, c);
        try {
          // Every problem in one round, the clock's (a start in the past) included, as POST /api/events reports them.
          const input = events.readListing(deps, listingInput(form));
          const { event, published, series } = await events.submit(deps, input, deps.clientIp(c), viewer);
          // Listed signed in with their own address: live at once, and this page says so (the event page is cached).
          if (published) return c.html(renderListingLivePage({ id: event.id, title: event.title, path: eventPath(event), ...(series ? { series: seriesDatesOf(series) } : {}) }), 200, noStore);
          return c.html(renderListingSentPage(event.organiserEmail), 200, noStore);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          const signedIn = await signedInAs(deps, viewer);
          if (error.kind === 'validation') return again(c, signedIn, values, error.details ?? [{ field: 'body', message: error.message }], 400);
          if (error.kind === 'rate_limited') {
            const wait = error.retryAfterSeconds ?? 3600;
            return again(c, signedIn, values, [{ field: 'body', message: `Too many listings from you or for that address just now. Please try again in ${minutes(wait)}. Your answers are still here.` }], 429, { 'Retry-After': String(wait) });
          }
          if (error.kind === 'conflict') return again(c, signedIn, values, [{ field: 'body', message: `${error.message} Your answers are still here.` }], 409);
          throw error;
        }
      },
    }),
  ],
};
