// Views: the HTML of one event, with Open Graph tags and schema.org data. Every user string is escaped.
import { html, joinHtml, raw, withBreaks, type Html } from './html.ts';
import { linkify } from '#functions/core/linkify.ts';
import { formatWhen } from '#functions/core/time.ts';
import { renderPage } from './layout.ts';
import { placesText, rsvpSectionHtml } from './rsvp-section.ts';
import { feedName, feedPaths } from '#functions/core/paths.ts';
import { feedBlockHtml, subscribePanelHtml, type SubscribeFeed } from './subscribe-section.ts';
import { FORMAT_LABELS } from '#functions/core/formats.ts';
import type { PublicEvent } from '#functions/core/event.ts';

function richText(text: string): Html {
  const paragraphs = text.split(/\n{2,}/).map((para) => {
    const parts = linkify(para).map((p) =>
      'url' in p ? html`<a href="${p.url}" rel="nofollow ugc noopener">${p.url}</a>` : withBreaks(p.text),
    );
    return html`<p>${parts}</p>`;
  });
  return joinHtml(paragraphs, '\n');
}

const excerpt = (text: string, max = 180) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1).trimEnd() + '…' : flat;
};

function structuredData(ev: PublicEvent): Html {
  const mode = { in_person: 'Offline', online: 'Online', hybrid: 'Mixed' }[ev.format];
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: ev.title,
    description: excerpt(ev.description, 500),
    startDate: ev.start.utc,
    endDate: ev.end.utc,
    eventStatus: `https://schema.org/Event${ev.status === 'cancelled' ? 'Cancelled' : 'Scheduled'}`,
    eventAttendanceMode: `https://schema.org/${mode}EventAttendanceMode`,
    isAccessibleForFree: true,
    organizer: { '@type': 'Organization', name: ev.network?.name ?? ev.organiserName },
    ...(ev.venue ? { location: { '@type': 'Place', name: ev.venue.split('\n')[0], address: ev.venue } } : {}),
    url: ev.url,
  };
  // A data block, not a script: the CSP does not run it, and "<" is escaped so it cannot close the tag.
  return html`<script type="application/ld+json">${raw(JSON.stringify(data).replace(/</g, '\\u003c'))}</script>`;
}

/** "Add to your calendar": this meetup's .ics, then subscriptions to its network's feed and the whole site's. */
function calendarSectionHtml(ev: PublicEvent): Html {
  // ev.url is built from the configured site URL, never from the Host header.
  const origin = new URL(ev.url).origin;
  const feeds: SubscribeFeed[] = [
    ...(ev.network
      ? [{ url: origin + feedPaths.network(ev.network.slug), name: feedName({ kind: 'network', slug: ev.network.slug }, ev.network.name), label: `${ev.network.name} meetups` }]
      : []),
    { url: origin + feedPaths.all, name: feedName({ kind: 'all' }), label: 'Every Signpost meetup' },
  ];
  const download = ev.status === 'cancelled' ? '' : html`<p><a class="button button-secondary" href="${origin + feedPaths.event(ev.id)}" id="download-ics">Download this meetup (.ics)</a></p>
<p class="hint">Opens in your calendar app. It is a copy: to get changes too, reserve a place (we email them) or subscribe below.</p>`;
  return html`<section class="subscribe" id="subscribe" aria-labelledby="subscribe-title">
<h2 id="subscribe-title">Add to your calendar</h2>
${download}
${subscribePanelHtml({
  id: 'subscribe',
  summary: ev.network ? `Subscribe to ${ev.network.name} meetups, or every meetup` : 'Subscribe to every Signpost meetup',
  feedsHtml: joinHtml(feeds.map((feed, i) => feedBlockHtml(feed, `feed-${i}`)), '\n'),
})}
</section>`;
}

export function renderEventPage(ev: PublicEvent): string {
  const when = formatWhen(ev.start.utc, ev.end.utc, ev.timezone);
  const cancelled = ev.status === 'cancelled';
  const summary = `${cancelled ? 'CANCELLED: ' : ''}${when}. ${FORMAT_LABELS[ev.format]}${ev.venue ? `, ${ev.venue.split('\n')[0]}` : ''}. Free. ${excerpt(ev.description)}`;
  const head = joinHtml([
    html`<link rel="canonical" href="${ev.url}">`,
    html`<meta property="og:type" content="website">`,
    html`<meta property="og:site_name" content="Signpost">`,
    html`<meta property="og:title" content="${(cancelled ? 'Cancelled: ' : '') + ev.title}">`,
    html`<meta property="og:description" content="${summary}">`,
    html`<meta property="og:url" content="${ev.url}">`,
    html`<meta name="twitter:card" content="summary">`,
    html`<meta name="twitter:title" content="${ev.title}">`,
    html`<meta name="twitter:description" content="${summary}">`,
    html`<meta property="event:start_time" content="${ev.start.utc}">`,
    html`<meta property="event:end_time" content="${ev.end.utc}">`,
    structuredData(ev),
  ], '\n');

  const facts: Html[] = [
    html`<dt>When</dt><dd><time datetime="${ev.start.utc}">${when}</time>
      <span class="viewer-time" data-start-utc="${ev.start.utc}" data-end-utc="${ev.end.utc}" data-tz="${ev.timezone}" hidden></span></dd>`,
    html`<dt>Format</dt><dd>${FORMAT_LABELS[ev.format]}</dd>`,
  ];
  if (ev.venue) facts.push(html`<dt>Where</dt><dd class="pre-line">${ev.venue}</dd>`);
  if (ev.onlineUrl) facts.push(html`<dt>Joining link</dt><dd><a href="${ev.onlineUrl}" rel="nofollow ugc noopener">${ev.onlineUrl}</a></dd>`);
  facts.push(html`<dt>Cost</dt><dd>Free</dd>`);
  facts.push(html`<dt>Places</dt><dd id="places">${placesText(ev.places, ev.rsvpsOpen)}</dd>`);
  facts.push(html`<dt>Organiser</dt><dd>${ev.organiserName}${ev.network ? html` for <a href="/?network=${ev.network.slug}">${ev.network.name}</a>` : ''}</dd>`);

  const tags = ev.tags.length
    ? html`<ul class="tags" aria-label="Tags">${ev.tags.map((t) => html`<li><a href="/?tag=${t.slug}">${t.name}</a></li>`)}</ul>`
    : '';

  const main = html`<article class="event${cancelled ? ' is-cancelled' : ''}">
<h1>${ev.title}</h1>
${cancelled ? html`<p class="notice notice-warning" role="status"><strong>This meetup has been cancelled.</strong></p>` : ''}
<dl class="facts">${joinHtml(facts, '\n')}</dl>
${tags}
<section aria-labelledby="about"><h2 id="about">About this meetup</h2>${richText(ev.description)}</section>
<section aria-labelledby="welcome"><h2 id="welcome">Who can come</h2><p>${ev.openToAll ?? 'Free and open to everyone, not just members.'}</p></section>
${ev.accessibility ? html`<section aria-labelledby="access"><h2 id="access">Accessibility</h2>${richText(ev.accessibility)}</section>` : ''}
${rsvpSectionHtml(ev.id, ev)}
${calendarSectionHtml(ev)}
<p class="share">Share this meetup: <a href="${ev.url}">${ev.url}</a></p>
</article>`;

  return renderPage({ title: `${ev.title} · Signpost`, description: summary, script: 'event', head, main });
}

export function renderMissingEventPage(): string {
  return renderPage({
    title: 'Meetup not found · Signpost',
    description: 'This meetup does not exist or is not published yet.',
    main: html`<h1>We can't find that meetup</h1>
<p>It may not be published yet, or the link may be incomplete. If you listed it, open the confirmation link in your email.</p>
<p><a href="/">See upcoming meetups</a></p>`,
  });
}
