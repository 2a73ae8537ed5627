// Views: an invitation to a network's team (/invitations/<id>?token=…). Opening the link shows who invited you, to
// what and as what, with a "Join the team" button (mail scanners open links, so only the form post changes
// anything); then the page that says you joined and are signed in, or why the link no longer works.
import { html } from './html.ts';
import { renderPage } from './layout.ts';
import { checkboxHtml, errorSummary, fieldHtml, groupIssues } from './network-form.ts';
import type { FieldIssue } from '#functions/core/errors.ts';
import type { TeamRole } from '#functions/core/network.ts';
import { invitationPath, NETWORK_PAGES } from '#functions/core/paths.ts';

const ROLE_TEXT: Record<TeamRole, string> = {
  organiser: 'an organiser: you will be able to edit the network and manage all of its meetups',
  helper: 'a helper: you will be able to see the attendee list of its meetups on the day, for check-in',
};

export interface InvitationView {
  id: string;
  token: string;
  networkName: string;
  invitedBy: string;
  role: TeamRole;
}

const page = (title: string, main: string) =>
  renderPage({ title: `${title} · Signpost`, description: title, head: '<meta name="robots" content="noindex">', main });

export function renderInvitationPage(v: InvitationView, state: { values?: Readonly<Record<string, string>>; errors?: readonly FieldIssue[] } = {}): string {
  const p = 'join-';
  const shown = groupIssues(state.errors ?? [], ['name']);
  const values = state.values ?? {};
  const main = html`<h1>Join the team of ${v.networkName}</h1>
<p class="lead">${v.invitedBy} invited you to help run ${v.networkName} on Signpost as ${ROLE_TEXT[v.role]}.</p>
<form method="post" action="${invitationPath(v.id)}" id="join-form" novalidate>
${errorSummary(shown, ['name'], p)}
<input type="hidden" name="token" value="${v.token}">
${fieldHtml(shown, p, { name: 'name', label: 'Your name', hint: 'The team sees it.', control: (id, aria) => html`<input id="${id}" name="name" type="text" autocomplete="name" maxlength="100" value="${values.name ?? ''}"${aria}>` })}
${checkboxHtml(p, 'showName', 'Show my first name on the network page', values.showName === 'yes', 'Only your first name, and only if you tick this. Your email address is never shown.')}
<p>Joining signs you in on this browser with the address the invitation was sent to.</p>
<div class="actions"><button type="submit" class="button">Join the team</button></div>
</form>`.toString();
  return page(`${state.errors?.length ? 'Error: ' : ''}Join ${v.networkName}`, main);
}

export function renderJoinedPage(network: { name: string; slug: string }, role: TeamRole, already: boolean): string {
  const main = html`<div class="panel panel-success" tabindex="-1">
<h1>${already ? `You are on the team of ${network.name}` : `Welcome to the team of ${network.name}`}</h1>
<p>You are ${already ? 'already' : 'now'} ${role === 'organiser' ? 'an organiser' : 'a helper'}, and signed in on this browser.</p>
</div>
<ul class="link-list">
<li><a href="${NETWORK_PAGES.manage(network.slug)}">Manage the network</a></li>
<li><a href="${NETWORK_PAGES.page(network.slug)}">See the network’s page</a></li>
<li><a href="/me">Your meetups</a></li>
</ul>`.toString();
  return page(`Welcome to ${network.name}`, main);
}

export type InvitationProblem = 'expired' | 'used' | 'invalid';

const PROBLEMS: Record<InvitationProblem, { title: string; text: string }> = {
  expired: { title: 'This invitation has expired', text: 'Invitations work for 7 days. Ask the network’s organisers to invite you again.' },
  used: { title: 'This invitation has been used', text: 'It works once. If you joined with it, sign in to carry on.' },
  invalid: { title: 'This invitation link is not valid', text: 'It may be incomplete. Copy the whole link from the email.' },
};

export function renderInvitationProblemPage(problem: InvitationProblem): string {
  const { title, text } = PROBLEMS[problem];
  return page(title, html`<h1>${title}</h1>
<p>${text}</p>
<ul class="link-list"><li><a href="/sign-in">Sign in</a></li><li><a href="/">See upcoming meetups</a></li></ul>`.toString());
}
