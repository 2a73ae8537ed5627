// Web pages: markup for the pages behind the links in RSVP emails: confirm a place (rsvp.html) and cancel it
// (rsvp-cancel.html). The script fills them in; loading either page changes nothing.
import { html } from './html.ts';

const noScript = html`<noscript><p class="notice notice-warning">This page needs JavaScript to read the link from your email. Please turn JavaScript on, or open the link in another browser.</p></noscript>`;

export function rsvpConfirmMain(): string {
  return html`<h1>Confirm your place</h1>
${noScript}
<p class="status" id="page-status" role="status"></p>
<div id="rsvp-area"></div>`.toString();
}

export function rsvpCancelMain(): string {
  return html`<h1>Cancel your place</h1>
${noScript}
<p class="status" id="page-status" role="status"></p>
<div id="rsvp-area"></div>`.toString();
}
