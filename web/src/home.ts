// Web entry for the home page: loads upcoming meetups from the API, filters them via the URL, pages with "Show more",
// and offers the calendar feeds for the filter. Zod-free on purpose: most people open this page first, often on slow links.
import { api, failureMessage } from './api.ts';
import { byId, h, pathOf } from './dom.ts';
import { FORMAT_LABELS, FORMATS } from '#functions/core/formats.ts';
import { formatWhen, viewerTimeText } from './time.ts';
import { homeFeeds } from './home-feeds.ts';
import type { EventSummary } from '#functions/core/event.ts';

interface EventPage {
  items: EventSummary[];
  nextCursor?: string;
}
interface Filters {
  tag: string;
  network: string;
  format: string;
}

const PAGE_SIZE = 20;
const form = byId<HTMLFormElement>('filters');
const tagInput = byId<HTMLInputElement>('filter-tag');
const networkInput = byId<HTMLInputElement>('filter-network');
const formatSelect = byId<HTMLSelectElement>('filter-format');
const clearLink = byId<HTMLAnchorElement>('clear-filters');
const status = byId('list-status');
const list = byId('meetups');
const moreArea = byId('more-area');
const moreButton = byId<HTMLButtonElement>('show-more');
const feeds = homeFeeds(byId('subscribe'));

let shown = 0;
let cursor: string | undefined;
let request = 0;

function filtersFromUrl(): Filters {
  const q = new URLSearchParams(location.search);
  const format = q.get('format') ?? '';
  return {
    tag: (q.get('tag') ?? '').trim().slice(0, 40),
    network: (q.get('network') ?? '').trim().slice(0, 100),
    format: (FORMATS as readonly string[]).includes(format) ? format : '',
  };
}

function describe(f: Filters): string {
  const parts: string[] = [];
  if (f.tag) parts.push(`tagged “${f.tag}”`);
  if (f.network) parts.push(`from “${f.network}”`);
  if (f.format) parts.push(`(${FORMAT_LABELS[f.format as EventSummary['format']].toLowerCase()})`);
  return parts.join(' ');
}

const monthLabel = (local: string) => {
  const [y, m] = local.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
};

function meetup(ev: EventSummary): HTMLLIElement {
  const cancelled = ev.status === 'cancelled';
  const yours = viewerTimeText(ev.start.utc, ev.end.utc, ev.timezone);
  const where = [FORMAT_LABELS[ev.format], ev.venue?.split('\n')[0]?.trim()].filter(Boolean).join(' · ');
  return h(
    'li',
    { class: `meetup${cancelled ? ' is-cancelled' : ''}` },
    h(
      'article',
      {},
      h('h3', {}, cancelled ? h('span', { class: 'badge badge-cancelled' }, 'Cancelled') : null, cancelled ? ' ' : null, h('a', { href: pathOf(ev.url, `/events/${ev.id}`) }, ev.title)),
      h('p', { class: 'when' }, h('time', { datetime: ev.start.utc }, formatWhen(ev.start.utc, ev.end.utc, ev.timezone))),
      yours ? h('p', { class: 'viewer-time' }, yours) : null,
      h('p', { class: 'where' }, where, ev.capacity ? ` · ${ev.capacity} places` : ''),
      ev.network ? h('p', { class: 'network' }, 'Network: ', h('a', { href: `/?network=${encodeURIComponent(ev.network.slug)}` }, ev.network.name)) : null,
      ev.tags.length
        ? h('ul', { class: 'tags', 'aria-label': 'Tags' }, ...ev.tags.map((t) => h('li', {}, h('a', { href: `/?tag=${encodeURIComponent(t.slug)}` }, t.name))))
        : null,
    ),
  );
}

/** Appends meetups under month headings, continuing the last month's list when a new page starts mid-month. */
function append(items: EventSummary[]): HTMLAnchorElement | null {
  let first: HTMLAnchorElement | null = null;
  for (const ev of items) {
    const month = ev.start.local.slice(0, 7);
    let group = list.lastElementChild as HTMLElement | null;
    if (group?.dataset.month !== month) {
      group = h('section', { class: 'month', 'data-month': month }, h('h2', {}, monthLabel(month)), h('ul', { class: 'meetups' }));
      list.append(group);
    }
    const item = meetup(ev);
    group.querySelector('ul')!.append(item);
    first ??= item.querySelector('h3 a');
  }
  return first;
}

async function load(more: boolean) {
  const mine = ++request;
  const f = filtersFromUrl();
  const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (f.tag) q.set('tag', f.tag);
  if (f.network) q.set('network', f.network);
  if (f.format) q.set('format', f.format);
  if (more && cursor) q.set('cursor', cursor);

  if (!more) {
    shown = 0;
    cursor = undefined;
    list.replaceChildren();
    moreArea.hidden = true;
  }
  list.setAttribute('aria-busy', 'true');
  moreButton.disabled = true;
  status.textContent = more ? 'Loading more meetups…' : 'Loading meetups…';

  const result = await api<EventPage>('GET', `/api/events?${q}`);
  if (mine !== request) return;
  list.removeAttribute('aria-busy');
  moreButton.disabled = false;
  const what = describe(f);

  if (!result.ok) {
    const retry = h('button', { type: 'button', class: 'link-button' }, 'Try again');
    retry.addEventListener('click', () => void load(more));
    status.replaceChildren(`${failureMessage(result)} `, retry);
    return;
  }

  if (!more) feeds.learnNames(f, result.data.items);
  const first = append(result.data.items);
  shown += result.data.items.length;
  cursor = result.data.nextCursor;
  moreArea.hidden = !cursor;

  if (shown === 0) {
    status.replaceChildren(
      `No upcoming meetups${what ? ` ${what}` : ''}. `,
      what ? h('a', { href: '/' }, 'See all meetups') : h('a', { href: '/new' }, 'List one'),
      what ? ' or ' : '',
      what ? h('a', { href: '/new' }, 'list one') : '',
      '.',
    );
  } else {
    status.textContent = `Showing ${shown} ${shown === 1 ? 'meetup' : 'meetups'}${what ? ` ${what}` : ''}${cursor ? '; there are more below' : ''}.`;
  }
  // After "Show more", keyboard and screen reader users continue from the first new meetup.
  if (more && first) first.focus();
}

function syncForm() {
  const f = filtersFromUrl();
  tagInput.value = f.tag;
  networkInput.value = f.network;
  formatSelect.value = f.format;
  clearLink.hidden = !(f.tag || f.network || f.format);
  const what = describe(f);
  feeds.show(f);
  document.title = what ? `Meetups ${what} · Signpost` : 'Upcoming free meetups · Signpost';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const q = new URLSearchParams();
  if (tagInput.value.trim()) q.set('tag', tagInput.value.trim());
  if (networkInput.value.trim()) q.set('network', networkInput.value.trim());
  if (formatSelect.value) q.set('format', formatSelect.value);
  const query = q.toString();
  history.pushState(null, '', query ? `/?${query}` : '/');
  syncForm();
  void load(false);
});

moreButton.addEventListener('click', () => void load(true));
window.addEventListener('popstate', () => {
  syncForm();
  void load(false);
});

syncForm();
void load(false);
