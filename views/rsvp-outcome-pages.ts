// Views: the pages that answer the event page's RSVP form when it is posted without JavaScript: "Check your email"
// (the same words whether or not the address had replied before) and "RSVPs are closed".
import { html } from './html.ts';
import { renderPage } from './layout.ts';
import type { PublicEvent } from '#functions/core/event.ts';
import { isFull } from './rsvp-section.ts';

const noindex = '<meta name="robots" content="noindex">';
const back = (ev: PublicEvent) => html`<p><a href="${new URL(ev.url).pathname}">Back to ${ev.title}</a></p>`;

/**
 * What "Check your email" says under its heading, with and without JavaScript. The same words whether or not the
 * address already has a place (so addresses can't be found out), and true either way: someone who has one is emailed
 * their links instead of a confirmation link.
 */
export const RSVP_SENT = {
  action: (full: boolean) => (full ? 'join the waitlist' : 'confirm your place'),
  already: 'If you already have a place or are on the waitlist, the email has your links instead, and there is nothing to confirm.',
  spam: 'If it has not arrived in a few minutes, look in your spam or junk folder.',
} as const;

/** After an RSVP was accepted: the one "Check your email", about the waitlist when the meetup is full. */
export function renderRsvpSentPage(ev: PublicEvent, email: string): string {
  const main = html`<div class="panel panel-success" id="rsvp-done">
<h1>Check your email</h1>
<p>We've emailed <strong>${email}</strong> about <strong>${ev.title}</strong>. Open the link in it and press the button on the page it opens to ${RSVP_SENT.action(isFull(ev.places))}.</p>
<p>${RSVP_SENT.already} ${RSVP_SENT.spam}</p>
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
