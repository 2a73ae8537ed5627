// Moderation pages: the operators' page (OPERATOR_PAGES.home) and its form posts, server-rendered and never cached.
// Signed out: the page sends them to sign in and back; a form post is a 401 page. Not an operator: a 403 page. Each
// action answers a redirect to the page with what was done, or its form again (4xx) with the problem named.
import type { Context } from 'hono';
import { AppError, signInNeeded, validationError } from '#functions/core/errors.ts';
import { eventPath } from '#functions/core/event.ts';
import { ACCOUNT_PAGES, OPERATOR_PAGES } from '#functions/core/paths.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import { viewerOf } from '#functions/auth/viewer.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import {
  DONE_MESSAGES, OPERATOR_ACTIONS, renderNotOperatorPage, renderOperatorActionPage, renderOperatorPage, type DoneMessage, type OperatorAction, type OperatorPageData,
} from '#views/operator-page.ts';
import type { ModerationDeps } from './deps.ts';
import * as moderation from './moderation.ts';

const route = routeOf<ModerationDeps>();
const noStore = { 'Cache-Control': 'no-store' };
const REPORTS_SHOWN = 50;

/**
 * The operator making the request, or the answer for anyone else: signed out, the page sends them to sign in and back,
 * and a form post is a 401 page (with the sign-in link); signed in but not an operator, a 403 page.
 */
async function operatorOr(deps: ModerationDeps, c: Context): Promise<Viewer | Response> {
  const viewer = await viewerOf(deps, c);
  c.header('Cache-Control', 'no-store');
  if (!viewer && c.req.method !== 'GET') throw signInNeeded();
  if (!viewer) return c.redirect(`${ACCOUNT_PAGES.signIn}?next=${OPERATOR_PAGES.home}`, 303);
  if (!viewer.operator) return c.html(renderNotOperatorPage(), 403, noStore);
  return viewer;
}

async function pageData(deps: ModerationDeps): Promise<Omit<OperatorPageData, 'done'>> {
  const [reports, networks, register] = await Promise.all([deps.reports.recent(REPORTS_SHOWN), deps.networks.list(), deps.hiddenMeetups.list()]);
  // The register may name a meetup shown again or deleted since: each is checked against the meetup itself.
  const events = await Promise.all(register.map((entry) => deps.events.get(entry.eventId)));
  const hiddenMeetups = events
    .flatMap((e) => (e?.hidden ? [{ id: e.id, title: e.title, path: eventPath(e), reason: e.hidden.reason, at: e.hidden.at, withNetwork: Boolean(e.hidden.withNetwork) }] : []))
    .sort((a, b) => (a.at < b.at ? 1 : -1));
  return {
    reports,
    pending: networks.filter((n) => n.status === 'pending' && !n.hidden).map((n) => ({ slug: n.slug, name: n.name, createdBy: n.createdBy, createdAt: n.createdAt })),
    hiddenMeetups,
    hiddenNetworks: networks.flatMap((n) => (n.hidden ? [{ slug: n.slug, name: n.name, reason: n.hidden.reason, at: n.hidden.at, pending: n.status === 'pending' }] : [])),
  };
}

/** A ?done= the page has words for: its own keys only (`in` also finds a plain object's inherited ones, like constructor). */
const isDone = (v: string | undefined): v is DoneMessage => v !== undefined && Object.hasOwn(DONE_MESSAGES, v);

/**
 * One action's form post: the operator check, then `act` with the fields; a validation or not-found problem shows the
 * form again naming the field, and success redirects to the page saying what was done.
 */
function action(name: OperatorAction, act: (deps: ModerationDeps, viewer: Viewer, form: URLSearchParams) => Promise<DoneMessage>) {
  const subjectField = name.endsWith('Meetup') ? 'meetup' : 'network';
  return route({
    method: 'post', path: OPERATOR_ACTIONS[name].slice(OPERATOR_PAGES.home.length), form: true,
    handle: async ({ deps, c, form }) => {
      const viewer = await operatorOr(deps, c);
      if (viewer instanceof Response) return viewer;
      const again = (errors: { field: string; message: string }[], status: 400 | 404 | 409) =>
        c.html(renderOperatorActionPage(name, { subject: form.get(subjectField) ?? '', ...(form.has('reason') ? { reason: form.get('reason')! } : {}), errors }), status, noStore);
      try {
        const done = await act(deps, viewer, form);
        return c.redirect(`${OPERATOR_PAGES.home}?done=${done}`, 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.kind === 'validation') return again(error.details ?? [], 400);
        if (error.kind === 'not_found') return again([{ field: subjectField, message: `There is no ${subjectField} with that ${subjectField === 'meetup' ? 'link or id' : 'link or slug'}` }], 404);
        if (error.kind === 'conflict') return again([{ field: 'body', message: error.message }], 409);
        throw error;
      }
    },
  });
}

/** Reads what the action is about and the reason together, so one answer names every problem. */
function subjectAndReason(form: URLSearchParams, field: 'meetup' | 'network', withReason = true): { subject: string; reason: string } {
  const issues: { field: string; message: string }[] = [];
  const read = (f: () => string) => {
    try {
      return f();
    } catch (error) {
      if (!(error instanceof AppError) || !error.details) throw error;
      issues.push(...error.details);
      return '';
    }
  };
  const subject = read(() => (field === 'meetup' ? moderation.meetupIdFrom : moderation.networkSlugFrom)(form.get(field)));
  const reason = withReason ? read(() => moderation.readReason(form.get('reason'))) : '';
  if (issues.length) throw validationError(issues);
  return { subject, reason };
}

export const operatorPageRoutes: RouteGroup<ModerationDeps> = {
  base: OPERATOR_PAGES.home,
  routes: [
    route({
      method: 'get', path: '',
      handle: async ({ deps, c }) => {
        const viewer = await operatorOr(deps, c);
        if (viewer instanceof Response) return viewer;
        const done = c.req.query('done');
        return c.html(renderOperatorPage({ ...(await pageData(deps)), ...(isDone(done) ? { done } : {}) }), 200, noStore);
      },
    }),
    action('hideMeetup', async (deps, viewer, form) => {
      const { subject, reason } = subjectAndReason(form, 'meetup');
      return (await moderation.hideMeetup(deps, viewer, subject, reason)).changed ? 'meetup-hidden' : 'meetup-unchanged';
    }),
    action('unhideMeetup', async (deps, viewer, form) => {
      const { subject, reason } = subjectAndReason(form, 'meetup');
      return (await moderation.unhideMeetup(deps, viewer, subject, reason)).changed ? 'meetup-unhidden' : 'meetup-unchanged';
    }),
    action('hideNetwork', async (deps, viewer, form) => {
      const { subject, reason } = subjectAndReason(form, 'network');
      return (await moderation.hideNetwork(deps, viewer, subject, reason)).changed ? 'network-hidden' : 'network-unchanged';
    }),
    action('unhideNetwork', async (deps, viewer, form) => {
      const { subject, reason } = subjectAndReason(form, 'network');
      return (await moderation.unhideNetwork(deps, viewer, subject, reason)).changed ? 'network-unhidden' : 'network-unchanged';
    }),
    action('approveNetwork', async (deps, viewer, form) => {
      const { subject } = subjectAndReason(form, 'network', false);
      return (await moderation.approveNetwork(deps, viewer, subject)).changed ? 'network-approved' : 'network-unchanged';
    }),
    action('refuseNetwork', async (deps, viewer, form) => {
      const { subject, reason } = subjectAndReason(form, 'network');
      return (await moderation.refuseNetwork(deps, viewer, subject, reason)).changed ? 'network-refused' : 'network-unchanged';
    }),
  ],
};
