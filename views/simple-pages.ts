// Web pages: markup for the "List a free meetup" page and the friendly 404 page.
import { html } from './html.ts';
import { eventFormHtml } from './event-form.ts';

export function newMain(): string {
  return html`<h1>List a free meetup</h1>
<p class="lead">Every meetup on Signpost is free. Tell people what, when and where; we email you a link, and nothing is public until you press “Confirm and publish”.</p>
<p>All fields are needed unless marked optional.</p>
<noscript><p class="notice notice-warning">This form needs JavaScript to send your meetup. Please turn JavaScript on, or try another browser.</p></noscript>
${eventFormHtml({ mode: 'new', headingLevel: 2 })}`.toString();
}

export function notFoundMain(): string {
  return html`<h1>Page not found</h1>
<p>There is nothing at this address. If you typed it, check the spelling; if you followed a link from an email, try copying the whole link.</p>
<ul class="link-list">
<li><a href="/">See upcoming meetups</a></li>
<li><a href="/new">List a free meetup</a></li>
</ul>`.toString();
}
