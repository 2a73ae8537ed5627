// Views: markup for the page behind both links about changing a meetup's organiser address (organiser-email.html):
// "Confirm this address" (#token=…, sent to the new address) and "Stop this change" (#stop=…, sent to the old one).
// The script shows the right button and posts the token only when it is pressed; loading the page changes nothing.
import { html } from './html.ts';
import { needsScriptHtml, pageHeading } from './link-pages.ts';

export function organiserEmailMain(): string {
  return html`${pageHeading('Change of organiser address')}
${needsScriptHtml({ alternative: 'Until you confirm, the organiser address stays as it was.' })}
<p class="status" id="page-status" role="status"></p>
<div id="organiser-email-area" hidden>
<p id="organiser-email-meetup" hidden></p>
<div id="organiser-email-actions">
<p id="organiser-email-question"></p>
<p><button type="button" class="button" id="organiser-email-button"></button></p>
<p class="status" id="organiser-email-note" role="status"></p>
</div>
</div>`.toString();
}
