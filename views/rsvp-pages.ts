// Web pages: markup for the pages behind the links in RSVP emails: confirm a place (rsvp.html) and cancel it
// (rsvp-cancel.html). The script fills them in and renames the heading after the outcome; loading either page
// changes nothing.
import { html } from './html.ts';
import { needsScriptHtml, pageHeading } from './link-pages.ts';

/** Every RSVP email is sent with the organiser's address as its Reply-To. */
const noScript = needsScriptHtml({ alternative: 'If you can’t, reply to the email to ask the organiser for help: replies go to them.' });

export function rsvpConfirmMain(): string {
  return html`${pageHeading('Confirm your place')}
${noScript}
<p class="status" id="page-status" role="status"></p>
<div id="rsvp-area"></div>`.toString();
}

export function rsvpCancelMain(): string {
  return html`${pageHeading('Cancel your place')}
${noScript}
<p class="status" id="page-status" role="status"></p>
<div id="rsvp-area"></div>`.toString();
}
