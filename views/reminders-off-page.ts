// Web pages: markup for the page behind the "stop reminders" link in reminder emails (reminders-off.html). The script
// shows it and posts the token only when the person presses the button; loading the page changes nothing.
import { html } from './html.ts';

export function remindersOffMain(): string {
  return html`<h1>Stop reminder emails</h1>
<noscript><p class="notice notice-warning">This page needs JavaScript to read the link from your email. Please turn JavaScript on, or open the link in another browser.</p></noscript>
<p class="status" id="page-status" role="status"></p>
<div id="reminders-off-area" hidden>
<p id="reminders-off-meetup" hidden></p>
<div id="reminders-off-actions">
<p>Stop reminder emails for this meetup? You keep your place (or your place on the waitlist).</p>
<p><button type="button" class="button" id="reminders-off-button">No more reminders</button></p>
<p class="status" id="reminders-off-note" role="status"></p>
</div>
</div>`.toString();
}
