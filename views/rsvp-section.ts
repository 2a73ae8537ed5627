// Views: the public side of RSVPs on the event page: the places line and the "Reserve a free place" form.
// Browser-safe (no Node imports), so the web scripts share the same wording. Counts only: never names or emails.
import { html, type Html } from './html.ts';
import { CLOSED_MESSAGES } from '#functions/core/availability.ts';
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

export const RSVP_PRIVACY = "We'll email you a link to confirm. We only use your address for this meetup.";

function field(id: string, label: string, control: Html, { optional = false, hint = '' } = {}): Html {
  return html`<div class="field" id="${id}-field">
<label for="${id}">${label}${optional ? html` <span class="optional">(optional)</span>` : ''}</label>
${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
<p class="field-error" id="${id}-error" hidden></p>
${control}
</div>`;
}

/** The RSVP section: the form while RSVPs are open, otherwise why they are not. */
export function rsvpSectionHtml(eventId: string, info: RsvpInfo): Html {
  const heading = html`<h2 id="rsvp-title">Reserve a free place</h2>`;
  if (!info.rsvpsOpen) {
    const why = CLOSED_MESSAGES[info.rsvpClosedReason ?? 'closed'];
    return html`<section class="rsvp" id="rsvp" aria-labelledby="rsvp-title">
${heading}
<p class="notice notice-warning">${why}</p>
</section>`;
  }
  const full = isFull(info.places);
  const intro = full
    ? html`<p>All places are taken, but you can join the waitlist. If someone cancels, the first person waiting gets their place and an email.</p>`
    : html`<p>Places are free. Reserve one so the organiser knows you are coming.</p>`;
  return html`<section class="rsvp" id="rsvp" aria-labelledby="rsvp-title">
${heading}
${intro}
<noscript><p class="notice notice-warning">Reserving a place needs JavaScript, which seems to be turned off. Please turn it on, or try another browser.</p></noscript>
<form class="rsvp-form" id="rsvp-form" method="post" novalidate data-event-id="${eventId}">
<div class="error-summary" id="rsvp-error-summary" role="alert" tabindex="-1" aria-labelledby="rsvp-error-title" hidden>
<h3 id="rsvp-error-title">There is a problem</h3>
<ul id="rsvp-error-list"></ul>
</div>
${field('rsvp-name', 'Your name', html`<input id="rsvp-name" name="name" type="text" autocomplete="name" required>`)}
${field('rsvp-email', 'Your email address', html`<input id="rsvp-email" name="email" type="email" autocomplete="email" spellcheck="false" required aria-describedby="rsvp-email-hint">`, {
  hint: RSVP_PRIVACY,
})}
${field('rsvp-note', 'Access needs or a note to the organiser', html`<textarea id="rsvp-note" name="note" rows="3" aria-describedby="rsvp-note-hint"></textarea>`, {
  optional: true,
  hint: 'Only the organiser sees this.',
})}
<div class="visually-hidden" aria-hidden="true">
<label for="rsvp-website">Leave this empty</label>
<input id="rsvp-website" name="website" type="text" tabindex="-1" autocomplete="off">
</div>
<p class="form-status" id="rsvp-status" role="status"></p>
<div class="actions">
<button type="submit" class="button" id="rsvp-submit">${full ? 'Join the waitlist' : 'Reserve my place'}</button>
</div>
</form>
</section>`;
}
