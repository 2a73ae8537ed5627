// Web pages: markup for the organiser's pages, reached from the emailed link: confirm.html and manage.html.
import { eventFormHtml } from './event-form.ts';

const noScript = `<noscript><p class="notice notice-warning">This page needs JavaScript to read the link from your email. Please turn JavaScript on, or open the link in another browser.</p></noscript>`;

export function confirmMain(): string {
  return `<h1>Confirm your meetup</h1>
${noScript}
<p class="status" id="page-status" role="status"></p>
<div id="confirm-area"></div>`;
}

export function manageMain(): string {
  return `<h1>Manage your meetup</h1>
${noScript}
<p class="status" id="page-status" role="status"></p>
<div id="problem"></div>

<section class="overview" id="overview" aria-labelledby="overview-title" hidden>
<h2 id="overview-title">Your meetup</h2>
<div id="overview-body" tabindex="-1"></div>
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
<p class="button-row">
<button type="button" class="button button-danger" id="cancel-yes">Yes, cancel it</button>
<button type="button" class="button button-secondary" id="cancel-no">No, keep it</button>
</p>
</div>
</section>`;
}
