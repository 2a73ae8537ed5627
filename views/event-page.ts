// Views: the HTML of one event, with Open Graph tags and schema.org data. Every user string is escaped.
import { html, joinHtml, withBreaks, type Html } from './html.ts';
import { linkify } from '#functions/core/linkify.ts';
import { formatWhen } from '#functions/core/time.ts';
import { renderPage } from './layout.ts';
import { jsonLdScript, shareHead } from './share-head.ts';
import { isFull, placesText, rsvpActionHtml, rsvpSectionHtml, type RsvpFormState } from './rsvp-section.ts';
import { ACCOUNT_PAGES, eventPagePaths, feedName, feedPaths, networkHref } from '#functions/core/paths.ts';
import { feedBlockHtml, subscribePanelHtml, type SubscribeFeed } from './subscribe-section.ts';
import { FORMAT_LABELS } from '#functions/core/formats.ts';
import type { PublicEvent, Repeat } from '#functions/core/event.ts';
import { CPD_FORMAT_LABELS } from '#functions/core/cpd.ts';
import { PKSB_AREAS_LABEL } from '#functions/core/cpd-words.ts';

/** What the public page says in place of a joining link only people with a place get. */
export const PRIVATE_LINK_TEXT = 'The joining link is sent to everyone with a place';

function richText(text: string): Html {
  const paragraphs = text.split(/\n{2,}/).map((para) => {
    const parts = linkify(para).map((p) =>
      'url' in p ? html`<a class="url" href="${p.url}" rel="nofollow ugc noopener">${p.url}</a>` : withBreaks(p.text),
    );
    return html`<p>${parts}</p>`;
  });
  return joinHtml(paragraphs, '\n');
}

const excerpt = (text: string, max = 180) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1).trimEnd() + '…' : flat;
};

/** schema.org Event for search engines and link previews. The joining link appears only when it is public. */
export function eventJsonLd(ev: PublicEvent): Record<string, unknown> {
  const mode = { in_person: 'Offline', online: 'Online', hybrid: 'Mixed' }[ev.format];
  const place = ev.venue
    ? { '@type': 'Place', name: ev.venue.split('\n')[0]!.trim(), address: ev.venue.split('\n').map((l) => l.trim()).filter(Boolean).join(', ') }
    : undefined;
  const virtual = ev.format === 'in_person' ? undefined : { '@type': 'VirtualLocation', ...(ev.onlineUrl ? { url: ev.onlineUrl } : {}) };
  const locations = [place, virtual].filter((l) => l !== undefined);
  const cancelled = ev.status === 'cancelled';
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: ev.title,
    description: excerpt(ev.description, 500),
    startDate: ev.start.utc,
    endDate: ev.end.utc,
    eventStatus: `https://schema.org/Event${cancelled ? 'Cancelled' : 'Scheduled'}`,
    eventAttendanceMode: `https://schema.org/${mode}EventAttendanceMode`,
    ...(locations.length ? { location: locations.length === 1 ? locations[0] : locations } : {}),
    isAccessibleForFree: true,
    offers: {
      '@type': 'Offer',
      price: 0,
      priceCurrency: 'GBP',
      url: ev.url,
      ...(ev.rsvpsOpen ? { availability: `https://schema.org/${isFull(ev.places) ? 'SoldOut' : 'InStock'}` } : {}),
    },
    organizer: ev.network ? { '@type': 'Organization', name: ev.network.name } : { '@type': 'Person', name: ev.organiserName },
    url: ev.url,
  };
}


/** "Add to your calendar": this meetup's .ics and Google / Outlook links, then subscriptions to its network's feed and the whole site's. */
function calendarSectionHtml(ev: PublicEvent): Html {
  // ev.url is built from the configured site URL, never from the Host header.
  const origin = new URL(ev.url).origin;
  const feeds: SubscribeFeed[] = [
    ...(ev.network
      ? [{ url: origin + feedPaths.network(ev.network.slug), name: feedName({ kind: 'network', slug: ev.network.slug }, ev.network.name), label: `${ev.network.name} meetups` }]
      : []),
    { url: origin + feedPaths.all, name: feedName({ kind: 'all' }), label: 'Every Signpost meetup' },
  ];
  const add = ev.status === 'cancelled'
    ? ''
    : html`<ul class="add-to-calendar">
<li><a class="button button-secondary" href="${origin + feedPaths.event(ev.id)}" id="download-ics">Download this meetup (.ics)</a></li>
<li><a class="button button-secondary" href="${eventPagePaths.add(ev.id, 'google')}" rel="nofollow" id="add-google">Add to Google Calendar</a></li>
<li><a class="button button-secondary" href="${eventPagePaths.add(ev.id, 'outlook')}" rel="nofollow" id="add-outlook">Add to Outlook</a></li>
</ul>
<p class="hint">Each is a copy: to get changes too, reserve a place (we email them) or subscribe below.</p>`;
  return html`<section class="subscribe" id="subscribe" aria-labelledby="subscribe-title">
<h2 id="subscribe-title">Add to your calendar</h2>
${add}
${subscribePanelHtml({
  id: 'subscribe',
  summary: ev.network ? `Subscribe to ${ev.network.name} meetups, or every meetup` : 'Subscribe to every Signpost meetup',
  feedsHtml: joinHtml(feeds.map((feed, i) => feedBlockHtml(feed, `feed-${i}`)), '\n'),
})}
</section>`;
}

/** The joining link's row: the link when it is public, otherwise who gets it. None on a cancelled meetup. */
function joiningLinkFact(ev: PublicEvent): Html | undefined {
  if (ev.status === 'cancelled' || !ev.joinLink) return undefined;
  if (ev.joinLink === 'public' && ev.onlineUrl)
    return html`<dt>Joining link</dt><dd><a class="url" href="${ev.onlineUrl}" rel="nofollow ugc noopener">${ev.onlineUrl}</a></dd>`;
  return html`<dt>Joining link</dt><dd id="joining-link">${PRIVATE_LINK_TEXT}.</dd>`;
}

/**
 * The query the listing form's 303 adds when a signed-in organiser's meetup went live at once. Event pages are cached
 * and the query is not part of the cache key, so the page's script (web/src/event.ts) shows the notice, not the server.
 */
export const LISTED_QUERY = 'listed=1';

/** "Your meetup is live", hidden until the script sees LISTED_QUERY. */
function listedNoticeHtml(ev: PublicEvent): Html {
  return html`<div class="panel panel-success" id="listed-notice" tabindex="-1" hidden>
<h2>Your meetup is live</h2>
<p>It is public now: share this page. You are signed in with its organiser address, so there was nothing to confirm.</p>
<p><a href="/manage/${ev.id}">Manage it</a> (edit, see who is coming, cancel), or find it any time under <a href="${ACCOUNT_PAGES.me}">Your meetups</a>.</p>
</div>`;
}

export interface EventPageOptions {
  /** The RSVP form as sent back (values and errors), when it was posted without JavaScript. */
  rsvp?: RsvpFormState;
  /** The series it is part of, with every date (its own too). */
  series?: SeriesView | undefined;
}

/** A meetup's series as its pages show it: how it repeats, and each meetup's date, in order. */
export interface SeriesView {
  repeat: Repeat;
  /** This meetup's place in it, 1-based. */
  index: number;
  dates: { id: string; url: string; start: string; end: string; timezone: string; cancelled: boolean }[];
}

const SERIES_WORDS: Record<Repeat, string> = { monthly: 'monthly', fortnightly: 'fortnightly', weekly: 'weekly' };

/** "Part of a monthly series; next: …", and every date of it, this one unlinked. */
export function seriesSectionHtml(ev: Pick<PublicEvent, 'id'>, series: SeriesView, now = new Date()): Html {
  const when = (d: SeriesView['dates'][number]) => formatWhen(d.start, d.end, d.timezone);
  const own = series.dates.find((d) => d.id === ev.id);
  const after = Math.max(now.getTime(), own ? Date.parse(own.start) : 0);
  const next = series.dates.find((d) => !d.cancelled && Date.parse(d.start) > after);
  const items = series.dates.map((d) =>
    d.id === ev.id
      ? html`<li aria-current="page"><strong>${when(d)}</strong> (this one)</li>`
      : html`<li><a href="${d.url}">${when(d)}</a>${d.cancelled ? ' (cancelled)' : ''}</li>`,
  );
  return html`<section class="series" id="series" aria-labelledby="series-title">
<h2 id="series-title">Part of a ${SERIES_WORDS[series.repeat]} series${next ? html`; next: <a href="${next.url}">${when(next)}</a>` : ''}</h2>
<p class="hint">Each date is its own meetup: reserve a place at each one you want to come to.</p>
<ul class="series-dates">${joinHtml(items, '\n')}</ul>
</section>`;
}

/** "Counts towards your CPD": what the organiser set, for people logging it (only when they set anything). */
export function cpdSectionHtml(cpd: NonNullable<PublicEvent['cpd']>): Html {
  return html`<section aria-labelledby="cpd" class="cpd" id="cpd-section"><h2 id="cpd">Counts towards your CPD</h2>
<dl class="facts">
<dt>CPD hours</dt><dd>${cpd.hoursText}</dd>
${cpd.format ? html`<dt>Session format</dt><dd>${CPD_FORMAT_LABELS[cpd.format]}</dd>` : ''}
</dl>
${cpd.outcomes.length ? html`<h3 id="cpd-outcomes">Learning outcomes</h3>
<ul aria-labelledby="cpd-outcomes">${joinHtml(cpd.outcomes.map((o) => html`<li>${o}</li>`), '\n')}</ul>` : ''}
${cpd.areas.length ? html`<h3 id="cpd-areas">${PKSB_AREAS_LABEL}</h3>
<ul aria-labelledby="cpd-areas">${joinHtml(cpd.areas.map((a) => html`<li>${a.name}</li>`), '\n')}</ul>` : ''}
</section>`;
}

export function renderEventPage(ev: PublicEvent, options: EventPageOptions = {}): string {
  const when = formatWhen(ev.start.utc, ev.end.utc, ev.timezone);
  const cancelled = ev.status === 'cancelled';
  const summary = `${cancelled ? 'CANCELLED: ' : ''}${when}. ${FORMAT_LABELS[ev.format]}${ev.venue ? `, ${ev.venue.split('\n')[0]}` : ''}. Free. ${excerpt(ev.description)}`;
  const head = joinHtml([
    ...shareHead({ url: ev.url, title: ev.title, ogTitle: (cancelled ? 'Cancelled: ' : '') + ev.title, description: summary }),
    html`<meta property="event:start_time" content="${ev.start.utc}">`,
    html`<meta property="event:end_time" content="${ev.end.utc}">`,
    jsonLdScript(eventJsonLd(ev)),
  ], '\n');

  const facts: Html[] = [
    html`<dt>When</dt><dd><time datetime="${ev.start.utc}">${when}</time>
      <span class="viewer-time" data-start-utc="${ev.start.utc}" data-end-utc="${ev.end.utc}" data-tz="${ev.timezone}" hidden></span></dd>`,
    html`<dt>Format</dt><dd>${FORMAT_LABELS[ev.format]}</dd>`,
  ];
  if (ev.venue) facts.push(html`<dt>Where</dt><dd class="pre-line">${ev.venue}</dd>`);
  const link = joiningLinkFact(ev);
  if (link) facts.push(link);
  facts.push(html`<dt>Cost</dt><dd>Free</dd>`);
  // A cancelled meetup has no places to count.
  if (!cancelled) facts.push(html`<dt>Places</dt><dd id="places">${placesText(ev.places, ev.rsvpsOpen)}</dd>`);
  facts.push(html`<dt>Organiser</dt><dd>${ev.organiserName}${ev.network ? html` for <a href="${networkHref(ev.network)}">${ev.network.name}</a>` : ''}</dd>`);

  const tags = ev.tags.length
    ? html`<ul class="tags" aria-label="Tags">${ev.tags.map((t) => html`<li><a href="/?tag=${t.slug}">${t.name}</a></li>`)}</ul>`
    : '';

  const main = html`<article class="event${cancelled ? ' is-cancelled' : ''}">
${listedNoticeHtml(ev)}
<h1>${ev.title}</h1>
${cancelled ? html`<p class="notice notice-warning" role="status"><strong>This meetup has been cancelled.</strong></p>` : ''}
${rsvpActionHtml(ev)}
<dl class="facts">${joinHtml(facts, '\n')}</dl>
${tags}
${options.series ? seriesSectionHtml(ev, options.series) : ''}
<section aria-labelledby="about"><h2 id="about">About this meetup</h2>${richText(ev.description)}</section>
<section aria-labelledby="welcome"><h2 id="welcome">Who can come</h2><p>${ev.openToAll ?? 'Free and open to everyone, not just members.'}</p></section>
${ev.accessibility ? html`<section aria-labelledby="access"><h2 id="access">Accessibility</h2>${richText(ev.accessibility)}</section>` : ''}
${ev.cpd ? cpdSectionHtml(ev.cpd) : ''}
${rsvpSectionHtml(ev.id, ev, options.rsvp)}
${calendarSectionHtml(ev)}
<div class="share">
<p>Share this meetup: <a class="url" href="${ev.url}" id="share-link">${ev.url}</a></p>
<p class="share-actions js-only" hidden><button type="button" class="button button-secondary" id="share-button" data-title="${ev.title}">Copy the link</button> <span class="copy-status" id="share-status" role="status"></span></p>
<p class="report-link"><a href="${eventPagePaths.report(ev.id)}" rel="nofollow">Report this meetup</a></p>
</div>
</article>`;

  const hasErrors = Boolean(options.rsvp?.errors?.length);
  return renderPage({ title: `${hasErrors ? 'Error: ' : ''}${ev.title} · Signpost`, description: summary, script: 'event', head, main });
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
