// Views: the home page, rendered by the API function (functions/events/home-page.ts): a search and filters that work as
// a plain GET form, the first page of meetups as cards under month headings, a "Next page" link (the home script
// turns it into "Show more"), and the Subscribe panel. The cards are shared with the home script, which renders the
// meetups "Show more" brings with the same functions. Browser-safe: every piece of text is escaped by the html template.
import { html, joinHtml, type Html } from './html.ts';
import { renderPage } from './layout.ts';
import { subscribePanelHtml } from './subscribe-section.ts';
import { feedPaths, networkHref, SITE_PAGES } from '#functions/core/paths.ts';
import { NETWORK_SUGGESTIONS, TAG_SUGGESTIONS } from './suggestions.ts';
import { FORMAT_LABELS, FORMATS, type Format } from '#functions/core/formats.ts';
import { formatWhen } from '#functions/core/time.ts';
import type { EventSummary, Places } from '#functions/core/event.ts';

/** The filters as the form sends them (the home route's query): '' when not chosen. */
export interface HomeFilters {
  q: string;
  network: string;
  tag: string;
  format: string;
  when: string;
  from: string;
  to: string;
}
export const FILTER_NAMES = ['q', 'network', 'tag', 'format', 'when', 'from', 'to'] as const satisfies readonly (keyof HomeFilters)[];
/** Every query parameter the home page reads: the filters, and the page's place. CloudFront keys its cache on these. */
export const HOME_QUERY_PARAMS = [...FILTER_NAMES, 'cursor', 'page'] as const;
export const NO_FILTERS: HomeFilters = { q: '', network: '', tag: '', format: '', when: '', from: '', to: '' };

export const PERIOD_LABELS: Record<string, string> = { week: 'This week', month: 'This month' };

export interface HomeView {
  /** The filters as typed, shown back in the form. */
  filters: HomeFilters;
  /** The filters the list was made with (those in `errors` left out): what the status, links and "Show more" use. */
  applied: HomeFilters;
  items: EventSummary[];
  /** The cursor of the next page; only when it holds at least one meetup. */
  nextCursor?: string;
  /** 1 for the first page; later pages are reached without JavaScript by the "Next page" link. */
  page: number;
  /** Filters that could not be used, each with why (the list then ignores them). */
  errors: { field: string; message: string }[];
}

/** The query string of a filter (the parts chosen only), for links and for the API. */
export function filterQuery(f: HomeFilters): URLSearchParams {
  const q = new URLSearchParams();
  for (const name of FILTER_NAMES) if (f[name]) q.set(name, f[name]);
  return q;
}

const dateLabel = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
};

/** The filters in words, to follow "meetups": "matching “lunch” from “CILIP” this week". '' for none. */
export function describeFilters(f: HomeFilters): string {
  const parts: string[] = [];
  if (f.q) parts.push(`matching “${f.q}”`);
  if (f.tag) parts.push(`tagged “${f.tag}”`);
  if (f.network) parts.push(`from “${f.network}”`);
  if (f.format && (FORMATS as readonly string[]).includes(f.format)) parts.push(`(${FORMAT_LABELS[f.format as Format].toLowerCase()})`);
  if (f.when === 'week') parts.push('this week');
  if (f.when === 'month') parts.push('this month');
  if (f.from && f.to) parts.push(`between ${dateLabel(f.from)} and ${dateLabel(f.to)}`);
  else if (f.from) parts.push(`from ${dateLabel(f.from)} on`);
  else if (f.to) parts.push(`until ${dateLabel(f.to)}`);
  return parts.join(' ');
}

export const hasFilters = (f: HomeFilters) => FILTER_NAMES.some((name) => f[name] !== '');

/** "Showing 20 meetups tagged “cpd”; there are more below." — "there are more" only when there are. */
export function listStatusText(shown: number, f: HomeFilters, more: boolean, page = 1): string {
  const what = describeFilters(f);
  const count = `${shown} ${shown === 1 ? 'meetup' : 'meetups'}`;
  const showing = page > 1 ? `Page ${page}: showing ${count}` : `Showing ${count}`;
  return `${showing}${what ? ` ${what}` : ''}${more ? '; there are more below' : ''}.`;
}

// ---- Cards ----

export const monthOfLocal = (local: string) => local.slice(0, 7);

export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
}

/** "3 places left", "1 place left", "Full — waitlist open"; for a meetup with no limit, "No limit on places". */
export function cardPlacesText(ev: Pick<EventSummary, 'capacity' | 'places'>): string {
  const p: Places | undefined = ev.places;
  if (ev.capacity === undefined) return 'No limit on places';
  if (!p) return `${ev.capacity} ${ev.capacity === 1 ? 'place' : 'places'}`;
  const left = p.left ?? Math.max(0, ev.capacity - p.confirmed);
  if (left <= 0) return 'Full — waitlist open';
  return `${left} ${left === 1 ? 'place' : 'places'} left`;
}

const POSTCODE = /\s*\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;
const REGION_AND_ZIP = /(\s+[A-Z]{2,3})?\s+\d{3,6}(-\d{4})?$/;

/**
 * Where an in-person meetup is, short enough for a card: the venue's name and its town ("Central Library, Manchester")
 * from what the organiser typed (name first; the town last, before any postcode). The name alone when it already says
 * the town or none can be found.
 */
export function venueShort(venue: string): string {
  const lines = venue.split('\n').map((l) => l.trim()).filter(Boolean);
  if (!lines.length) return '';
  const name = lines[0]!.split(',')[0]!.trim();
  const lastParts = lines[lines.length - 1]!.split(',').map((p) => p.trim()).filter(Boolean);
  const town = (lastParts[lastParts.length - 1] ?? '').replace(POSTCODE, '').replace(REGION_AND_ZIP, '').trim();
  const usable = town && town.length <= 40 && !/^\d/.test(town) && !name.toLowerCase().includes(town.toLowerCase());
  const out = usable ? `${name}, ${town}` : name;
  return out.length > 80 ? `${out.slice(0, 79).trimEnd()}…` : out;
}

/** "In person · Central Library, Manchester", "Online", "Hybrid · Glasgow Women's Library, Glasgow". */
export function whereText(ev: Pick<EventSummary, 'format' | 'venue'>): string {
  const place = ev.format !== 'online' && ev.venue ? venueShort(ev.venue) : '';
  return place ? `${FORMAT_LABELS[ev.format]} · ${place}` : FORMAT_LABELS[ev.format];
}

const pathOf = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};

/** One meetup as a card: what people decide on (when, where, places), and the way to its page. */
export function meetupCardHtml(ev: EventSummary): Html {
  const cancelled = ev.status === 'cancelled';
  const places = cancelled
    ? html`<p class="card-places card-cancelled">Cancelled: this meetup will not take place</p>`
    : html`<p class="card-places${ev.places && cardPlacesText(ev).startsWith('Full') ? ' is-full' : ''}">${cardPlacesText(ev)}</p>`;
  const tags = ev.tags.length
    ? html`<ul class="tags" aria-label="Tags">${ev.tags.map((t) => html`<li><a href="/?tag=${t.slug}" data-tag-slug="${t.slug}">${t.name}</a></li>`)}</ul>`
    : '';
  return html`<li class="meetup${cancelled ? ' is-cancelled' : ''}" data-id="${ev.id}">
<article>
<h3>${cancelled ? html`<span class="badge badge-cancelled">Cancelled</span> ` : ''}<a href="${pathOf(ev.url)}">${ev.title}</a></h3>
<p class="when"><time datetime="${ev.start.utc}">${formatWhen(ev.start.utc, ev.end.utc, ev.timezone)}</time><span class="viewer-time" data-start-utc="${ev.start.utc}" data-end-utc="${ev.end.utc}" data-tz="${ev.timezone}" hidden></span></p>
<p class="where">${whereText(ev)}</p>
${places}
${ev.network ? html`<p class="network">Network: <a href="${networkHref(ev.network)}" data-network-slug="${ev.network.slug}">${ev.network.name}</a></p>` : ''}
${tags}
</article>
</li>`;
}

export const monthSectionHtml = (month: string, cards: Html): Html =>
  html`<section class="month" data-month="${month}" aria-labelledby="month-${month}"><h2 id="month-${month}">${monthLabel(month)}</h2><ul class="meetups">${cards}</ul></section>`;

/** Cards under month headings, in the order given. */
export function meetupListHtml(items: EventSummary[]): Html {
  const months: { month: string; cards: Html[] }[] = [];
  for (const ev of items) {
    const month = monthOfLocal(ev.start.local);
    if (months[months.length - 1]?.month !== month) months.push({ month, cards: [] });
    months[months.length - 1]!.cards.push(meetupCardHtml(ev));
  }
  return joinHtml(months.map(({ month, cards }) => monthSectionHtml(month, joinHtml(cards, '\n'))), '\n');
}

// ---- The page ----

const ERROR_FIELDS: Record<string, string> = { q: 'filter-q', network: 'filter-network', tag: 'filter-tag', format: 'filter-format', when: 'filter-when', from: 'filter-from', to: 'filter-to', cursor: 'meetups' };

/** The label each field's errors are named by in the summary ("From date: use a real date…"). */
const ERROR_LABELS: Record<string, string> = { q: 'Search', network: 'Network or group', tag: 'Tag', format: 'Format', when: 'When', from: 'From date', to: 'To date' };

function field(id: string, label: string, control: Html, error: string | undefined, hint = ''): Html {
  return html`<div class="field${error ? ' has-error' : ''}" id="${id}-field">
<label for="${id}">${label}</label>
${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
${error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error:</span> ${error}</p>` : ''}
${control}
</div>`;
}

const describedBy = (id: string, error: string | undefined, hint = false) => {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
};

function filtersFormHtml(f: HomeFilters, errors: HomeView['errors'], networks: string[]): Html {
  const err = (name: string) => errors.find((e) => e.field === name)?.message;
  // Folded away even when some are chosen (the status line says which), so on a phone the meetups come first; open
  // when one of them needs fixing.
  const detailsOpen = errors.some((e) => e.field !== 'q' && e.field !== 'cursor');
  const chosen = FILTER_NAMES.filter((n) => n !== 'q' && f[n] !== '').length;
  const networkOptions = [...new Set([...networks, ...NETWORK_SUGGESTIONS])];
  const select = (id: string, name: string, options: [string, string][], value: string) =>
    html`<select id="${id}" name="${name}"${describedBy(id, err(name))}>
${joinHtml(options.map(([v, label]) => html`<option value="${v}"${v === value ? ' selected' : ''}>${label}</option>`), '\n')}
</select>`;
  const summary = errors.length
    ? html`<div class="error-summary" role="alert" aria-labelledby="filters-error-title" tabindex="-1" id="filters-error-summary">
<h2 id="filters-error-title">There is a problem</h2>
<ul>${errors.map((e) => html`<li><a href="#${ERROR_FIELDS[e.field] ?? 'filter-q'}">${ERROR_LABELS[e.field] ? `${ERROR_LABELS[e.field]}: ${e.message.charAt(0).toLowerCase()}${e.message.slice(1)}` : e.message}</a></li>`)}</ul>
</div>`
    : '';
  return html`<form class="filters" id="filters" method="get" action="${SITE_PAGES.home}" role="search" aria-label="Find meetups">
${summary}
<div class="search-row">
${field('filter-q', 'Search meetups', html`<input id="filter-q" name="q" type="search" value="${f.q}" maxlength="100" autocomplete="off"${describedBy('filter-q', err('q'), true)}>`, err('q'), 'Words from titles and descriptions, like “lunch”')}
<button type="submit" class="button" id="search-button">Search</button>
</div>
<details class="more-filters" id="more-filters"${detailsOpen ? ' open' : ''}>
<summary>Filter by network, tag, format or date${chosen ? html` <span class="filter-count">(${chosen} chosen)</span>` : ''}</summary>
<div class="filter-grid">
${field('filter-network', 'Network or group', html`<input id="filter-network" name="network" type="text" value="${f.network}" maxlength="100" list="filter-network-suggestions" autocomplete="off"${describedBy('filter-network', err('network'))}>
<datalist id="filter-network-suggestions">
${joinHtml(networkOptions.map((n) => html`<option value="${n}"></option>`), '\n')}
</datalist>`, err('network'))}
${field('filter-tag', 'Tag', html`<input id="filter-tag" name="tag" type="text" value="${f.tag}" maxlength="40" list="filter-tag-suggestions" autocomplete="off"${describedBy('filter-tag', err('tag'))}>
<datalist id="filter-tag-suggestions">
${joinHtml(TAG_SUGGESTIONS.map((t) => html`<option value="${t}"></option>`), '\n')}
</datalist>`, err('tag'))}
${field('filter-format', 'Format', select('filter-format', 'format', [['', 'Any format'], ...FORMATS.map((v): [string, string] => [v, FORMAT_LABELS[v]])], f.format), err('format'))}
${field('filter-when', 'When', select('filter-when', 'when', [['', 'Any time'], ['week', PERIOD_LABELS.week!], ['month', PERIOD_LABELS.month!]], f.when), err('when'))}
${field('filter-from', 'From date', html`<input id="filter-from" name="from" type="date" value="${f.from}"${describedBy('filter-from', err('from'))}>`, err('from'))}
${field('filter-to', 'To date', html`<input id="filter-to" name="to" type="date" value="${f.to}"${describedBy('filter-to', err('to'))}>`, err('to'))}
</div>
<div class="filter-actions">
<button type="submit" class="button">Show meetups</button>
</div>
</details>
</form>`;
}

function emptyHtml(f: HomeFilters, page: number): Html {
  const what = describeFilters(f);
  if (page > 1) return html`<p class="list-status" id="list-status" role="status">There are no more meetups${what ? ` ${what}` : ''}. <a href="${firstPageHref(f)}">Back to the first page</a>.</p>`;
  return what
    ? html`<p class="list-status" id="list-status" role="status">No upcoming meetups ${what}. <a href="${SITE_PAGES.home}">See all meetups</a> or <a href="${SITE_PAGES.newMeetup}">list one</a>.</p>`
    : html`<p class="list-status" id="list-status" role="status">No upcoming meetups yet. <a href="${SITE_PAGES.newMeetup}">List one</a>.</p>`;
}

const firstPageHref = (f: HomeFilters) => {
  const q = filterQuery(f).toString();
  return q ? `${SITE_PAGES.home}?${q}` : SITE_PAGES.home;
};

export function nextPageHref(f: HomeFilters, cursor: string, page: number): string {
  const q = filterQuery(f);
  q.set('cursor', cursor);
  q.set('page', String(page + 1));
  return `${SITE_PAGES.home}?${q}`;
}

export function homeMain(view: HomeView): string {
  const { filters: typed, applied: f, items, nextCursor, page, errors } = view;
  const networks = [...new Set(items.flatMap((ev) => (ev.network ? [ev.network.name] : [])))];
  const links = [
    ...(page > 1 ? [html`<a href="${firstPageHref(f)}">Back to the first page</a>`] : []),
    ...(hasFilters(f) ? [html`<a href="${SITE_PAGES.home}" id="clear-filters">Clear filters</a>`] : []),
  ];
  const status = items.length
    ? html`<p class="list-status" id="list-status" role="status"><span id="list-count">${listStatusText(items.length, f, Boolean(nextCursor), page)}</span>${links.length ? html` ${joinHtml(links, ' · ')}` : ''}</p>`
    : emptyHtml(f, page);
  return html`<h1 class="home-title">Free meetups for library and information people</h1>
<p class="lead home-lead">TeachMeets, lunch clubs, chats and new-professional networks, all free. <a href="${SITE_PAGES.newMeetup}">List your own meetup</a>.</p>
${filtersFormHtml(typed, errors, networks)}
<section class="listing" aria-label="Upcoming meetups">
${status}
<div id="meetups" data-query="${filterQuery(f).toString()}" data-shown="${items.length}" tabindex="-1">
${meetupListHtml(items)}
</div>
${nextCursor
  ? html`<nav class="pager" id="pager" aria-label="More meetups"><a class="button button-secondary" id="next-page" href="${nextPageHref(f, nextCursor, page)}" data-cursor="${nextCursor}" rel="next">Next page<span class="visually-hidden"> of meetups</span></a></nav>
<p class="more" id="more-area" hidden><button type="button" class="button button-secondary" id="show-more">Show more meetups</button></p>`
  : ''}
</section>
<section class="subscribe" id="subscribe" aria-labelledby="subscribe-title">
<h2 id="subscribe-title">Subscribe in your calendar</h2>
${subscribePanelHtml({
  id: 'subscribe',
  summary: 'Get these meetups in your calendar app, kept up to date',
  feedsHtml: html`<p>Subscribe your calendar app to this address: <a href="${feedPaths.all}">every meetup (.ics)</a>.</p>`,
})}
</section>`.toString();
}

export function renderHomePage(view: HomeView): string {
  const what = describeFilters(view.applied);
  const title = `${view.errors.length ? 'Error: ' : ''}${what ? `Meetups ${what}` : 'Upcoming free meetups'}${view.page > 1 ? `, page ${view.page}` : ''} · Signpost`;
  // Filtered and later pages are for people, not for search engines: the first page says it all.
  const head = hasFilters(view.filters) || view.page > 1 ? '<meta name="robots" content="noindex, follow">' : `<link rel="canonical" href="${SITE_PAGES.home}">`;
  return renderPage({
    title,
    description: 'Free meetups for the library and information community: TeachMeets, lunch clubs, chats and new-professional networks.',
    script: 'home',
    head,
    main: homeMain(view),
  });
}
