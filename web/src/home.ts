// Web entry for the home page, which the API function renders whole (views/home-page.ts): this only enhances it. The
// "Next page" link becomes "Show more", which adds the next meetups with the same card markup and moves focus to the
// first new one; cards show the viewer's own time where it differs; the Subscribe panel offers the filter's feeds.
// Zod-free on purpose: most people open this page first, often on slow links, and it works before this arrives.
import { api, failureMessage } from './api.ts';
import { byId, h } from './dom.ts';
import { fillViewerTime } from './time.ts';
import { homeFeeds, type Seen } from './home-feeds.ts';
import { html, type Html } from '#views/html.ts';
import { FILTER_NAMES, NO_FILTERS, listStatusText, meetupCardHtml, monthOfLocal, monthSectionHtml, type HomeFilters } from '#views/home-page.ts';
import type { EventSummary } from '#functions/core/event.ts';

interface EventPage {
  items: EventSummary[];
  nextCursor?: string;
}

const PAGE_SIZE = 20;
const list = byId('meetups');
/** The count in the status line (the links beside it stay); a page with no meetups has only the line. */
const status = document.getElementById('list-count') ?? byId('list-status');
/** The filters the server listed with, as the API takes them. */
const query = new URLSearchParams(list.dataset.query ?? '');
const applied: HomeFilters = { ...NO_FILTERS };
for (const name of FILTER_NAMES) applied[name] = query.get(name) ?? '';

const nextLink = document.getElementById('next-page') as HTMLAnchorElement | null;
let cursor = nextLink?.dataset.cursor;
let shown = Number(list.dataset.shown ?? '0') || 0;
/** The page the server rendered (its Next page link names the one after), for the status line. */
const page = nextLink ? Math.max(1, (Number(new URL(nextLink.href).searchParams.get('page')) || 2) - 1) : 1;

function parse(markup: Html): HTMLElement {
  const template = document.createElement('template');
  template.innerHTML = markup.toString();
  return template.content.firstElementChild as HTMLElement;
}

/** Appends meetups under month headings, continuing the last month's list when the next page starts mid-month. */
function append(items: EventSummary[]): HTMLAnchorElement | null {
  let first: HTMLAnchorElement | null = null;
  for (const ev of items) {
    const month = monthOfLocal(ev.start.local);
    let group = list.lastElementChild as HTMLElement | null;
    if (group?.dataset.month !== month) {
      group = parse(monthSectionHtml(month, html``));
      list.append(group);
    }
    const card = parse(meetupCardHtml(ev));
    group.querySelector('ul')!.append(card);
    card.querySelectorAll<HTMLElement>('.viewer-time').forEach(fillViewerTime);
    first ??= card.querySelector<HTMLAnchorElement>('h3 a');
  }
  return first;
}

async function showMore(button: HTMLButtonElement, area: HTMLElement) {
  if (!cursor) return;
  const q = new URLSearchParams(query);
  q.set('limit', String(PAGE_SIZE));
  q.set('cursor', cursor);
  button.disabled = true;
  list.setAttribute('aria-busy', 'true');
  status.textContent = 'Loading more meetups…';
  const result = await api<EventPage>('GET', `/api/events?${q}`);
  list.removeAttribute('aria-busy');
  button.disabled = false;
  if (!result.ok) {
    const retry = h('button', { type: 'button', class: 'link-button' }, 'Try again');
    retry.addEventListener('click', () => void showMore(button, area));
    status.replaceChildren(`${failureMessage(result)} `, retry);
    return;
  }
  const first = append(result.data.items);
  shown += result.data.items.length;
  cursor = result.data.nextCursor;
  status.textContent = listStatusText(shown, applied, Boolean(cursor), page);
  // Keyboard and screen reader users carry on from the first new meetup.
  first?.focus();
  area.hidden = !cursor;
}

function seenNames(): Seen {
  const named = (selector: string, slugOf: (a: HTMLAnchorElement) => string | undefined) =>
    [...list.querySelectorAll<HTMLAnchorElement>(selector)].flatMap((a) => {
      const slug = slugOf(a);
      return slug ? [{ slug, name: a.textContent?.trim() ?? slug }] : [];
    });
  return { network: named('a[data-network-slug]', (a) => a.dataset.networkSlug), tag: named('a[data-tag-slug]', (a) => a.dataset.tagSlug) };
}

list.querySelectorAll<HTMLElement>('.viewer-time').forEach(fillViewerTime);

const moreArea = document.getElementById('more-area');
const moreButton = document.getElementById('show-more') as HTMLButtonElement | null;
if (cursor && moreArea && moreButton) {
  document.getElementById('pager')?.setAttribute('hidden', '');
  moreArea.hidden = false;
  moreButton.addEventListener('click', () => void showMore(moreButton, moreArea));
}

void homeFeeds(byId('subscribe'))(applied, seenNames());

// The filters form sends only what was filled in, so a search's address reads "/?q=lunch", not every empty field.
// (Without JavaScript the browser sends them all, and the server treats blanks as no filter.)
const filters = document.getElementById('filters') as HTMLFormElement | null;
filters?.addEventListener('submit', () => {
  for (const field of filters.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[name], select[name]')) {
    if (!field.value.trim()) field.disabled = true;
  }
  // Coming back to the page (the back button's cache) finds the fields usable again.
  addEventListener('pageshow', () => filters.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[disabled]').forEach((f) => (f.disabled = false)), { once: true });
});
