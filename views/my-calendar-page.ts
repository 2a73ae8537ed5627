// Web pages: markup for /my-calendar#token=…, the link in RSVP emails to a person's own calendar feed. The script
// reads the token from the fragment, shows the feed, and offers to replace its address.
import { html } from './html.ts';
import { subscribePanelHtml } from './subscribe-section.ts';
import { needsScriptHtml, pageHeading } from './link-pages.ts';

export function myCalendarMain(): string {
  return html`${pageHeading('Your Signpost calendar')}
<p class="lead">Every meetup you have a place at, or are on the waitlist for, in your own calendar app, kept up to date as organisers change them.</p>
${needsScriptHtml({ changesNothing: false })}
<p class="status" id="page-status" role="status"></p>
<div id="calendar-problem"></div>
<div id="calendar-area" hidden>
<p class="notice notice-warning"><strong>This address is personal.</strong> Anyone with it can see which meetups you're going to — don't share it.</p>
<section class="subscribe" id="subscribe" aria-labelledby="subscribe-title">
<h2 id="subscribe-title">Subscribe</h2>
${subscribePanelHtml({ id: 'subscribe', feedsHtml: html`` })}
</section>
<section class="replace-link" aria-labelledby="replace-title">
<h2 id="replace-title">Make a new link</h2>
<p>If the address has reached someone it shouldn't, make a new one. The old address stops working at once, and so do the calendar links in earlier emails: calendars subscribed to the old address stop updating and must be subscribed again with the new one. Emails we send from now on carry the new link.</p>
<p><button type="button" class="button button-warning" id="replace-link">Make a new link</button></p>
<p class="form-status" id="replace-status" role="status"></p>
</section>
</div>`.toString();
}
