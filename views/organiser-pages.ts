// Web pages: markup for the organiser's pages, reached from the emailed link: confirm.html and manage.html.
import { html } from './html.ts';
import { eventFormHtml } from './event-form.ts';
import { needsScriptHtml, pageHeading } from './link-pages.ts';
import { messageFieldsHtml } from './message-pages.ts';

const noScript = needsScriptHtml();

export function confirmMain(): string {
  return html`${pageHeading('Confirm your meetup')}
${noScript}
<p class="status" id="page-status" role="status"></p>
<div id="confirm-area"></div>`.toString();
}

/** Signed in, the manage page is reached without a link's secret, but it is drawn by its script all the same. */
const manageNoScript = needsScriptHtml({
  signedIn: 'Signed in as its organiser, or as an organiser of its network, you need no link, but this page still needs JavaScript to show and change the meetup. “Your meetups” lists it, with its page and its attendees’ numbers, without JavaScript.',
});

export function manageMain(): string {
  return html`${pageHeading('Manage your meetup')}
${manageNoScript}
<p class="status" id="page-status" role="status"></p>
<div id="problem"></div>

<section class="overview" id="overview" aria-labelledby="overview-title" hidden>
<h2 id="overview-title">Your meetup</h2>
<div id="overview-body" tabindex="-1"></div>
</section>

<section class="attendees" id="attendees-section" aria-labelledby="attendees-title" hidden>
<h2 id="attendees-title">Attendees</h2>
<p class="status" id="attendees-status" role="status"></p>
<div id="attendees-body" tabindex="-1"></div>
<p class="attendees-download" id="attendees-download" hidden><button type="button" class="button button-secondary" id="attendees-csv">Download CSV</button></p>
<form class="rsvp-settings" id="rsvp-settings" method="post" hidden>
<fieldset>
<legend><h3>RSVP settings</h3></legend>
<div class="checkbox">
<input type="checkbox" id="rsvps-open" name="rsvpsOpen" aria-describedby="rsvps-open-hint">
<label for="rsvps-open">Accept RSVPs</label>
</div>
<p class="hint checkbox-hint" id="rsvps-open-hint">Untick to close RSVPs; the event page then says they are closed. People who already have a place keep it, and you can reopen at any time.</p>
<div class="checkbox">
<input type="checkbox" id="notify-on-rsvp" name="notifyOnRsvp" aria-describedby="notify-on-rsvp-hint">
<label for="notify-on-rsvp">Email me when someone RSVPs</label>
</div>
<p class="hint checkbox-hint" id="notify-on-rsvp-hint">Sent to the address you listed the meetup with.</p>
<div class="checkbox">
<input type="checkbox" id="notify-on-cancel" name="notifyOnCancel" aria-describedby="notify-on-cancel-hint">
<label for="notify-on-cancel">Email me when someone cancels</label>
</div>
<p class="hint checkbox-hint" id="notify-on-cancel-hint">Also sent to that address, when someone frees their place or leaves the waitlist.</p>
<div class="checkbox">
<input type="checkbox" id="reminders-on" name="remindersOn" aria-describedby="reminders-on-hint">
<label for="reminders-on">Send attendees reminder emails</label>
</div>
<p class="hint checkbox-hint" id="reminders-on-hint">A reminder a day before, and one shortly before meetups with a joining link. Changes to the time or place, and a cancellation, are always emailed. People can turn reminders off for themselves.</p>
</fieldset>
<p class="form-status" id="rsvp-settings-status" role="status" tabindex="-1"></p>
<div class="actions"><button type="submit" class="button button-secondary" id="rsvp-settings-save">Save RSVP settings</button></div>
</form>
</section>

<section class="messages" id="messages-section" aria-labelledby="messages-title" hidden>
<h2 id="messages-title">Email your attendees</h2>
<p>For news they need: “the slides are up”, “the room has changed”, “bring your laptop”. Each person gets their own link to free their place, and you see the email exactly as it will arrive before anything is sent. A meetup can send 3 messages a day.</p>
<form id="message-form" novalidate>
${messageFieldsHtml({ kind: 'meetup' })}
<div class="actions"><button type="submit" class="button" id="message-preview-button">Preview the email</button></div>
</form>
<div class="message-preview" id="message-preview" tabindex="-1" hidden></div>
<p class="form-status" id="message-status" role="status" tabindex="-1"></p>
</section>

<section id="edit-section" aria-labelledby="edit-title" hidden>
<h2 id="edit-title">Edit the details</h2>
${eventFormHtml({ mode: 'edit', headingLevel: 3 })}
</section>

<section class="danger-zone" id="cancel-section" aria-labelledby="cancel-title" hidden>
<h2 id="cancel-title">Cancel this meetup</h2>
<p>If it is not going ahead, cancel it here. It stays listed, clearly marked as cancelled, so people who planned to come find out. You cannot undo this.</p>
<p><button type="button" class="button button-warning" id="cancel-start">Cancel this meetup</button></p>
<div class="confirm-box" id="cancel-confirm" tabindex="-1" hidden>
<p><strong>Are you sure you want to cancel this meetup?</strong></p>
<p id="cancel-series-note" hidden>Only this date is cancelled: the other dates of the series go ahead.</p>
<p class="button-row">
<button type="button" class="button button-danger" id="cancel-yes">Yes, cancel it</button>
<button type="button" class="button button-secondary" id="cancel-no">No, keep it</button>
</p>
</div>
</section>

<section class="danger-zone" id="delete-section" aria-labelledby="delete-title" hidden>
<h2 id="delete-title">Delete this meetup and its attendee data</h2>
<p id="delete-why"></p>
<p>This deletes the meetup's page and everything about the people who replied: their names, email addresses and notes. You cannot undo this.</p>
<p><button type="button" class="button button-warning" id="delete-start">Delete this meetup and its attendee data</button></p>
<div class="confirm-box" id="delete-confirm" tabindex="-1" hidden>
<p><strong>Are you sure you want to delete this meetup and its attendee data?</strong></p>
<p class="button-row">
<button type="button" class="button button-danger" id="delete-yes">Yes, delete it</button>
<button type="button" class="button button-secondary" id="delete-no">No, keep it</button>
</p>
</div>
</section>`.toString();
}
