// Web pages: markup for /records/<id>#<token>, a record of attendance's verification link (record.html). The script
// reads the token from the fragment, POSTs it, and fills in the record; without JavaScript the page says only that it
// needs it, and what else to do: everything the script fills in or reveals stays hidden until it runs.
import { html } from './html.ts';
import { pageHeading } from './link-pages.ts';

/** What the page says without JavaScript: one notice, nothing else (the token never reaches a server without the script). */
export const RECORD_NO_SCRIPT = {
  title: 'Checking this record needs JavaScript',
  why: 'The secret part of the link (after the “#”) stays in your browser: only this page’s script sends it to Signpost to check the record, and JavaScript is off.',
  next: 'To see the record, turn JavaScript on and reload this page, or open the link in another browser. Or ask the person who gave you the link for the record’s PDF: it shows the same details and carries the same link.',
} as const;

export function recordMain(): string {
  return html`${pageHeading('Record of attendance')}
<noscript><div class="notice notice-warning needs-script">
<h2>${RECORD_NO_SCRIPT.title}</h2>
<p>${RECORD_NO_SCRIPT.why}</p>
<p>${RECORD_NO_SCRIPT.next}</p>
</div></noscript>
<p class="status" id="page-status" role="status"></p>
<div id="record-problem" hidden></div>
<article class="record" id="record-area" aria-labelledby="page-title" hidden>
<p class="lead" id="record-lead"></p>
<dl class="facts" id="record-facts"></dl>
<section id="record-outcomes" aria-labelledby="record-outcomes-title" hidden>
<h2 id="record-outcomes-title">Learning outcomes</h2>
<ul id="record-outcomes-list"></ul>
</section>
<section id="record-areas" aria-labelledby="record-areas-title" hidden>
<h2 id="record-areas-title">PKSB areas</h2>
<ul id="record-areas-list"></ul>
</section>
<p id="record-note">This is a record of attendance issued by Signpost to the person named when they were checked in at the meetup. It says who attended, and when; what they learned is theirs to tell.</p>
<p><button type="button" class="button button-secondary" id="record-print">Print this record</button></p>
</article>`.toString();
}
