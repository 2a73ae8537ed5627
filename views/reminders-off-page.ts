// Web pages: markup for the page behind the "stop reminders" link in reminder emails (reminders-off.html). The script
// asks how things stand (a read: already off?) and stops reminders only when the person presses the button; loading
// the page changes nothing.
import { html } from './html.ts';
import { needsScriptHtml, pageHeading } from './link-pages.ts';

export function remindersOffMain(): string {
  return html`${pageHeading('Stop reminder emails')}
${needsScriptHtml({ alternative: 'If you can’t, reply to the reminder to ask the organiser: replies go to them.' })}
<p class="status" id="page-status" role="status"></p>
<div id="reminders-off-area" hidden>
<p id="reminders-off-meetup" hidden></p>
<div id="reminders-off-actions">
<p id="reminders-off-question">Stop reminder emails for this meetup? You keep your place.</p>
<p><button type="button" class="button" id="reminders-off-button">No more reminders</button></p>
<p class="status" id="reminders-off-note" role="status"></p>
</div>
</div>`.toString();
}
