// Pages: the HTML of one event, with Open Graph tags and schema.org data. Every user string is escaped.
import { escapeHtml as e } from './escape.ts';
import { linkify } from '#functions/core/linkify.ts';
import { formatWhen } from '#functions/core/time.ts';
import { renderPage } from './layout.ts';
import { placesText, rsvpSectionHtml } from './rsvp-section.ts';
import { feedName, feedPaths } from '#functions/core/feed-paths.ts';
import { feedBlockHtml, subscribePanelHtml, type SubscribeFeed } from './subscribe-section.ts';
import { FORMAT_LABELS } from '#functions/core/formats.ts';
import type { PublicEvent } from '#functions/core/event.ts';

function richText(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => {
      const html = linkify(para)
        .map((p) =>
          'url' in p ? `<a href="${e(p.url)}" rel="nofollow ugc noopener">${e(p.url)}</a>` : e(p.text),
        )
        .join('')
        .replace(/\n/g, '<br>');
      return `<p>${html}</p>`;
    })
    .join('\n');
}

const excerpt = (text: string, max = 180) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1).trimEnd() + '…' : flat;
};

function structuredData(ev: PublicEvent): string {
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
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}

/** "Add to your calendar": this meetup's .ics, then subscriptions to its network's feed and the whole site's. */
function calendarSectionHtml(ev: PublicEvent): string {
  // ev.url is built from the configured site URL, never from the Host header.
  const origin = new URL(ev.url).origin;
  const feeds: SubscribeFeed[] = [
    ...(ev.network
      ? [{ url: origin + feedPaths.network(ev.network.slug), name: feedName({ kind: 'network', slug: ev.network.slug }, ev.network.name), label: `${ev.network.name} meetups` }]
      : []),
    { url: origin + feedPaths.all, name: feedName({ kind: 'all' }), label: 'Every Signpost meetup' },
  ];
  const download = ev.status === 'cancelled' ? '' : `<p><a class="button button-secondary" href="${e(origin + feedPaths.event(ev.id))}" id="download-ics">Download this meetup (.ics)</a></p>
<p class="hint">Opens in your calendar app. It is a copy: to get changes too, reserve a place (we email them) or subscribe below.</p>`;
  return `<section class="subscribe" id="subscribe" aria-labelledby="subscribe-title">
<h2 id="subscribe-title">Add to your calendar</h2>
${download}
${subscribePanelHtml({
  id: 'subscribe',
  summary: ev.network ? `Subscribe to ${ev.network.name} meetups, or every meetup` : 'Subscribe to every Signpost meetup',
  feedsHtml: feeds.map((feed, i) => feedBlockHtml(feed, `feed-${i}`)).join('\n'),
})}
</section>`;
}

export function renderEventPage(ev: PublicEvent): string {
  const when = formatWhen(ev.start.utc, ev.end.utc, ev.timezone);
  const cancelled = ev.status === 'cancelled';
  const summary = `${cancelled ? 'CANCELLED: ' : ''}${when}. ${FORMAT_LABELS[ev.format]}${ev.venue ? `, ${ev.venue.split('\n')[0]}` : ''}. Free. ${excerpt(ev.description)}`;
  const head = [
    `<link rel="canonical" href="${e(ev.url)}">`,
    `<meta property="og:type" content="website">`,
    `<meta property="og:site_name" content="Signpost">`,
    `<meta property="og:title" content="${e((cancelled ? 'Cancelled: ' : '') + ev.title)}">`,
    `<meta property="og:description" content="${e(summary)}">`,
    `<meta property="og:url" content="${e(ev.url)}">`,
    `<meta name="twitter:card" content="summary">`,
    `<meta name="twitter:title" content="${e(ev.title)}">`,
    `<meta name="twitter:description" content="${e(summary)}">`,
    `<meta property="event:start_time" content="${e(ev.start.utc)}">`,
    `<meta property="event:end_time" content="${e(ev.end.utc)}">`,
    structuredData(ev),
  ].join('\n');

  const facts: string[] = [
    `<dt>When</dt><dd><time datetime="${e(ev.start.utc)}">${e(when)}</time>
      <span class="viewer-time" data-start-utc="${e(ev.start.utc)}" data-end-utc="${e(ev.end.utc)}" data-tz="${e(ev.timezone)}" hidden></span></dd>`,
    `<dt>Format</dt><dd>${FORMAT_LABELS[ev.format]}</dd>`,
  ];
  if (ev.venue) facts.push(`<dt>Where</dt><dd class="pre-line">${e(ev.venue)}</dd>`);
  if (ev.onlineUrl) facts.push(`<dt>Joining link</dt><dd><a href="${e(ev.onlineUrl)}" rel="nofollow ugc noopener">${e(ev.onlineUrl)}</a></dd>`);
  facts.push(`<dt>Cost</dt><dd>Free</dd>`);
  facts.push(`<dt>Places</dt><dd id="places">${e(placesText(ev.places, ev.rsvpsOpen))}</dd>`);
  facts.push(`<dt>Organiser</dt><dd>${e(ev.organiserName)}${ev.network ? ` for <a href="/?network=${e(ev.network.slug)}">${e(ev.network.name)}</a>` : ''}</dd>`);

  const tags = ev.tags.length
    ? `<ul class="tags" aria-label="Tags">${ev.tags.map((t) => `<li><a href="/?tag=${e(t.slug)}">${e(t.name)}</a></li>`).join('')}</ul>`
    : '';

  const main = `<article class="event${cancelled ? ' is-cancelled' : ''}">
<h1>${e(ev.title)}</h1>
${cancelled ? '<p class="notice notice-warning" role="status"><strong>This meetup has been cancelled.</strong></p>' : ''}
<dl class="facts">${facts.join('\n')}</dl>
${tags}
<section aria-labelledby="about"><h2 id="about">About this meetup</h2>${richText(ev.description)}</section>
<section aria-labelledby="welcome"><h2 id="welcome">Who can come</h2><p>${e(ev.openToAll ?? 'Free and open to everyone, not just members.')}</p></section>
${ev.accessibility ? `<section aria-labelledby="access"><h2 id="access">Accessibility</h2>${richText(ev.accessibility)}</section>` : ''}
${rsvpSectionHtml(ev.id, ev)}
${calendarSectionHtml(ev)}
<p class="share">Share this meetup: <a href="${e(ev.url)}">${e(ev.url)}</a></p>
</article>`;

  return renderPage({ title: `${ev.title} · Signpost`, description: summary, script: 'event', head, main });
}

export function renderMissingEventPage(): string {
  return renderPage({
    title: 'Meetup not found · Signpost',
    description: 'This meetup does not exist or is not published yet.',
    main: `<h1>We can't find that meetup</h1>
<p>It may not be published yet, or the link may be incomplete. If you listed it, open the confirmation link in your email.</p>
<p><a href="/">See upcoming meetups</a></p>`,
  });
}
