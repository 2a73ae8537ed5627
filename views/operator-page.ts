// Views: the operators' page (OPERATOR_PAGES.home): "Report this meetup" reports, networks waiting for approval, hidden
// meetups and networks, each with its action as a plain HTML form post; and the same forms alone, shown again with
// the values kept and the problems named when one was not right. Only operators ever see these pages (never cached).
import type { StoredReport } from '#functions/core/report.ts';
import { html, joinHtml, type Html } from './html.ts';
import { renderPage } from './layout.ts';
import { REPORT_REASONS, type ReportReason } from './report-page.ts';
import type { FieldIssue } from '#functions/core/errors.ts';
import { ACCOUNT_PAGES, NETWORK_PAGES, OPERATOR_PAGES } from '#functions/core/paths.ts';

/** Where each action's form posts. */
export const OPERATOR_ACTIONS = {
  hideMeetup: `${OPERATOR_PAGES.home}/meetups/hide`,
  unhideMeetup: `${OPERATOR_PAGES.home}/meetups/unhide`,
  hideNetwork: `${OPERATOR_PAGES.home}/networks/hide`,
  unhideNetwork: `${OPERATOR_PAGES.home}/networks/unhide`,
  approveNetwork: `${OPERATOR_PAGES.home}/networks/approve`,
  refuseNetwork: `${OPERATOR_PAGES.home}/networks/refuse`,
} as const;
export type OperatorAction = keyof typeof OPERATOR_ACTIONS;

/** What the action does, as its button and its page's heading say it. */
const ACTION_WORDS: Record<OperatorAction, { button: string; heading: string; reasonLabel?: string }> = {
  hideMeetup: { button: 'Hide this meetup', heading: 'Hide a meetup', reasonLabel: 'Why hide it? (emailed to its organisers)' },
  unhideMeetup: { button: 'Show it again', heading: 'Show a meetup again', reasonLabel: 'A note for its organisers' },
  hideNetwork: { button: 'Hide this network and its meetups', heading: 'Hide a network', reasonLabel: 'Why hide it? (emailed to its organisers)' },
  unhideNetwork: { button: 'Show it again', heading: 'Show a network again', reasonLabel: 'A note for its organisers' },
  approveNetwork: { button: 'Approve', heading: 'Approve a network' },
  refuseNetwork: { button: 'Refuse', heading: 'Refuse a network', reasonLabel: 'Why refuse it? (emailed to its organisers)' },
};

/** The field naming what an action is about. */
const subjectField = (action: OperatorAction) => (action.endsWith('Meetup') ? 'meetup' : 'network');

/** The message shown after an action (a fixed list, chosen by the redirect's `done`). */
export const DONE_MESSAGES = {
  'meetup-hidden': 'The meetup is hidden, and its organisers have been emailed.',
  'meetup-unhidden': 'The meetup is shown again, and its organisers have been emailed.',
  'meetup-unchanged': 'Nothing changed: the meetup was already that way.',
  'network-hidden': 'The network and its meetups are hidden, and its organisers have been emailed.',
  'network-unhidden': 'The network is shown again, with the meetups hidden with it, and its organisers have been emailed.',
  'network-approved': 'The network is approved, and its organisers have been emailed.',
  'network-refused': 'The network is refused and hidden, and its organisers have been emailed.',
  'network-unchanged': 'Nothing changed: the network was already that way.',
} as const;
export type DoneMessage = keyof typeof DONE_MESSAGES;

/** A report as stored: the operators' page is the one place its reply address is shown. */
export type ReportLine = StoredReport;

export interface OperatorPageData {
  done?: DoneMessage;
  reports: ReportLine[];
  pending: { slug: string; name: string; createdBy: string; createdAt: string }[];
  hiddenMeetups: { id: string; title: string; path: string; reason: string; at: string; withNetwork: boolean }[];
  hiddenNetworks: { slug: string; name: string; reason: string; at: string; pending: boolean }[];
}

const page = (title: string, main: Html) =>
  renderPage({ title: `${title} · Signpost`, description: title, head: '<meta name="robots" content="noindex">', main: main.toString(), signedIn: true });

const dateTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(iso));

const reasonLabel = (reason: string) => REPORT_REASONS[reason as ReportReason] ?? reason;

/** One action's form: what it is about (a hidden field, or a text field to paste into), and the reason if it takes one. */
function actionForm(action: OperatorAction, key: string, subject: { value: string; typed?: boolean; label?: string }, state: { reason?: string; errors?: FieldIssue[] } = {}): Html {
  const words = ACTION_WORDS[action];
  const field = subjectField(action);
  const id = `${action}-${key}`;
  const problem = (f: string) => state.errors?.filter((e) => e.field === f).map((e) => e.message) ?? [];
  const fieldHtml = (f: string, input: (described: Html) => Html, label: string, hint?: string) => {
    const messages = problem(f);
    const ids = [hint ? `${id}-${f}-hint` : '', messages.length ? `${id}-${f}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field${messages.length ? ' has-error' : ''}">
<label for="${id}-${f}">${label}</label>
${hint ? html`<p class="hint" id="${id}-${f}-hint">${hint}</p>\n` : ''}${messages.length ? html`<p class="field-error" id="${id}-${f}-error">${joinHtml(messages.map((m) => html`<span class="error-line"><span class="visually-hidden">Error: </span>${m}</span>`))}</p>\n` : ''}${input(html`${ids ? html` aria-describedby="${ids}"` : ''}${messages.length ? html` aria-invalid="true"` : ''}`)}
</div>`;
  };
  return html`<form class="operator-form" method="post" action="${OPERATOR_ACTIONS[action]}" novalidate>
${subject.typed
    ? fieldHtml(field, (d) => html`<input id="${id}-${field}" name="${field}" type="text" spellcheck="false" autocomplete="off" value="${subject.value}"${d}>`, subject.label ?? (field === 'meetup' ? 'The meetup’s link or id' : 'The network’s link or slug'), field === 'meetup' ? 'Paste the link to its page, or its manage link.' : 'Paste the link to its page.')
    : html`<input type="hidden" name="${field}" value="${subject.value}">`}
${words.reasonLabel ? fieldHtml('reason', (d) => html`<textarea id="${id}-reason" name="reason" rows="2" maxlength="500"${d}>${state.reason ?? ''}</textarea>`, words.reasonLabel, 'Up to 500 characters.') : ''}
<button type="submit" class="button${action.startsWith('hide') || action === 'refuseNetwork' ? ' button-warning' : ' button-secondary'} button-small">${words.button}</button>
</form>`;
}

function reportsSection(reports: ReportLine[]): Html {
  const items = reports.map(
    (r) => html`<li class="meetup">
<h3><a href="${r.eventPath}">${r.eventTitle}</a></h3>
<p><strong>${reasonLabel(r.reason)}</strong> · reported ${dateTime(r.createdAt)}</p>
${r.details ? html`<p class="pre-line">${r.details}</p>\n` : ''}<p>${r.replyTo ? html`Reply to: <a href="mailto:${r.replyTo}">${r.replyTo}</a>` : 'They gave no reply address.'}</p>
<details><summary>Hide this meetup</summary>
${actionForm('hideMeetup', r.id, { value: r.eventId })}
</details>
</li>`,
  );
  return html`<section class="section" aria-labelledby="reports-title">
<h2 id="reports-title">Reports</h2>
${items.length ? html`<ul class="meetups">${joinHtml(items, '\n')}</ul>` : html`<p>No reports. When someone uses “Report this meetup”, it appears here.</p>`}
</section>`;
}

function pendingSection(pending: OperatorPageData['pending']): Html {
  const items = pending.map(
    (n) => html`<li class="meetup">
<h3><a href="${NETWORK_PAGES.page(n.slug)}">${n.name}</a></h3>
<p>Created by ${n.createdBy} on ${dateTime(n.createdAt)}</p>
${actionForm('approveNetwork', n.slug, { value: n.slug })}
<details><summary>Refuse it</summary>
${actionForm('refuseNetwork', n.slug, { value: n.slug })}
</details>
</li>`,
  );
  return html`<section class="section" aria-labelledby="pending-title">
<h2 id="pending-title">Networks waiting for approval</h2>
${items.length ? html`<ul class="meetups">${joinHtml(items, '\n')}</ul>` : html`<p>No network is waiting for approval.</p>`}
</section>`;
}

function hiddenSection(data: OperatorPageData): Html {
  const meetups = data.hiddenMeetups.map(
    (m) => html`<li class="meetup">
<h3>${m.title}</h3>
<p>Hidden ${dateTime(m.at)}${m.withNetwork ? ' with its network' : ''}: “${m.reason}”</p>
<details><summary>Show it again</summary>
${actionForm('unhideMeetup', m.id, { value: m.id })}
</details>
</li>`,
  );
  const networks = data.hiddenNetworks.map(
    (n) => html`<li class="meetup">
<h3>${n.name}</h3>
<p>${n.pending ? 'Refused' : 'Hidden'} ${dateTime(n.at)}: “${n.reason}”</p>
<details><summary>Show it again</summary>
${actionForm('unhideNetwork', n.slug, { value: n.slug })}
</details>
</li>`,
  );
  return html`<section class="section" aria-labelledby="hidden-title">
<h2 id="hidden-title">Hidden</h2>
<h3>Meetups</h3>
${meetups.length ? html`<ul class="meetups">${joinHtml(meetups, '\n')}</ul>` : html`<p>No meetup is hidden.</p>`}
<h3>Networks</h3>
${networks.length ? html`<ul class="meetups">${joinHtml(networks, '\n')}</ul>` : html`<p>No network is hidden.</p>`}
</section>`;
}

export function renderOperatorPage(data: OperatorPageData): string {
  return page(
    'Operator',
    html`<h1>Operator</h1>
${data.done ? html`<div class="notice notice-success" role="status" tabindex="-1" autofocus><p>${DONE_MESSAGES[data.done]}</p></div>\n` : ''}<p class="lead">What the people who run this Signpost site look after: reports, networks waiting for approval, and what is hidden.</p>
${reportsSection(data.reports)}
${pendingSection(data.pending)}
${hiddenSection(data)}
<section class="section" aria-labelledby="hide-title">
<h2 id="hide-title">Hide something</h2>
<h3>A meetup</h3>
${actionForm('hideMeetup', 'any', { value: '', typed: true })}
<h3>A network</h3>
${actionForm('hideNetwork', 'any', { value: '', typed: true })}
</section>`,
  );
}

/** One action's form alone, with what was typed and the problems named (a 4xx answer to a form that was not right). */
export function renderOperatorActionPage(action: OperatorAction, state: { subject: string; reason?: string; errors: FieldIssue[] }): string {
  const words = ACTION_WORDS[action];
  const field = subjectField(action);
  const key = 'again';
  const anchor = (f: string) => `${action}-${key}-${f}`;
  return page(
    words.heading,
    html`<h1>${words.heading}</h1>
<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-title" autofocus>
<h2 id="error-title">There is a problem</h2>
<ul>${joinHtml(state.errors.map((e) => (e.field === 'reason' || e.field === field ? html`<li><a href="#${anchor(e.field)}">${e.message}</a></li>` : html`<li>${e.message}</li>`)), '\n')}</ul>
</div>
${actionForm(action, key, { value: state.subject, typed: true }, { ...(state.reason !== undefined ? { reason: state.reason } : {}), errors: state.errors })}
<p><a href="${OPERATOR_PAGES.home}">Back to the operator page</a></p>`,
  );
}

/** A signed-in person who is not an operator. */
export function renderNotOperatorPage(): string {
  return page(
    'Operators only',
    html`<h1>Operators only</h1>
<p>This page is for the people who run this Signpost site, and your address is not one of theirs.</p>
<p><a href="${ACCOUNT_PAGES.me}">Your meetups</a></p>`,
  );
}
