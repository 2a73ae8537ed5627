// Networks pages: an invitation to a team (invitationPath). GET `?token=` shows it and changes nothing (mail scanners
// open links); the form post joins the team and signs this browser in as the invited address, which the link proved.
// A used, expired or broken link gets a page saying so (4xx). The site-wide Referrer-Policy is no-referrer, so the
// token in the query never leaves in a Referer header.
import type { Context } from 'hono';
import { AppError } from '#functions/core/errors.ts';
import { startSession } from '#functions/auth/start-session.ts';
import { viewerOf } from '#functions/auth/viewer.ts';
import { formObject, formValues } from '#functions/http/form.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { renderInvitationPage, renderInvitationProblemPage, renderJoinedPage, type InvitationProblem } from '#views/invitation-pages.ts';
import type { NetworksDeps } from './deps.ts';
import { acceptInvitation, openInvitation } from './team.ts';

const route = routeOf<NetworksDeps>();
const noStore = { 'Cache-Control': 'no-store' };

const PROBLEM_OF: Record<string, { problem: InvitationProblem; status: 403 | 410 }> = {
  invitation_invalid: { problem: 'invalid', status: 403 },
  invitation_expired: { problem: 'expired', status: 410 },
  invitation_used: { problem: 'used', status: 410 },
};

/** The page for a link that no longer works, or undefined for any other error. */
function problemPage(c: Context, error: unknown): Response | undefined {
  const known = error instanceof AppError ? PROBLEM_OF[error.code] : undefined;
  return known ? c.html(renderInvitationProblemPage(known.problem), known.status, noStore) : undefined;
}

export const invitationPageRoutes: RouteGroup<NetworksDeps> = {
  base: '/invitations',
  routes: [
    route({
      method: 'get', path: '/:id',
      handle: async ({ deps, c }) => {
        const id = c.req.param('id')!;
        const token = c.req.query('token');
        try {
          const { invitation, network } = await openInvitation(deps, id, token);
          const viewer = await viewerOf(deps, c);
          const profile = await deps.sessions.profile(viewer?.personId ?? '');
          const view = { id, token: token!, networkName: network.name, invitedBy: invitation.invitedBy, role: invitation.role };
          return c.html(renderInvitationPage(view, { values: { name: profile?.name ?? '' } }), 200, noStore);
        } catch (error) {
          const page = problemPage(c, error);
          if (page) return page;
          throw error;
        }
      },
    }),
    route({
      method: 'post', path: '/:id', form: true,
      handle: async ({ deps, c, form }) => {
        const id = c.req.param('id')!;
        const token = form.get('token') ?? undefined;
        try {
          const joined = await acceptInvitation(deps, id, token, formObject(form, { checkboxes: ['showName'] }));
          await startSession(deps, c, joined.member.email);
          return c.html(renderJoinedPage(joined.network, joined.member.role, joined.already), 200, noStore);
        } catch (error) {
          const page = problemPage(c, error);
          if (page) return page;
          if (error instanceof AppError && error.kind === 'validation') {
            const { invitation, network } = await openInvitation(deps, id, token);
            const view = { id, token: token!, networkName: network.name, invitedBy: invitation.invitedBy, role: invitation.role };
            return c.html(renderInvitationPage(view, { values: formValues(form), errors: error.details ?? [] }), 400, noStore);
          }
          throw error;
        }
      },
    }),
  ],
};
