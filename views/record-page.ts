// Web pages: markup for /records/<id>#<token>, a record of attendance's verification link (record.html). The script
// reads the token from the fragment, POSTs it, and fills in the record; without JavaScript the page says it needs it.
import { html } from './html.ts';
import { needsScriptHtml, pageHeading } from './link-pages.ts';

export function recordMain(): string {
  return html`${pageHeading('Record of attendance')}
${needsScriptHtml({ alternative: 'Checking a record needs JavaScript: the link’s secret part is sent to Signpost only by the page’s script.' })}
<p class="status" id="page-status" role="status"></p>
<div id="record-problem"></div>
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
