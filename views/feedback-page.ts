// Views: the anonymous feedback form a record of attendance's email links (functions/cpd/feedback-routes.ts). A plain
// form POST that works without JavaScript; sent back with the problems named and what was typed; the answer, "already
// sent" and a link that doesn't work are pages too.
import { FEEDBACK_RATINGS, FEEDBACK_TEXT_MAX } from '#functions/core/feedback.ts';
import { CPD_PAGES } from '#functions/core/paths.ts';
import { html, joinHtml } from './html.ts';
import { personalPage } from './layout.ts';
import { errorSummary, groupIssues } from './network-form.ts';

export interface FeedbackMeetup {
  title: string;
  /** The meetup's date, YYYY-MM-DD, for the <time> element. */
  date: string;
  /** The same day as people read it and the record's email says it: "Thursday 5 November 2026". */
  day: string;
  /** The meetup's page, when it is still listed: the thank-you page links to it. */
  path?: string | undefined;
}

export type FeedbackField = 'rating' | 'worked' | 'better';
export interface FeedbackFormState {
  values?: Partial<Record<FeedbackField, string>>;
  errors?: readonly { field?: string | undefined; message: string }[];
}

const FIELD_IDS: Record<FeedbackField, string> = { rating: 'feedback-rating-1', worked: 'feedback-worked', better: 'feedback-better' };
const RATING_WORDS = ['1: poor', '2', '3', '4', '5: excellent'];
const FIELDS = Object.keys(FIELD_IDS) as FeedbackField[];
const errorLines = (messages: readonly string[]) =>
  joinHtml(messages.map((m) => html`<span class="error-line"><span class="visually-hidden">Error: </span>${m}</span>`));
const meetupLine = (m: FeedbackMeetup) => html`<p class="lead">${m.title}<br><time datetime="${m.date}">${m.day}</time></p>`;

export function renderFeedbackPage(meetup: FeedbackMeetup, link: { action: string; token: string }, state: FeedbackFormState = {}): string {
  const values = state.values ?? {};
  const shown = groupIssues((state.errors ?? []).map((e) => ({ field: e.field ?? 'body', message: e.message })), FIELDS);
  const { byField } = shown;
  const hasErrors = byField.size > 0 || shown.general.length > 0;
  const error = (f: FeedbackField) => {
    const messages = byField.get(f);
    return messages ? html`<p class="field-error" id="feedback-${f}-error">${errorLines(messages)}</p>` : '';
  };
  const described = (f: FeedbackField) =>
    html` aria-describedby="feedback-${f}-hint${byField.has(f) ? ` feedback-${f}-error` : ''}"${byField.has(f) ? html` aria-invalid="true"` : ''}`;
  const radios = joinHtml(FEEDBACK_RATINGS.map((r, i) => html`<div class="radio">
<input type="radio" id="feedback-rating-${r}" name="rating" value="${r}"${values.rating === String(r) ? html` checked` : ''}>
<label for="feedback-rating-${r}">${RATING_WORDS[i]}</label>
</div>`), '\n');
  const text = (f: 'worked' | 'better', label: string) => html`<div class="field${byField.has(f) ? ' has-error' : ''}" id="feedback-${f}-field">
<label for="feedback-${f}">${label} <span class="optional">(optional)</span></label>
<p class="hint" id="feedback-${f}-hint">Up to ${FEEDBACK_TEXT_MAX.toLocaleString('en-GB')} characters.</p>
${error(f)}
<textarea id="feedback-${f}" name="${f}" rows="5"${described(f)}>${values[f] ?? ''}</textarea>
</div>`;
  return personalPage('Feedback for the organisers', html`<h1>Feedback for the organisers</h1>
${meetupLine(meetup)}
<p>It is anonymous: the organisers see only everyone’s answers together, never who wrote what, and only how many answered until there are three answers.</p>
<form id="feedback-form" method="post" action="${link.action}" novalidate>
<input type="hidden" name="token" value="${link.token}">
${errorSummary(shown, FIELDS, 'feedback-', (f) => FIELD_IDS[f as FeedbackField])}
<div class="field${byField.has('rating') ? ' has-error' : ''}" id="feedback-rating-field">
<fieldset${byField.has('rating') ? html` aria-describedby="feedback-rating-error"` : ''}>
<legend class="label">How was it?</legend>
${error('rating')}
<div class="radios">
${radios}
</div>
</fieldset>
</div>
${text('worked', 'What worked?')}
${text('better', 'What could be better?')}
<div class="actions">
<button type="submit" class="button" id="feedback-submit">Send feedback</button>
</div>
</form>`, hasErrors);
}

/**
 * The answer's page: `sent` just now; `already` when the record has one, either opened again just to look (`seen`, a
 * GET) or sent a second time (`resent`, a POST that changed nothing). Links on to the CPD log and the meetup's page.
 */
export type FeedbackThanks = 'sent' | 'seen' | 'resent';
const THANKS_TEXT: Record<FeedbackThanks, string> = {
  sent: 'The organisers will see it with everyone else’s answers, never who wrote it.',
  seen: 'We received your answer. Only one answer is kept for each record.',
  resent: 'Only one answer is kept for each record: nothing has changed.',
};

export function renderFeedbackThanksPage(meetup: FeedbackMeetup, outcome: FeedbackThanks): string {
  const title = outcome === 'sent' ? 'Thank you for your feedback' : 'You’ve already sent your feedback, thank you';
  const links = [html`<li><a href="${CPD_PAGES.log}">Your CPD log</a></li>`];
  if (meetup.path) links.push(html`<li><a href="${meetup.path}">See the meetup’s page</a></li>`);
  return personalPage(title, html`<div class="panel panel-success" tabindex="-1" id="feedback-sent">
<h1>${title}</h1>
<p>${THANKS_TEXT[outcome]}</p>
</div>
${meetupLine(meetup)}
<ul class="link-list" id="feedback-next">
${joinHtml(links, '\n')}
</ul>`);
}

/**
 * Why a feedback link doesn't work: the record is unknown or deleted (404); it is kept but takes no answer (404: its
 * email asked none, or its meetup has gone); or the link's token is wrong (403).
 */
export type FeedbackLinkProblem = 'unknown' | 'record-kept' | 'wrong-token';
const LINK_ADVICE: Record<FeedbackLinkProblem, string> = {
  'unknown': 'Deleting a record of attendance from a CPD log ends its feedback link too.',
  'record-kept': 'Your record of attendance is still in your CPD log.',
  'wrong-token': 'Check that the whole link from the email was opened.',
};

export function renderFeedbackLinkPage(message: string, problem: FeedbackLinkProblem): string {
  return personalPage('This feedback link doesn’t work', html`<h1>This feedback link doesn’t work</h1>
<p>${message}</p>
<p>${LINK_ADVICE[problem]}</p>${problem === 'wrong-token' ? '' : html`
<p><a href="${CPD_PAGES.log}">Your CPD log</a></p>`}`);
}
