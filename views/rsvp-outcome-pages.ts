// Views: the pages that answer the event page's RSVP form when it is posted without JavaScript: "Check your email"
// (the same words whether or not the address had replied before) and "RSVPs are closed".
import { html } from './html.ts';
import { renderPage } from './layout.ts';
import type { PublicEvent } from '#functions/core/event.ts';
import { isFull } from './rsvp-section.ts';

const noindex = '<meta name="robots" content="noindex">';
const back = (ev: PublicEvent) => html`<p><a href="${new URL(ev.url).pathname}">Back to ${ev.title}</a></p>`;

/** After an RSVP was accepted: the one "Check your email", about the waitlist when the meetup is full. */
export function renderRsvpSentPage(ev: PublicEvent, email: string): string {
  const what = isFull(ev.places) ? 'join the waitlist' : 'confirm your place';
  const main = html`<div class="panel panel-success" id="rsvp-done">
<h1>Check your email</h1>
<p>We've sent a link to <strong>${email}</strong>. Open it and press the button on the page it opens to ${what} at <strong>${ev.title}</strong>.</p>
<p>${isFull(ev.places) ? 'You are not on the waitlist' : 'Your place is not reserved'} until you do. If the email has not arrived in a few minutes, look in your spam or junk folder.</p>
</div>
${back(ev)}`.toString();
  return renderPage({ title: 'Check your email · Signpost', description: 'We have emailed you a link to confirm.', head: noindex, main });
}

/** RSVPs closed (by the organiser, because it started, or because it was cancelled) between loading the page and sending. */
export function renderRsvpClosedPage(ev: PublicEvent, message: string): string {
  const title = ev.status === 'cancelled' ? 'This meetup has been cancelled' : 'RSVPs are closed';
  const main = html`<div class="notice notice-warning" id="rsvp-done">
<h1>${title}</h1>
<p>${message}</p>
</div>
${back(ev)}`.toString();
  return renderPage({ title: `${title} · Signpost`, description: title, head: noindex, main });
}
