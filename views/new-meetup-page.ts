// Views: the "List a free meetup" page (/new), server-rendered by the API so it works as a plain form post, and the
// page that answers a listing sent that way ("Check your email"). The page script only enhances the form.
import { html } from './html.ts';
import { renderPage } from './layout.ts';
import { eventFormHtml } from './event-form.ts';
import type { FieldIssue } from '#functions/core/errors.ts';

export interface NewMeetupPageOptions {
  /** The values as sent, when the form comes back with errors. */
  values?: Readonly<Record<string, string>>;
  errors?: readonly FieldIssue[];
}

const TITLE = 'List a free meetup';

/** What happens next, under "Check your email" (the API's 202 message says the same). */
export const LISTING_SENT = 'Nearly there: we have emailed you a link. Open it and press “Confirm and publish” to make your meetup public.';

export function renderNewMeetupPage({ values, errors = [] }: NewMeetupPageOptions = {}): string {
  const main = html`<h1>${TITLE}</h1>
<p class="lead">Every meetup on Signpost is free. Tell people what, when and where; we email you a link, and nothing is public until you press “Confirm and publish”.</p>
<p>All fields are needed unless marked optional.</p>
${eventFormHtml({ mode: 'new', headingLevel: 2, ...(values ? { values } : {}), errors })}`.toString();
  return renderPage({
    // GOV.UK: a page sent back with errors says so first in its title, so it is the first thing read out.
    title: `${errors.length ? 'Error: ' : ''}${TITLE} · Signpost`,
    description: 'List a free meetup for library and information people. We email you a link to confirm it.',
    script: 'new',
    main,
  });
}

/** After a listing was accepted: the one "Check your email" the organiser sees. */
export function renderListingSentPage(email: string): string {
  const main = html`<div class="panel panel-success" id="listing-sent">
<h1>Check your email</h1>
<p>${LISTING_SENT}</p>
<p>We sent the link to <strong>${email}</strong>. It works for 7 days. If it has not arrived in a few minutes, look in your spam or junk folder.</p>
</div>
<p><a href="/">See upcoming meetups</a></p>`.toString();
  return renderPage({
    title: 'Check your email · Signpost',
    description: 'We have emailed you a link to confirm your meetup.',
    head: '<meta name="robots" content="noindex">',
    main,
  });
}
