// Web pages: the home page markup: intro, a shareable GET filter form, the Subscribe panel (without a script it
// offers the whole-site feed; the home script adds the filtered ones), and the list the home script fills in.
import { html, joinHtml } from './html.ts';
import { subscribePanelHtml } from './subscribe-section.ts';
import { feedPaths } from '#functions/core/paths.ts';
import { TAG_SUGGESTIONS } from './suggestions.ts';
import { FORMAT_LABELS, FORMATS } from '#functions/core/formats.ts';

export function homeMain(): string {
  return html`<h1>Free meetups for library and information people</h1>
<p class="lead">TeachMeets, lunch clubs, chats and new-professional networks: every one is free. <a href="/new">List your own meetup</a>.</p>

<form class="filters" id="filters" method="get" action="/" role="search" aria-label="Filter meetups">
<div class="field">
<label for="filter-tag">Tag</label>
<input id="filter-tag" name="tag" type="text" list="filter-tag-suggestions" autocomplete="off">
<datalist id="filter-tag-suggestions">
${joinHtml(TAG_SUGGESTIONS.map((t) => html`<option value="${t}"></option>`), '\n')}
</datalist>
</div>
<div class="field">
<label for="filter-network">Network or group</label>
<input id="filter-network" name="network" type="text" autocomplete="off">
</div>
<div class="field">
<label for="filter-format">Format</label>
<select id="filter-format" name="format">
<option value="">Any format</option>
${joinHtml(FORMATS.map((f) => html`<option value="${f}">${FORMAT_LABELS[f]}</option>`), '\n')}
</select>
</div>
<div class="filter-actions">
<button type="submit" class="button">Show meetups</button>
<a href="/" id="clear-filters" hidden>Clear filters</a>
</div>
</form>

<section class="subscribe" id="subscribe" aria-labelledby="subscribe-title">
<h2 id="subscribe-title">Subscribe in your calendar</h2>
${subscribePanelHtml({
  id: 'subscribe',
  summary: 'Get these meetups in your calendar app, kept up to date',
  feedsHtml: html`<p>Subscribe your calendar app to this address: <a href="${feedPaths.all}">every meetup (.ics)</a>.</p>`,
})}
</section>

<section class="listing" aria-label="Upcoming meetups">
<p class="list-status" id="list-status" role="status"></p>
<noscript><p class="notice">The list of meetups needs JavaScript, which seems to be turned off. Links to individual meetups still work without it.</p></noscript>
<div id="meetups"></div>
<p class="more" id="more-area" hidden><button type="button" class="button button-secondary" id="show-more">Show more meetups</button></p>
</section>`.toString();
}
