// Networks pages: creating a network (/networks/new) and its team's manage page (/networks/<slug>/manage), plain
// HTML form posts answered with pages, so everything works without JavaScript. A form with problems comes back with
// every value kept and a GOV.UK error summary (4xx); a finished action redirects (303) to the page with a notice.
import type { Context } from 'hono';
import { AppError, signInNeeded, type FieldIssue } from '#functions/core/errors.ts';
import { NETWORK_PAGES } from '#functions/core/paths.ts';
import { viewerOf } from '#functions/auth/viewer.ts';
import { formObject, formValues } from '#functions/http/form.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { renderNetworkCreatedPage, renderNewNetworkPage } from '#views/network-form.ts';
import { DONE_NOTICES, renderLeftPage, renderManagePage, renderTeamOnlyPage, type DoneNotice, type ManagePageState } from '#views/network-manage-page.ts';
import type { NetworksDeps } from './deps.ts';
import type { FollowerStats } from '#functions/core/follow.ts';
import type { NetworkFeedbackView } from '#functions/core/feedback.ts';
import { DEFAULT_ACCENT } from './network.ts';
import { formHours, formOutcomes } from './cpd.schema.ts';
import * as team from './team.ts';
import { createNetwork, editNetwork, manageView } from './use-cases.ts';

const route = routeOf<NetworksDeps>();

/**
 * The manage page also shows how many follow the network and how that grew, and (to organisers) its meetups'
 * anonymous feedback: counters only, from the follows and cpd rooms above this one, which apps/api wires in.
 */
export interface ManagePageDeps extends NetworksDeps {
  followerStats(slug: string): Promise<FollowerStats>;
  networkFeedback(slug: string): Promise<NetworkFeedbackView>;
}
const manageRoute = routeOf<ManagePageDeps>();
const noStore = { 'Cache-Control': 'no-store' };

/** The network form's fields as the schema expects them. */
export function networkInput(fields: URLSearchParams): Record<string, unknown> {
  const input = formObject(fields, { lists: ['topics'], checkboxes: ['showName', 'stillComingEveryMeetup'] });
  // The CPD defaults (edit only): outcomes one per line, every ticked area.
  if (fields.has('cpdHours')) input.cpdHours = formHours(fields.get('cpdHours') ?? '');
  if (fields.has('cpdOutcomes')) input.cpdOutcomes = formOutcomes(fields.get('cpdOutcomes') ?? '');
  if (fields.has('cpdOutcomes') || fields.has('cpdAreas')) input.cpdAreas = fields.getAll('cpdAreas').filter((a) => a.trim());
  return input;
}

const signInFirst = (c: Context, next: string) => c.redirect(`/sign-in?next=${encodeURIComponent(next)}`, 303);

const rateWords = (seconds: number) => {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? 'a minute' : m < 90 ? `${m} minutes` : `${Math.round(m / 60)} hours`;
};

export const newNetworkPageRoutes: RouteGroup<NetworksDeps> = {
  base: NETWORK_PAGES.create,
  routes: [
    route({
      method: 'get', path: '',
      handle: async ({ deps, c }) => {
        const viewer = await viewerOf(deps, c);
        if (!viewer) return signInFirst(c, NETWORK_PAGES.create);
        const profile = await deps.sessions.profile(viewer.personId);
        return c.html(renderNewNetworkPage({ accent: DEFAULT_ACCENT, yourName: profile?.name ?? '' }), 200, noStore);
      },
    }),
    route({
      method: 'post', path: '', form: true,
      handle: async ({ deps, c, form }) => {
        const viewer = await viewerOf(deps, c);
        if (!viewer) throw signInNeeded();
        try {
          const network = await createNetwork(deps, viewer, networkInput(form));
          return c.html(renderNetworkCreatedPage(network), 200, noStore);
        } catch (error) {
          if (error instanceof AppError && error.kind === 'validation')
            return c.html(renderNewNetworkPage(formValues(form), error.details ?? [{ field: 'body', message: error.message }]), 400, noStore);
          throw error;
        }
      },
    }),
  ],
};

// ---- The manage page ----

type Section = 'edit' | 'invite' | 'team';

/** The manage page for the viewer, with a section's form sent back and its problems. */
async function managePage(deps: ManagePageDeps, c: Context, slug: string, extra: Partial<ManagePageState> = {}, status: 200 | 400 | 409 | 429 = 200) {
  const view = await manageView(deps, await viewerOf(deps, c), slug);
  const [followers, feedback] = await Promise.all([deps.followerStats(slug), view.me.role === 'organiser' ? deps.networkFeedback(slug) : undefined]);
  return c.html(renderManagePage({ ...view, followers, ...(feedback ? { feedback } : {}), ...extra }), status, noStore);
}

/** Runs a team action: done, it redirects to the page with its notice; refused, the page says why where it happened. */
async function act(deps: ManagePageDeps, c: Context, section: Section, form: URLSearchParams, run: () => Promise<DoneNotice | Response>) {
  const slug = c.req.param('slug')!;
  try {
    const done = await run();
    if (done instanceof Response) return done;
    return c.redirect(`${NETWORK_PAGES.manage(slug)}?done=${done}`, 303);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.kind === 'unauthorized') throw error;
    if (error.kind === 'forbidden') return c.html(renderTeamOnlyPage(error.message), 403, noStore);
    const issues: FieldIssue[] = error.details ?? [{ field: section === 'team' ? 'member' : 'body', message: error.message }];
    const status = error.kind === 'validation' ? 400 : error.kind === 'conflict' ? 409 : error.kind === 'rate_limited' ? 429 : undefined;
    if (!status) throw error;
    if (error.kind === 'rate_limited') issues.splice(0, issues.length, { field: 'body', message: `Too many invitations just now. Please try again in ${rateWords(error.retryAfterSeconds ?? 3600)}.` });
    const sent = { values: { ...formValues(form), cpdAreas: form.getAll('cpdAreas').join(',') }, errors: issues };
    const extra: Partial<ManagePageState> = section === 'edit' ? { edit: sent } : section === 'invite' ? { invite: sent } : { teamErrors: issues };
    return managePage(deps, c, slug, extra, status);
  }
}

// Own keys only: `?done=constructor` names no notice.
const isDone = (v: string | undefined): v is DoneNotice => !!v && Object.hasOwn(DONE_NOTICES, v);

export const networkManagePageRoutes: RouteGroup<ManagePageDeps> = {
  base: '/networks/:slug/manage',
  routes: [
    manageRoute({
      method: 'get', path: '',
      handle: async ({ deps, c }) => {
        const slug = c.req.param('slug')!;
        if (!(await viewerOf(deps, c)) && (await deps.networks.get(slug))) return signInFirst(c, NETWORK_PAGES.manage(slug));
        const done = c.req.query('done');
        try {
          return await managePage(deps, c, slug, isDone(done) ? { done } : {});
        } catch (error) {
          if (error instanceof AppError && error.kind === 'forbidden') return c.html(renderTeamOnlyPage(error.message), 403, noStore);
          throw error;
        }
      },
    }),
    manageRoute({
      method: 'post', path: '', form: true,
      handle: async ({ deps, c, form }) =>
        act(deps, c, 'edit', form, async () => {
          await editNetwork(deps, await viewerOf(deps, c), c.req.param('slug')!, networkInput(form));
          return 'edited';
        }),
    }),
    manageRoute({
      method: 'post', path: '/invitations', form: true,
      handle: async ({ deps, c, form }) =>
        act(deps, c, 'invite', form, async () => {
          await team.invite(deps, await viewerOf(deps, c), c.req.param('slug')!, formObject(form));
          return 'invited';
        }),
    }),
    manageRoute({
      method: 'post', path: '/invitations/:id/withdraw', form: true,
      handle: async ({ deps, c, form }) =>
        act(deps, c, 'team', form, async () => {
          await team.withdrawInvitation(deps, await viewerOf(deps, c), c.req.param('slug')!, c.req.param('id')!);
          return 'withdrawn';
        }),
    }),
    manageRoute({
      method: 'post', path: '/members/:personId/role', form: true,
      handle: async ({ deps, c, form }) =>
        act(deps, c, 'team', form, async () => {
          await team.changeRole(deps, await viewerOf(deps, c), c.req.param('slug')!, c.req.param('personId')!, form.get('role'));
          return 'role';
        }),
    }),
    manageRoute({
      method: 'post', path: '/members/:personId/remove', form: true,
      handle: async ({ deps, c, form }) =>
        act(deps, c, 'team', form, async () => {
          const viewer = await viewerOf(deps, c);
          const removed = await team.removeMember(deps, viewer, c.req.param('slug')!, c.req.param('personId')!);
          if (removed.personId !== viewer?.personId) return 'removed';
          return c.html(renderLeftPage((await deps.networks.get(removed.slug))!), 200, noStore);
        }),
    }),
    manageRoute({
      method: 'post', path: '/members/:personId/hand-over', form: true,
      handle: async ({ deps, c, form }) =>
        act(deps, c, 'team', form, async () => {
          const slug = c.req.param('slug')!;
          await team.handOver(deps, await viewerOf(deps, c), slug, c.req.param('personId')!);
          return c.html(renderLeftPage((await deps.networks.get(slug))!), 200, noStore);
        }),
    }),
    manageRoute({
      method: 'post', path: '/leave', form: true,
      handle: async ({ deps, c, form }) =>
        act(deps, c, 'team', form, async () => {
          const slug = c.req.param('slug')!;
          await team.leave(deps, await viewerOf(deps, c), slug);
          return c.html(renderLeftPage((await deps.networks.get(slug))!), 200, noStore);
        }),
    }),
  ],
};
