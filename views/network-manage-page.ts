// Views: a network's manage page (/networks/<slug>/manage), for its team only. Organisers see the edit form, the team
// with a small form post per action (role, remove, hand over), the invite form, pending invitations and the activity
// list, and a link to the followers' numbers and messages to them; helpers see the team and can leave. Every action
// is a plain form post, so it all works without JavaScript.
import { html, joinHtml, type Html } from './html.ts';
import { renderPage } from './layout.ts';
import { cpdDefaultsValues, errorSummary, fieldHtml, groupIssues, networkFormHtml } from './network-form.ts';
import type { FieldIssue } from '#functions/core/errors.ts';
import type { ActivityEntry, Invitation, StoredNetwork, TeamMember } from '#functions/core/network.ts';
import { MESSAGE_PAGES, NETWORK_PAGES } from '#functions/core/paths.ts';
import type { FollowerStats } from '#functions/core/follow.ts';
import { FEEDBACK_SHOWN_FROM, type NetworkFeedbackView } from '#functions/core/feedback.ts';

/** Where each team action posts, under the manage page. */
export const manageActions = {
  edit: (slug: string) => NETWORK_PAGES.manage(slug),
  invite: (slug: string) => `${NETWORK_PAGES.manage(slug)}/invitations`,
  withdraw: (slug: string, id: string) => `${NETWORK_PAGES.manage(slug)}/invitations/${id}/withdraw`,
  role: (slug: string, personId: string) => `${NETWORK_PAGES.manage(slug)}/members/${personId}/role`,
  remove: (slug: string, personId: string) => `${NETWORK_PAGES.manage(slug)}/members/${personId}/remove`,
  handOver: (slug: string, personId: string) => `${NETWORK_PAGES.manage(slug)}/members/${personId}/hand-over`,
  leave: (slug: string) => `${NETWORK_PAGES.manage(slug)}/leave`,
} as const;

/** What a finished action says at the top of the page (the action redirects to `?done=<key>`). */
export const DONE_NOTICES = {
  edited: 'Your changes are saved.',
  invited: 'Invitation sent. It works for 7 days.',
  withdrawn: 'The invitation is withdrawn: its link no longer works.',
  role: 'Their role is changed.',
  removed: 'They are no longer on the team.',
} as const;
export type DoneNotice = keyof typeof DONE_NOTICES;

export interface ManagePageState {
  network: StoredNetwork;
  me: TeamMember;
  team: TeamMember[];
  invitations: Invitation[];
  activity: ActivityEntry[];
  done?: DoneNotice;
  /** The edit form as sent, with its problems. */
  edit?: { values: Readonly<Record<string, string>>; errors: readonly FieldIssue[] };
  invite?: { values: Readonly<Record<string, string>>; errors: readonly FieldIssue[] };
  /** Problems with a team action (the last organiser, a change made meanwhile). */
  teamErrors?: readonly FieldIssue[];
  /** How many follow the network, and joined and left per month: counts only. */
  followers?: FollowerStats;
  /** Organisers only: the anonymous feedback of the network's meetups over the last year, counters only. */
  feedback?: NetworkFeedbackView;
}

/** "38 people follow it by email: 6 joined and 1 left this month." */
function followerLine(f: FollowerStats | undefined): string {
  if (!f) return '';
  const now = f.months.at(-1);
  const people = f.count === 1 ? '1 person follows' : `${f.count} people follow`;
  return `${people} it by email${now && (now.joined || now.left) ? `: ${now.joined} joined and ${now.left} left this month` : ''}. `;
}

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
/** "2 Dec 2026, 10:30", London time: the site's home zone, named so nobody wonders. */
export const londonTime = (iso: string) => `${LONDON.format(new Date(iso))} (UK time)`;

/** The edit form's starting values: the network as stored. */
export function networkValues(n: StoredNetwork): Record<string, string> {
  return {
    name: n.name, tagline: n.tagline, description: n.description, accent: n.accent,
    whereKind: n.where.kind, place: n.where.kind === 'place' ? n.where.place : '',
    website: n.links.website ?? '', mailingList: n.links.mailingList ?? '', mastodon: n.links.mastodon ?? '', bluesky: n.links.bluesky ?? '', linkedin: n.links.linkedin ?? '',
    topics: n.topics.join(', '), contactEmail: n.contactEmail,
    // A ticked box only: a form post sends an unticked one not at all.
    ...(n.stillComingEveryMeetup ? { stillComingEveryMeetup: 'yes' } : {}),
    ...cpdDefaultsValues(n.cpdDefaults),
  };
}

const answersOf = (n: number) => `${n} ${n === 1 ? 'answer' : 'answers'}`;
const meetupsOf = (n: number) => `${n} ${n === 1 ? 'meetup' : 'meetups'}`;
/** "24 Nov 2026": the meetup's day on its own wall clock. */
const dayOf = (m: { startUtc: string; timezone: string }) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: m.timezone, day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(m.startUtc));

/**
 * The network's feedback: the average and ratings over the meetups whose own figures are shown, and a line per
 * meetup with answers. Never a text or who wrote it: each meetup's comments are on its own manage page.
 */
function feedbackHtml(f: NetworkFeedbackView): Html {
  const intro = html`<p>Everyone who booked a place and was checked in is asked for feedback with their record of attendance (walk-ins and the team are not): a rating from 1 to 5 and two short answers. Answers carry no name, and a meetup’s figures show once it has ${FEEDBACK_SHOWN_FROM} answers.</p>`;
  if (!f.count) return html`${intro}<p>No feedback from the last 12 months yet.</p>`;
  const overall = f.shown
    ? html`<p><strong>${f.shown.average.toFixed(1)}</strong> out of 5 on average, from ${answersOf(f.shown.count)} at ${meetupsOf(f.shown.meetups)}${f.count > f.shown.count ? ` (and ${answersOf(f.count - f.shown.count)} at meetups with fewer than ${FEEDBACK_SHOWN_FROM}, not counted in the average)` : ''}.</p>
<ul class="counts" aria-label="How many gave each rating">${joinHtml((['5', '4', '3', '2', '1'] as const).map((r) => html`<li>${r}: <strong>${f.shown!.ratings[r]}</strong></li>`))}</ul>`
    : html`<p>${answersOf(f.count)} so far: no meetup has ${FEEDBACK_SHOWN_FROM} yet, so there is no average to show.</p>`;
  return html`${intro}
${overall}
<table class="cpd-totals feedback-table">
<caption>Feedback by meetup, last 12 months</caption>
<thead><tr><th scope="col">Meetup</th><th scope="col">Answers</th><th scope="col">Average (out of 5)</th></tr></thead>
<tbody>${joinHtml(f.meetups.map((m) => html`<tr><th scope="row"><a href="/manage/${m.id}">${m.title}</a><br><time class="hint" datetime="${m.startUtc}">${dayOf(m)}</time></th><td>${m.count}</td><td>${m.average === undefined ? html`<span class="hint">shown from ${FEEDBACK_SHOWN_FROM} answers</span>` : m.average.toFixed(1)}</td></tr>`), '\n')}</tbody>
</table>
${f.unanswered ? html`<p>${meetupsOf(f.unanswered)} in the last 12 months ${f.unanswered === 1 ? 'has' : 'have'} no feedback yet.</p>` : ''}
<p class="hint">Each meetup’s comments (“What worked?”, “What could be better?”) are on its manage page, under “How it went”.</p>`;
}

const button = (action: string, label: string, cls = 'button button-secondary', hidden: Record<string, string> = {}) =>
  html`<form method="post" action="${action}" class="inline-form">${joinHtml(Object.entries(hidden).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`))}<button type="submit" class="${cls}">${label}</button></form>`;

const organisersOf = (s: ManagePageState) => s.team.filter((m) => m.role === 'organiser').length;

function memberHtml(s: ManagePageState, m: TeamMember): Html {
  const slug = s.network.slug;
  const organiser = s.me.role === 'organiser';
  const self = m.personId === s.me.personId;
  const other = m.role === 'organiser' ? 'helper' : 'organiser';
  const onlyOrganiser = organiser && organisersOf(s) === 1;
  const actions: Html[] = [];
  // The only organiser can't leave (or step down): they hand over instead, offered beside each other member.
  if (self && !onlyOrganiser) actions.push(button(manageActions.leave(slug), 'Leave the team', 'button button-warning'));
  else if (!self && organiser) {
    actions.push(button(manageActions.role(slug, m.personId), `Make ${other}`, 'button button-secondary', { role: other }));
    // Handing over makes them an organiser as you leave; to someone who is one already, it is "leave".
    if (m.role !== 'organiser') actions.push(button(manageActions.handOver(slug, m.personId), 'Make them organiser and leave', 'button button-secondary'));
    actions.push(button(manageActions.remove(slug, m.personId), 'Remove from the team', 'button button-warning'));
  }
  return html`<li id="member-${m.personId}">
<p><strong>${m.name}</strong>${self ? ' (you)' : ''}: ${m.role}${organiser ? html` · ${m.email}` : ''}${m.showName ? '' : html` · <span class="hint">first name not shown on the network page</span>`}</p>
${actions.length ? html`<div class="actions">${joinHtml(actions, '\n')}</div>` : ''}
</li>`;
}

function inviteFormHtml(s: ManagePageState): Html {
  const p = 'invite-';
  const fields = ['email', 'role'];
  const shown = groupIssues(s.invite?.errors ?? [], fields);
  const values = s.invite?.values ?? {};
  const role = values.role === 'organiser' ? 'organiser' : 'helper';
  return html`<form method="post" action="${manageActions.invite(s.network.slug)}" id="invite-form" novalidate>
${errorSummary(shown, fields, p, (f) => (f === 'role' ? `${p}role-helper` : `${p}${f}`))}
${fieldHtml(shown, p, { name: 'email', label: 'Their email address', hint: 'We email them a link to join. It works once, for 7 days.', control: (id, aria) => html`<input id="${id}" name="email" type="email" autocomplete="off" spellcheck="false" value="${values.email ?? ''}"${aria}>` })}
<fieldset class="field">
<legend class="label">Their role</legend>
<div class="radios">
<div class="radio"><input type="radio" id="${p}role-helper" name="role" value="helper"${role === 'helper' ? html` checked` : ''}><label for="${p}role-helper">Helper: sees the attendee list of the network’s meetups on the day</label></div>
<div class="radio"><input type="radio" id="${p}role-organiser" name="role" value="organiser"${role === 'organiser' ? html` checked` : ''}><label for="${p}role-organiser">Organiser: edits the network and manages all its meetups</label></div>
</div>
</fieldset>
<div class="actions"><button type="submit" class="button">Send the invitation</button></div>
</form>`;
}

export function renderManagePage(s: ManagePageState): string {
  const n = s.network;
  const organiser = s.me.role === 'organiser';
  const teamShown = groupIssues(s.teamErrors ?? [], ['member']);
  const status = n.hidden
    ? html`<div class="notice notice-warning"><p>The people who run this Signpost site have hidden this network: it is on no public page. Reason: ${n.hidden.reason}</p></div>`
    : n.status === 'pending'
      ? html`<div class="notice notice-warning"><p>This network is waiting for approval. Until then only its team can see it.</p></div>`
      : '';
  const main = html`${s.done ? html`<div class="notice notice-success" role="status"><p>${DONE_NOTICES[s.done]}</p></div>` : ''}
<h1>Manage ${n.name}</h1>
${status}
<p><a href="${NETWORK_PAGES.page(n.slug)}">See the network’s page</a></p>
<h2 id="team">The team</h2>
${errorSummary(teamShown, ['member'], 'team-', () => 'team')}
<ul class="team-list">
${joinHtml(s.team.map((m) => memberHtml(s, m)), '\n')}
</ul>
${organiser && organisersOf(s) === 1 ? html`<p class="hint">A network always has at least one organiser. You are its only one: to leave, first make someone else an organiser (“Make organiser”, or “Make them organiser and leave”).</p>` : ''}
${organiser
  ? html`<h2 id="invite">Invite someone to the team</h2>
${inviteFormHtml(s)}
<h2 id="invitations">Invitations waiting</h2>
${s.invitations.length
  ? html`<ul class="invitation-list">${joinHtml(
      s.invitations.map(
        (i) => html`<li><p>${i.email}: ${i.role}, invited by ${i.invitedBy}, until ${londonTime(new Date(i.expiresAt * 1000).toISOString())}</p>${button(manageActions.withdraw(n.slug, i.id), 'Withdraw', 'button button-warning')}</li>`,
      ),
      '\n',
    )}</ul>`
  : html`<p>None.</p>`}
<h2 id="followers">Followers</h2>
<p>${followerLine(s.followers)}The team sees only how many, never who. <a href="${MESSAGE_PAGES.network(n.slug)}">How it grew, month by month, and a message to them all</a>, previewed before it goes.</p>
${s.feedback ? html`<h2 id="feedback">Feedback from meetups</h2>
${feedbackHtml(s.feedback)}` : ''}
<h2 id="edit">Edit the network</h2>
${networkFormHtml({ mode: 'edit', action: manageActions.edit(n.slug), values: s.edit?.values ?? networkValues(n), errors: s.edit?.errors ?? [], slug: n.slug, version: n.version })}
<h2 id="activity">Activity</h2>
${s.activity.length
  ? html`<ol class="activity-list" reversed>${joinHtml(
      s.activity.map((a) => html`<li><time datetime="${a.at}">${londonTime(a.at)}</time>: ${a.actor.name ?? a.actor.email}${a.actor.via === 'operator' ? ' (operator)' : ''}: ${a.summary}</li>`),
      '\n',
    )}</ol>`
  : html`<p>Nothing yet.</p>`}`
  : ''}`.toString();
  const errors = [...(s.edit?.errors ?? []), ...(s.invite?.errors ?? []), ...(s.teamErrors ?? [])].length;
  return renderPage({ title: `${errors ? 'Error: ' : ''}Manage ${n.name} · Signpost`, description: `Manage ${n.name}`, head: '<meta name="robots" content="noindex">', main, signedIn: true });
}

/** After leaving: they are no longer on the team. */
export function renderLeftPage(network: Pick<StoredNetwork, 'name' | 'slug'>): string {
  const main = html`<div class="panel panel-success" tabindex="-1"><h1>You have left ${network.name}</h1>
<p>You are no longer on its team. Its organisers can invite you again.</p></div>
<ul class="link-list"><li><a href="${NETWORK_PAGES.page(network.slug)}">See the network’s page</a></li><li><a href="/me">Your meetups</a></li></ul>`.toString();
  return renderPage({ title: `You have left ${network.name} · Signpost`, description: 'You have left the team', head: '<meta name="robots" content="noindex">', main });
}

/** A signed-in person who is not on the team (403), or a helper trying an organiser's action. */
export function renderTeamOnlyPage(message: string): string {
  const main = html`<h1>This page is for the network’s team</h1>
<p>${message}</p>
<p>If you help run this network, ask one of its organisers to invite you. The invitation link signs you in.</p>
<p><a href="/">See upcoming meetups</a></p>`.toString();
  return renderPage({ title: 'For the team only · Signpost', description: 'This page is for the network’s team', head: '<meta name="robots" content="noindex">', main });
}
