// Views: the public side of RSVPs on the event page: the places line, the action near the top, and the RSVP form,
// a plain form post (eventPagePaths.rsvp) the page script enhances. Given values and errors, the form is shown again
// with both. Browser-safe (no Node imports), so the web scripts share the same wording. Counts only: never names or emails.
import { html, joinHtml, type Html } from './html.ts';
import { CLOSED_MESSAGES } from '#functions/core/availability.ts';
import { eventPagePaths, SITE_PAGES } from '#functions/core/paths.ts';
import type { FieldIssue } from '#functions/core/errors.ts';
import type { PublicEvent } from '#functions/core/event.ts';

export type Places = PublicEvent['places'];
/** What the public event data says about RSVPs. */
export type RsvpInfo = Pick<PublicEvent, 'places' | 'rsvpsOpen' | 'rsvpClosedReason'>;

export const isFull = (p: Places): boolean => p.capacity !== undefined && (p.left ?? p.capacity - p.confirmed) <= 0;

/** "3 left of 20", "Full — join the waitlist (2 waiting)", "No limit on places". */
export function placesText(p: Places, open = true): string {
  if (p.capacity === undefined) return 'No limit on places';
  if (isFull(p)) {
    const waiting = p.waitlist > 0 ? ` (${p.waitlist} waiting)` : '';
    return open ? `Full — join the waitlist${waiting}` : `Full${waiting}`;
  }
  return `${p.left ?? p.capacity - p.confirmed} left of ${p.capacity}`;
}

/** The RSVP form's error messages, the same from the schema (server) and the page script (browser). */
export const RSVP_MESSAGES = {
  nameMissing: 'Enter your name',
  nameTooLong: 'Your name must be 100 characters or fewer',
  nameOneLine: 'Your name must be on one line',
  emailMissing: 'Enter your email address',
  emailInvalid: 'Enter an email address like name@example.org',
  emailTooLong: 'Your email address must be 254 characters or fewer',
  noteTooLong: 'Your note must be 1,000 characters or fewer',
} as const;

export const RSVP_PRIVACY = "We'll email you a link to confirm. We only use your address for this meetup.";

/** What the RSVP action is called: about the waitlist when the meetup is full. */
export const rsvpActionLabel = (info: RsvpInfo) => (isFull(info.places) ? 'Join the waitlist' : 'Reserve a free place');

/** The form's fields, by the name the API gives them, and the ids they have on the page. */
export const RSVP_FIELDS = { name: 'rsvp-name', email: 'rsvp-email', note: 'rsvp-note' } as const;
export type RsvpField = keyof typeof RSVP_FIELDS;
const isRsvpField = (f: string): f is RsvpField => f in RSVP_FIELDS;
export const RSVP_BOT_TRAP = 'website';

export interface RsvpFormState {
  /** As sent, when the form comes back with errors. */
  values?: Partial<Record<RsvpField, string>>;
  errors?: readonly FieldIssue[];
}

/** The action near the top of the page (on a phone, the form is several screens down): a link to the form. */
export function rsvpActionHtml(info: RsvpInfo): Html {
  if (!info.rsvpsOpen) return html``;
  return html`<p class="rsvp-action"><a class="button" href="#rsvp" id="rsvp-action">${rsvpActionLabel(info)}</a></p>`;
}

const errorLines = (messages: readonly string[]) =>
  joinHtml(messages.map((m) => html`<span class="error-line"><span class="visually-hidden">Error: </span>${m}</span>`));

/** The RSVP section: the form while RSVPs are open, otherwise why they are not. */
export function rsvpSectionHtml(eventId: string, info: RsvpInfo, state: RsvpFormState = {}): Html {
  if (!info.rsvpsOpen) {
    const reason = info.rsvpClosedReason ?? 'closed';
    // A cancelled meetup says so at the top of its page; there is nothing to reserve or wait for.
    if (reason === 'cancelled') return html``;
    return html`<section class="rsvp" id="rsvp" aria-labelledby="rsvp-title">
<h2 id="rsvp-title">RSVPs are closed</h2>
<p class="notice notice-warning">${CLOSED_MESSAGES[reason]}</p>
</section>`;
  }
  const values = state.values ?? {};
  const byField = new Map<RsvpField, string[]>();
  const general: string[] = [];
  for (const { field, message } of state.errors ?? []) {
    if (isRsvpField(field)) byField.set(field, [...(byField.get(field) ?? []), message]);
    else general.push(message);
  }
  const hasErrors = byField.size > 0 || general.length > 0;
  const items = [
    ...general.map((m) => html`<li>${m}</li>`),
    ...(Object.keys(RSVP_FIELDS) as RsvpField[]).flatMap((f) => (byField.get(f) ?? []).map((m) => html`<li><a href="#${RSVP_FIELDS[f]}">${m}</a></li>`)),
  ];
  const hints: Partial<Record<RsvpField, Html>> = {
    email: html`${RSVP_PRIVACY}`,
    note: html`Only the organiser sees this. <a href="${SITE_PAGES.privacy}">How we look after it</a>.`,
  };
  const aria = (f: RsvpField) => {
    const ids = [hints[f] ? `${RSVP_FIELDS[f]}-hint` : '', byField.has(f) ? `${RSVP_FIELDS[f]}-error` : ''].filter(Boolean).join(' ');
    return html`${ids ? html` aria-describedby="${ids}"` : ''}${byField.has(f) ? html` aria-invalid="true"` : ''}`;
  };
  const field = (f: RsvpField, label: string, control: Html, optional = false) => {
    const id = RSVP_FIELDS[f];
    const messages = byField.get(f);
    return html`<div class="field${messages ? ' has-error' : ''}" id="${id}-field">
<label for="${id}">${label}${optional ? html` <span class="optional">(optional)</span>` : ''}</label>
${hints[f] ? html`<p class="hint" id="${id}-hint">${hints[f]}</p>` : ''}
<p class="field-error" id="${id}-error"${messages ? '' : html` hidden`}>${messages ? errorLines(messages) : ''}</p>
${control}
</div>`;
  };

  const full = isFull(info.places);
  const intro = full
    ? html`<p>All places are taken, but you can join the waitlist. If someone cancels, the first person waiting gets their place and an email.</p>`
    : html`<p>Places are free. Reserve one so the organiser knows you are coming.</p>`;
  return html`<section class="rsvp" id="rsvp" aria-labelledby="rsvp-title">
<h2 id="rsvp-title">${rsvpActionLabel(info)}</h2>
${intro}
<form class="rsvp-form" id="rsvp-form" method="post" action="${eventPagePaths.rsvp(eventId)}" novalidate data-event-id="${eventId}">
<div class="error-summary" id="rsvp-error-summary" role="alert" tabindex="-1" aria-labelledby="rsvp-error-title"${hasErrors ? html` autofocus` : html` hidden`}>
<h3 id="rsvp-error-title">There is a problem</h3>
<ul id="rsvp-error-list">${joinHtml(items, '\n')}</ul>
</div>
${field('name', 'Your name', html`<input id="rsvp-name" name="name" type="text" autocomplete="name" value="${values.name ?? ''}" required${aria('name')}>`)}
${field('email', 'Your email address', html`<input id="rsvp-email" name="email" type="email" autocomplete="email" spellcheck="false" value="${values.email ?? ''}" required${aria('email')}>`)}
${field('note', 'Access needs or a note to the organiser', html`<textarea id="rsvp-note" name="note" rows="3"${aria('note')}>${values.note ?? ''}</textarea>`, true)}
<div class="visually-hidden" aria-hidden="true">
<label for="rsvp-website">Leave this empty</label>
<input id="rsvp-website" name="${RSVP_BOT_TRAP}" type="text" tabindex="-1" autocomplete="off">
</div>
<p class="form-status" id="rsvp-status" role="status"></p>
<div class="actions">
<button type="submit" class="button" id="rsvp-submit">${full ? 'Join the waitlist' : 'Reserve my place'}</button>
</div>
</form>
</section>`;
}
