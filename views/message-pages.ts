// Views: a team's message, written, previewed and sent as plain form posts (so it all works without JavaScript): to
// a meetup's attendees (/events/<id>/messages) or to a network's followers (/networks/<slug>/messages, with how
// many follow and how that grew). The preview shows the email exactly as it arrives; "Change it" brings the form back
// with what was typed.
import { html, joinHtml, type Html } from './html.ts';
import { renderPage } from './layout.ts';
import { errorSummary, fieldHtml, groupIssues } from './network-form.ts';
import type { FieldIssue } from '#functions/core/errors.ts';
import type { AttendeeAudience } from '#functions/core/broadcast.ts';
import type { FollowerStats } from '#functions/core/follow.ts';

export const SUBJECT_MAX = 150;
export const BODY_MAX = 5000;

/** What "going", "waitlist" and "both" mean to the person choosing. */
export const AUDIENCE_LABELS: Record<AttendeeAudience, string> = {
  going: 'Everyone with a place',
  waitlist: 'Everyone on the waitlist',
  both: 'Everyone with a place and everyone on the waitlist',
};

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;
const noindex = '<meta name="robots" content="noindex">';

/** Who the message is to: a meetup's attendees (how many each choice reaches) or a network's followers. */
export type MessageTarget =
  | { kind: 'meetup'; title: string; action: string; back: string; counts: Record<AttendeeAudience, number> }
  | { kind: 'network'; title: string; action: string; back: string; stats: FollowerStats };

export interface MessageFormState {
  target: MessageTarget;
  values?: Readonly<Record<string, string>>;
  errors?: readonly FieldIssue[];
}

const FIELDS = ['audience', 'subject', 'body'];
const P = 'message-';

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthName = (yyyyMm: string) => MONTH.format(new Date(`${yyyyMm}-01T00:00:00Z`));

/** How many follow, and joined and left per month: counts only, never an address. */
export function followerStatsHtml(stats: FollowerStats): Html {
  return html`<p><strong>${people(stats.count)}</strong> ${stats.count === 1 ? 'follows' : 'follow'} this network by email. You see how many, never who.</p>
${stats.months.length
  ? html`<table>
<caption>Followers joining and leaving, by month</caption>
<thead><tr><th scope="col">Month</th><th scope="col">Joined</th><th scope="col">Left</th></tr></thead>
<tbody>${joinHtml(stats.months.map((m) => html`<tr><th scope="row">${monthName(m.month)}</th><td>${m.joined}</td><td>${m.left}</td></tr>`), '\n')}</tbody>
</table>`
  : ''}`;
}

function audienceHtml(counts: Record<AttendeeAudience, number> | undefined, chosen: string, messages: readonly string[] | undefined): Html {
  return html`<fieldset class="field${messages ? ' has-error' : ''}" id="${P}audience-field"${messages ? html` aria-describedby="${P}audience-error"` : ''}>
<legend class="label">Who gets it</legend>
${messages ? html`<p class="field-error" id="${P}audience-error">${joinHtml(messages.map((m) => html`<span class="error-line"><span class="visually-hidden">Error: </span>${m}</span>`))}</p>` : ''}
<div class="radios">
${joinHtml((Object.keys(AUDIENCE_LABELS) as AttendeeAudience[]).map((a) =>
  html`<div class="radio"><input type="radio" id="${P}audience-${a}" name="audience" value="${a}"${chosen === a ? html` checked` : ''}><label for="${P}audience-${a}">${AUDIENCE_LABELS[a]}${counts ? ` (${people(counts[a])})` : ''}</label></div>`), '\n')}
</div>
</fieldset>`;
}

/**
 * The subject and message fields (and, for a meetup, who gets it, with how many each choice reaches when known): the
 * form page and the manage page's panel share them.
 */
export function messageFieldsHtml(target: { kind: 'meetup'; counts?: Record<AttendeeAudience, number> } | { kind: 'network' }, values: Readonly<Record<string, string>> = {}, errors: readonly FieldIssue[] = []): Html {
  const shown = groupIssues(errors, FIELDS);
  return html`${errorSummary(shown, FIELDS, P, (f) => (f === 'audience' ? `${P}audience-going` : `${P}${f}`))}
${target.kind === 'meetup' ? audienceHtml(target.counts, values.audience ?? 'going', shown.byField.get('audience')) : ''}
${fieldHtml(shown, P, { name: 'subject', label: 'Subject', hint: `One line, up to ${SUBJECT_MAX} characters.`, control: (id, aria) => html`<input id="${id}" name="subject" type="text" maxlength="${SUBJECT_MAX}" value="${values.subject ?? ''}"${aria}>` })}
${fieldHtml(shown, P, {
  name: 'body', label: 'Your message',
  hint: `Plain text, up to ${BODY_MAX.toLocaleString('en-GB')} characters. Paste links as they are (https://…); a blank line starts a new paragraph. Replies go to ${target.kind === 'meetup' ? 'the network’s contact address (or the organiser’s, for a meetup of no network)' : 'the network’s contact address'}.`,
  control: (id, aria) => html`<textarea id="${id}" name="body" rows="10" maxlength="${BODY_MAX}"${aria}>${values.body ?? ''}</textarea>`,
})}`;
}

const heading = (t: MessageTarget) => (t.kind === 'meetup' ? `Email the attendees of ${t.title}` : `Email the followers of ${t.title}`);

export function renderMessageFormPage({ target, values = {}, errors = [] }: MessageFormState): string {
  const main = html`<h1>${heading(target)}</h1>
${target.kind === 'network' ? followerStatsHtml(target.stats) : html`<p>For news they need: “the slides are up”, “the room has changed”, “bring your laptop”. Each person gets their own link to free their place.</p>`}
<p class="hint">You see the email exactly as it will arrive before anything is sent. To stop a stolen sign-in being used to spam, ${target.kind === 'meetup' ? 'a meetup can send 3 messages a day, and a network 10 in all' : 'a network can email its followers twice a day'}.</p>
<form method="post" action="${target.action}" id="message-form" novalidate>
${messageFieldsHtml(target, values, errors)}
<div class="actions"><button type="submit" class="button" name="action" value="preview">Preview the email</button></div>
</form>
<p><a href="${target.back}">Back</a></p>`.toString();
  return renderPage({ title: `${errors.length ? 'Error: ' : ''}${heading(target)} · Signpost`, description: heading(target), head: noindex, main, signedIn: true });
}

export interface MessagePreview {
  subject: string;
  text: string;
  recipients: number;
  /** Sent back with the message, so that sending twice sends once. */
  sendKey: string;
}

const hidden = (values: Readonly<Record<string, string>>) =>
  joinHtml(Object.entries(values).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`), '\n');

/** The email as it arrives (its text part), and the two ways on: send it, or change it. */
export function messagePreviewHtml(preview: MessagePreview, audience?: AttendeeAudience): Html {
  // Its line breaks kept, but wrapped on a phone (the text part is 76 columns), long links too.
  return html`<dl class="facts">
<dt>To</dt><dd>${audience ? `${AUDIENCE_LABELS[audience]}: ` : ''}${people(preview.recipients)}, each their own copy</dd>
<dt>Subject</dt><dd>${preview.subject}</dd>
</dl>
<div class="panel pre-line url email-preview" role="region" aria-label="The email as it will arrive">${preview.text}</div>`;
}

export function renderMessagePreviewPage(target: MessageTarget, values: Readonly<Record<string, string>>, preview: MessagePreview): string {
  const audience = target.kind === 'meetup' ? (values.audience as AttendeeAudience) : undefined;
  // The preview's key goes with Send: pressed twice, or the page sent again, the message still goes once.
  const kept = { ...(audience ? { audience } : {}), subject: values.subject ?? '', body: values.body ?? '', sendKey: preview.sendKey };
  const main = html`<h1>Check your email before it goes</h1>
<p>This is the email as ${people(preview.recipients)} will get it; links marked “(their own link)” are each person’s own.${audience === 'both' ? ' People on the waitlist get “Leave the waitlist” instead of “Free my place”.' : ''}</p>
${messagePreviewHtml(preview, audience)}
<form method="post" action="${target.action}" id="message-send">
${hidden(kept)}
<div class="actions"><button type="submit" class="button" name="action" value="send"${preview.recipients ? '' : html` disabled`}>Send it to ${people(preview.recipients)}</button>
<button type="submit" class="button button-secondary" name="action" value="edit">Change it</button></div>
</form>`.toString();
  return renderPage({ title: `Check your email · ${heading(target)} · Signpost`, description: heading(target), head: noindex, main, signedIn: true });
}

export function renderMessageSentPage(target: MessageTarget, recipients: number): string {
  const main = html`<div class="panel panel-success" tabindex="-1"><h1>Your message is on its way</h1>
<p>It is going to ${people(recipients)}, each once. It is in the activity list, with who sent it.</p></div>
<ul class="link-list"><li><a href="${target.back}">Back</a></li><li><a href="${target.action}">Write another</a></li></ul>`.toString();
  return renderPage({ title: `Message sent · Signpost`, description: 'Your message is on its way', head: noindex, main, signedIn: true });
}
