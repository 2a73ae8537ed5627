// Views: "Report this meetup" (eventPagePaths.report): a plain HTML form post that works without JavaScript, shown
// again with the values kept and every problem named; then a thank-you page. Every user string is escaped.
import { html, joinHtml, type Html } from './html.ts';
import { renderPage } from './layout.ts';
import { eventPagePaths, SITE_PAGES } from '#functions/core/paths.ts';
import type { FieldIssue } from '#functions/core/errors.ts';

/** What can be wrong, in the order the form offers them. */
export const REPORT_REASONS = {
  misleading: 'The details are wrong or misleading',
  'not-free': 'It is not free, or not open as it says',
  spam: 'It is spam, or not a real meetup',
  unsafe: 'It is offensive, abusive or unsafe',
  personal: 'It shows personal information that should not be public',
  other: 'Something else',
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;

/** The bot trap's field: hidden from people (and screen readers), filled by bots. */
export const REPORT_BOT_TRAP = 'website';

const FIELDS = { reason: 'report-reason-misleading', details: 'report-details', replyTo: 'report-reply-to' } as const;
type Field = keyof typeof FIELDS;
const isField = (f: string): f is Field => f in FIELDS;

export interface ReportMeetup {
  id: string;
  title: string;
  /** The meetup's own page. */
  path: string;
}

export interface ReportFormState {
  values?: Partial<Record<Field, string>>;
  errors?: readonly FieldIssue[];
}

const page = (title: string, main: Html) =>
  renderPage({ title: `${title} · Signpost`, description: title, head: '<meta name="robots" content="noindex">', main: main.toString() });

const errorLines = (messages: readonly string[]) =>
  joinHtml(messages.map((m) => html`<span class="error-line"><span class="visually-hidden">Error: </span>${m}</span>`));

export function renderReportPage(meetup: ReportMeetup, state: ReportFormState = {}): string {
  const values = state.values ?? {};
  const byField = new Map<Field, string[]>();
  const general: string[] = [];
  for (const { field, message } of state.errors ?? []) {
    if (isField(field)) byField.set(field, [...(byField.get(field) ?? []), message]);
    else general.push(message);
  }
  const hasErrors = byField.size > 0 || general.length > 0;
  const items = [
    ...general.map((m) => html`<li>${m}</li>`),
    ...(Object.keys(FIELDS) as Field[]).flatMap((f) => (byField.get(f) ?? []).map((m) => html`<li><a href="#${FIELDS[f]}">${m}</a></li>`)),
  ];
  const error = (f: Field) => {
    const messages = byField.get(f);
    return html`<p class="field-error" id="report-${f}-error"${messages ? '' : html` hidden`}>${messages ? errorLines(messages) : ''}</p>`;
  };
  const described = (f: Field, hint: boolean) => {
    const ids = [hint ? `report-${f}-hint` : '', byField.has(f) ? `report-${f}-error` : ''].filter(Boolean).join(' ');
    return html`${ids ? html` aria-describedby="${ids}"` : ''}${byField.has(f) ? html` aria-invalid="true"` : ''}`;
  };
  const radios = joinHtml(
    (Object.entries(REPORT_REASONS) as [ReportReason, string][]).map(
      ([value, label]) => html`<div class="radio">
<input type="radio" id="report-reason-${value}" name="reason" value="${value}"${values.reason === value ? html` checked` : ''}>
<label for="report-reason-${value}">${label}</label>
</div>`,
    ),
    '\n',
  );

  return page(
    `Report: ${meetup.title}`,
    html`<h1>Report this meetup</h1>
<p class="lead">Tell the people who run this Signpost site about a problem with <a href="${meetup.path}">${meetup.title}</a>. The organiser is not told who reported it.</p>
<form class="report-form" id="report-form" method="post" action="${eventPagePaths.report(meetup.id)}" novalidate>
<div class="error-summary" id="report-error-summary" role="alert" tabindex="-1" aria-labelledby="report-error-title"${hasErrors ? html` autofocus` : html` hidden`}>
<h2 id="report-error-title">There is a problem</h2>
<ul>${joinHtml(items, '\n')}</ul>
</div>
<div class="field${byField.has('reason') ? ' has-error' : ''}" id="report-reason-field">
<fieldset${byField.has('reason') ? html` aria-describedby="report-reason-error"` : ''}>
<legend class="label">What is wrong?</legend>
${error('reason')}
<div class="radios">
${radios}
</div>
</fieldset>
</div>
<div class="field${byField.has('details') ? ' has-error' : ''}" id="report-details-field">
<label for="report-details">What should we know? <span class="optional">(optional unless you chose “Something else”)</span></label>
<p class="hint" id="report-details-hint">For example, what is wrong and where you saw it. Up to 2,000 characters.</p>
${error('details')}
<textarea id="report-details" name="details" rows="6"${described('details', true)}>${values.details ?? ''}</textarea>
</div>
<div class="field${byField.has('replyTo') ? ' has-error' : ''}" id="report-replyTo-field">
<label for="report-reply-to">Your email address <span class="optional">(optional)</span></label>
<p class="hint" id="report-replyTo-hint">Only if you would like a reply. We use it only to answer this report. <a href="${SITE_PAGES.privacy}">Privacy</a></p>
${error('replyTo')}
<input id="report-reply-to" name="replyTo" type="email" autocomplete="email" spellcheck="false" value="${values.replyTo ?? ''}"${described('replyTo', true)}>
</div>
<div class="visually-hidden" aria-hidden="true">
<label for="report-website">Leave this empty</label>
<input id="report-website" name="${REPORT_BOT_TRAP}" type="text" tabindex="-1" autocomplete="off">
</div>
<div class="actions">
<button type="submit" class="button" id="report-submit">Send the report</button>
</div>
</form>
<p><a href="${meetup.path}">Back to the meetup</a></p>`,
  );
}

export function renderReportSentPage(meetup: ReportMeetup): string {
  return page(
    'Thank you for your report',
    html`<div class="panel panel-success" tabindex="-1">
<h1>Thank you for your report</h1>
<p>The people who run this Signpost site will look at <a href="${meetup.path}">${meetup.title}</a>. If you gave your email address, they may reply.</p>
</div>
<ul class="link-list">
<li><a href="${meetup.path}">Back to the meetup</a></li>
<li><a href="${SITE_PAGES.home}">See upcoming meetups</a></li>
</ul>`,
  );
}

/** When the deployment has no operator address, nobody would read a report: say so, and where else to turn. */
export function renderReportsOffPage(meetup: ReportMeetup): string {
  return page(
    'Reports are not taken here',
    html`<h1>Reports are not taken here</h1>
<p>This Signpost site has no address set up for reports, so we cannot send one about <a href="${meetup.path}">${meetup.title}</a>.</p>
<p><a href="${meetup.path}">Back to the meetup</a></p>`,
  );
}
