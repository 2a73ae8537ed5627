// Views: the "List a free meetup" page (/new), server-rendered by the API so it works as a plain form post, and the
// page that answers a listing sent that way ("Check your email"). The page script only enhances the form.
import { html } from './html.ts';
import { renderPage } from './layout.ts';
import { eventFormHtml, type NetworkChoice } from './event-form.ts';
import { ACCOUNT_PAGES, SITE_PAGES } from '#functions/core/paths.ts';
import type { FieldIssue } from '#functions/core/errors.ts';

export interface NewMeetupPageOptions {
  /** The values as sent, when the form comes back with errors. */
  values?: Readonly<Record<string, string>>;
  errors?: readonly FieldIssue[];
  /** Signed in: their address and name fill the form, and their networks are the choices. */
  signedIn?: { email: string; name?: string | undefined; networks: readonly NetworkChoice[] } | undefined;
  /** Values an empty form starts with, besides the signed-in person's own (the series key). */
  prefill?: Readonly<Record<string, string>>;
}

const TITLE = 'List a free meetup';

/** What happens next, under "Check your email" (the API's 202 message says the same). */
export const LISTING_SENT = 'Nearly there: we have emailed you a link. Open it and press “Confirm and publish” to make your meetup public.';

/** The answer to a listing made while signed in (the API's 201 message says the same). */
export const LISTED_LIVE = 'Your meetup is live. You are signed in with its organiser address, so there was nothing to confirm.';

export function renderNewMeetupPage({ values, errors = [], signedIn, prefill: extra = {} }: NewMeetupPageOptions = {}): string {
  const lead = signedIn
    ? html`<p class="lead">Every meetup on Signpost is free. Tell people what, when and where. You are signed in as <strong>${signedIn.email}</strong>, so with that address your meetup is public as soon as you send this form.</p>`
    : html`<p class="lead">Every meetup on Signpost is free. Tell people what, when and where; we email you a link, and nothing is public until you press “Confirm and publish”.</p>
<p><a href="${ACCOUNT_PAGES.signIn}?next=${encodeURIComponent(SITE_PAGES.newMeetup)}">Sign in</a> to list under your network, and to publish without the email.</p>`;
  // Signed in, an empty form starts with their address and name.
  const prefill = { ...extra, ...(signedIn ? { organiserEmail: signedIn.email, ...(signedIn.name ? { organiserName: signedIn.name } : {}) } : {}) };
  const main = html`<h1>${TITLE}</h1>
${lead}
<p>All fields are needed unless marked optional.</p>
${eventFormHtml({ mode: 'new', headingLevel: 2, ...(values ? { values } : {}), prefill, errors, networks: signedIn?.networks ?? [], signedIn: Boolean(signedIn) })}`.toString();
  return renderPage({
    // GOV.UK: a page sent back with errors says so first in its title, so it is the first thing read out.
    title: `${errors.length ? 'Error: ' : ''}${TITLE} · Signpost`,
    description: 'List a free meetup for library and information people. We email you a link to confirm it.',
    script: 'new',
    main,
  });
}

/**
 * Listed signed in with the organiser's own address, without JavaScript: it is live already. (The script instead
 * opens the event page, whose "Your meetup is live" notice says the same.)
 */
export function renderListingLivePage(ev: { id: string; title: string; path: string; series?: readonly { path: string; when: string }[] }): string {
  const series = ev.series?.length
    ? html`<p>Its ${ev.series.length} dates are each a meetup of their own, with their own places:</p>
<ul class="series-dates" id="series-dates">${ev.series.map((d) => html`<li><a href="${d.path}">${d.when}</a></li>`)}</ul>`
    : '';
  const main = html`<div class="panel panel-success" id="listing-live">
<h1>${ev.series ? 'Your series is live' : 'Your meetup is live'}</h1>
<p><strong>${ev.title}</strong> is public now. You are signed in with its organiser address, so there was nothing to confirm.</p>
${series}
</div>
<ul class="link-list">
<li><a href="${ev.path}">See its page and share it</a></li>
<li><a href="/manage/${ev.id}">Manage it</a> (edit, see who is coming, cancel)</li>
<li><a href="${ACCOUNT_PAGES.me}">Your meetups</a></li>
</ul>`.toString();
  return renderPage({ title: 'Your meetup is live · Signpost', description: 'Your meetup is published.', head: '<meta name="robots" content="noindex">', main });
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
