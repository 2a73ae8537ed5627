// Views: the pages that answer the event page's RSVP form when it is posted without JavaScript: "Check your email"
// (the same words whether or not the address had replied before), "RSVPs are closed", and, signed in, "You're in"
// (one tap, no link to confirm) and "Your place is cancelled".
import { html } from './html.ts';
import { renderPage } from './layout.ts';
import type { PublicEvent } from '#functions/core/event.ts';
import { isFull } from './rsvp-section.ts';
import { ACCOUNT_PAGES } from '#functions/core/paths.ts';

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

/** How a signed-in person's one tap (or "cancel my place") left their RSVP. */
export interface SignedInOutcome {
  status: 'confirmed' | 'waitlisted' | 'cancelled' | 'removed';
  already: boolean;
  waitlistPosition?: number | undefined;
  onlineUrl?: string | undefined;
}

/** The words for a signed-in person's RSVP as it now stands: the page and the event page's script say the same. */
export function signedInOutcomeText(o: SignedInOutcome): { title: string; body: string } {
  switch (o.status) {
    case 'confirmed':
      return { title: o.already ? 'You already have a place' : 'You’re in', body: o.already ? 'Nothing has changed: your place is kept for you.' : 'Your place is confirmed. We’ve emailed you the details, with a calendar file and a link to cancel if your plans change.' };
    case 'waitlisted':
      return {
        title: o.already ? 'You are already on the waitlist' : 'You’re on the waitlist',
        body: `${o.waitlistPosition ? `You are number ${o.waitlistPosition} in line. ` : ''}If someone cancels, the first person waiting gets their place and an email.${o.already ? '' : ' We’ve emailed you the details.'}`,
      };
    case 'removed':
      return { title: 'The organiser removed you from this meetup', body: 'You can’t take a place at it again. If you think this is a mistake, reply to the email they sent you.' };
    default:
      return { title: o.already ? 'You had no place to cancel' : 'Your place is cancelled', body: o.already ? 'Nothing has changed.' : 'We’ve let the organiser know by freeing your place for someone else.' };
  }
}

/** After a signed-in person's one tap or "cancel my place", without JavaScript. */
export function renderSignedInOutcomePage(ev: PublicEvent, o: SignedInOutcome): string {
  const { title, body } = signedInOutcomeText(o);
  const good = o.status === 'confirmed' || o.status === 'waitlisted';
  const main = html`<div class="${good ? 'panel panel-success' : 'notice notice-warning'}" id="rsvp-done">
<h1>${title}</h1>
<p>${body}</p>
${o.onlineUrl ? html`<p>Joining link: <a class="url" href="${o.onlineUrl}" rel="nofollow noopener">${o.onlineUrl}</a> (please keep it to yourself).</p>` : ''}
</div>
${back(ev)}
<p><a href="${ACCOUNT_PAGES.me}">Your meetups</a></p>`.toString();
  return renderPage({ title: `${title} · Signpost`, description: title, head: noindex, main });
}
