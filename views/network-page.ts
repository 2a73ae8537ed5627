// Views: a network's own page (/networks/<slug>): who they are, where they meet, their links and team, upcoming and
// past meetups, "Follow by email" (views/follow-pages.ts) and the Subscribe panel for their calendar feed, with Open
// Graph tags, schema.org Organization data and the rel=alternate link to their Atom feed. Rendered by
// functions/directory/pages.ts; every user string is escaped by the html template.
//
// The accent colour: the CSP allows no inline style (style-src 'self': no style attributes, no <style>), so the page
// draws it with SVG presentation attributes (fill="…" is an attribute, not CSS): the bar over the heading and the
// markers work without a script. The page script (web/src/network.ts) also sets it as the --network-accent custom
// property through the CSSOM, which the CSP allows, for the buttons.
import { html, joinHtml, withBreaks, type Html } from './html.ts';
import { linkify } from '#functions/core/linkify.ts';
import { renderPage } from './layout.ts';
import { jsonLdScript, shareHead } from './share-head.ts';
import { meetupCardHtml } from './home-page.ts';
import { feedBlockHtml, subscribePanelHtml } from './subscribe-section.ts';
import { followSectionHtml } from './follow-pages.ts';
import { NETWORK_LINK_KINDS, NETWORK_LINK_LABELS, type NetworkLinkKind, type NetworkWhere, type PublicNetwork } from '#functions/core/network.ts';
import { NETWORK_PAGES, SITE_PAGES, feedName, feedPaths } from '#functions/core/paths.ts';
import type { EventSummary } from '#functions/core/event.ts';

/** A past meetup, with how many had a place (unset for a cancelled one) and, once its numbers are kept, how many came. */
export type PastMeetupView = EventSummary & { hadPlace?: number | undefined; came?: number | undefined };

export interface NetworkPageView {
  network: PublicNetwork;
  upcoming: EventSummary[];
  /** More upcoming meetups than are shown. */
  moreUpcoming: boolean;
  /** Most recent first. */
  past: PastMeetupView[];
}

/** The site's own accent, for a colour that is somehow not a plain #rrggbb (the networks rules store only those). */
const DEFAULT_ACCENT = '#1d4e89';
export const safeAccent = (accent: string) => (/^#[0-9a-f]{6}$/i.test(accent) ? accent.toLowerCase() : DEFAULT_ACCENT);

/** The network's colour as a thin bar: decoration, hidden from assistive technology. */
export const accentBarHtml = (accent: string): Html =>
  html`<svg class="accent-bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width="100" height="1" fill="${safeAccent(accent)}"/></svg>`;

/** The network's colour as a small square beside its name. */
export const accentMarkerHtml = (accent: string): Html =>
  html`<svg class="accent-marker" viewBox="0 0 10 10" aria-hidden="true" focusable="false"><rect width="10" height="10" rx="2" fill="${safeAccent(accent)}"/></svg>`;

/** "Online", "Manchester". */
export const whereLabel = (where: NetworkWhere) => (where.kind === 'online' ? 'Online' : where.place);
/** "Meets online", "Meets in person in Manchester". */
export const meetsText = (where: NetworkWhere) => (where.kind === 'online' ? 'Meets online' : `Meets in person in ${where.place}`);

/** "Sam", "Sam and Alex", "Sam, Alex and Priya". */
export function namesText(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "12 had a place"; a meetup nobody reserved a place at says so, without claiming nobody came. */
export function hadPlaceText(n: number): string {
  if (n === 0) return 'No places were reserved';
  return `${n} had a place`;
}

const dateOnly = (ev: Pick<EventSummary, 'start' | 'timezone'>) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: ev.timezone }).format(new Date(ev.start.utc));

const excerpt = (text: string, max = 200) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1).trimEnd() + '…' : flat;
};

/** Plain text with its links made clickable, paragraphs kept: never HTML from the text itself. */
function richText(text: string): Html {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim()).map((para) => {
    const parts = linkify(para).map((p) => ('url' in p ? html`<a class="url" href="${p.url}" rel="nofollow ugc noopener">${p.url}</a>` : withBreaks(p.text)));
    return html`<p>${parts}</p>`;
  });
  return joinHtml(paragraphs, '\n');
}

/** The links that say who the network is elsewhere (the mailing list is a way in, not an identity). */
const SAME_AS: NetworkLinkKind[] = ['website', 'mastodon', 'bluesky', 'linkedin'];

/** schema.org Organization: public fields only, never an address. */
export function networkJsonLd(n: PublicNetwork): Record<string, unknown> {
  const sameAs = SAME_AS.flatMap((kind) => (n.links[kind] ? [n.links[kind]] : []));
  return {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: n.name,
    url: n.url,
    description: excerpt(n.tagline || n.description, 500),
    ...(sameAs.length ? { sameAs } : {}),
    ...(n.where.kind === 'place' ? { areaServed: n.where.place } : {}),
    ...(n.topics.length ? { knowsAbout: n.topics } : {}),
  };
}

function linksHtml(n: PublicNetwork): Html {
  const items = NETWORK_LINK_KINDS.flatMap((kind) => {
    const url = n.links[kind];
    if (!url) return [];
    // rel="me" lets a Mastodon profile that links here show this page as verified.
    const rel = kind === 'mastodon' ? 'me nofollow noopener' : 'nofollow noopener';
    return [html`<li><a href="${url}" rel="${rel}" data-link-kind="${kind}">${NETWORK_LINK_LABELS[kind]}<span class="visually-hidden"> of ${n.name}</span></a></li>`];
  });
  return items.length ? html`<ul class="network-links" aria-label="${n.name} elsewhere">${joinHtml(items, '\n')}</ul>` : html``;
}

function factsHtml(n: PublicNetwork): Html {
  const facts: Html[] = [html`<dt>Where</dt><dd>${meetsText(n.where)}</dd>`];
  if (n.topics.length)
    facts.push(html`<dt>Topics</dt><dd><ul class="tags" aria-label="Topics">${n.topics.map((t) => html`<li><a href="${NETWORK_PAGES.directory}?q=${encodeURIComponent(t)}">${t}</a></li>`)}</ul></dd>`);
  if (n.team.length) facts.push(html`<dt>The team</dt><dd id="team">${namesText(n.team)}</dd>`);
  return html`<dl class="facts">${joinHtml(facts, '\n')}</dl>`;
}

function upcomingHtml(view: NetworkPageView): Html {
  const { network: n, upcoming, moreUpcoming } = view;
  // Every card is this network's: the cards leave out the "Network:" line.
  const cards = upcoming.map((ev) => meetupCardHtml({ ...ev, network: undefined }));
  const body = upcoming.length
    ? html`<ul class="meetups">${joinHtml(cards, '\n')}</ul>`
    : html`<p id="no-upcoming">No upcoming meetups are listed yet. Subscribe below to hear about the next one.</p>`;
  const more = moreUpcoming ? html`<p><a href="${SITE_PAGES.home}?network=${encodeURIComponent(n.name)}">See every upcoming ${n.name} meetup</a></p>` : '';
  return html`<section class="network-meetups" aria-labelledby="upcoming-title"><h2 id="upcoming-title">Upcoming meetups</h2>
${body}
${more}
</section>`;
}

function pastHtml(past: PastMeetupView[]): Html {
  if (!past.length) return html``;
  const items = past.map((ev) => {
    const outcome = ev.status === 'cancelled' ? 'Cancelled' : hadPlaceText(ev.hadPlace ?? 0);
    const came = ev.status !== 'cancelled' && ev.came !== undefined ? html` <span class="past-came">${ev.came} came</span>` : '';
    return html`<li><a href="${new URL(ev.url).pathname}">${ev.title}</a> <span class="past-when"><time datetime="${ev.start.utc}">${dateOnly(ev)}</time></span> <span class="past-count">${outcome}</span>${came}</li>`;
  });
  return html`<section class="network-past" aria-labelledby="past-title"><h2 id="past-title">Past meetups</h2>
<ul class="past-meetups">${joinHtml(items, '\n')}</ul>
</section>`;
}

function subscribeHtml(n: PublicNetwork): Html {
  const origin = new URL(n.url).origin;
  const feed = { url: origin + feedPaths.network(n.slug), name: feedName({ kind: 'network', slug: n.slug }, n.name), label: `${n.name} meetups` };
  return html`<section class="subscribe" id="subscribe" aria-labelledby="subscribe-title">
<h2 id="subscribe-title">Subscribe in your calendar</h2>
<p>Every ${n.name} meetup in your calendar app, kept up to date as they are listed, changed or cancelled.</p>
${subscribePanelHtml({ id: 'subscribe', feedsHtml: feedBlockHtml(feed, 'feed-0') })}
</section>`;
}

export function networkMain(view: NetworkPageView): string {
  const n = view.network;
  return html`<article class="network-page" id="network" data-accent="${safeAccent(n.accent)}">
${accentBarHtml(n.accent)}
<h1 class="network-title">${n.name}</h1>
${n.tagline ? html`<p class="lead network-tagline">${n.tagline}</p>` : ''}
${factsHtml(n)}
${linksHtml(n)}
${n.description.trim() ? html`<section aria-labelledby="about-title"><h2 id="about-title">About ${n.name}</h2>${richText(n.description)}</section>` : ''}
${upcomingHtml(view)}
${pastHtml(view.past)}
${followSectionHtml(n)}
${subscribeHtml(n)}
<p class="team-link">Are you on the team? <a href="${NETWORK_PAGES.manage(n.slug)}" rel="nofollow">Manage this network</a></p>
<p class="directory-link"><a href="${NETWORK_PAGES.directory}">See every network</a></p>
</article>`.toString();
}

export function renderNetworkPage(view: NetworkPageView): string {
  const n = view.network;
  const description = excerpt(n.tagline ? `${n.tagline}. ${meetsText(n.where)}.` : `${meetsText(n.where)}. ${n.description}`);
  const head = joinHtml([
    ...shareHead({ url: n.url, title: n.name, description }),
    jsonLdScript(networkJsonLd(n)),
    // Feed readers find the network's new meetups from its page.
    html`<link rel="alternate" type="application/atom+xml" title="New meetups from ${n.name}" href="${feedPaths.networkAtom(n.slug)}">`,
  ], '\n');
  return renderPage({ title: `${n.name} · Signpost`, description, script: 'network', head: head.toString(), main: networkMain(view) });
}

export function renderMissingNetworkPage(): string {
  return renderPage({
    title: 'Network not found · Signpost',
    description: 'This network does not exist or is not public.',
    head: '<meta name="robots" content="noindex">',
    main: html`<h1>We can't find that network</h1>
<p>The link may be incomplete, or the network may not be public yet.</p>
<p><a href="${NETWORK_PAGES.directory}">See every network</a></p>`.toString(),
  });
}
