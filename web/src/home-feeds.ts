// Web: the home page's Subscribe panel: the feeds for the current filter and every meetup. Filters match part of a
// name, so the panel offers the feed of each network or tag the listed meetups matched ("CILIP" → "CILIP North West"),
// named as organisers name them; a filter nothing listed matches gets its own feed if one exists, or a note.
import { slugify } from '#functions/core/slug.ts';
import { feedName, feedPaths } from '#functions/core/paths.ts';
import type { Named } from '#functions/core/event.ts';
import type { SubscribeFeed } from '#views/subscribe-section.ts';
import { h } from './dom.ts';
import { enhanceSubscribe, showFeeds } from './subscribe.ts';

export interface FeedFilter {
  network: string;
  tag: string;
}

/** The networks and tags of the meetups on show, from which the filtered feeds are chosen. */
export interface Seen {
  network: Named[];
  tag: Named[];
}

/** At most this many feeds per filter: a short filter ("a") may match many networks. */
const MAX_PER_FILTER = 3;

export function homeFeeds(panel: HTMLElement) {
  enhanceSubscribe(panel);
  let request = 0;
  // A network or tag no meetup was ever listed under has no feed (404), so each is checked once (HEAD is cheap).
  const checked = new Map<string, Promise<boolean>>();
  const exists = (url: string) => {
    if (!checked.has(url)) checked.set(url, fetch(url, { method: 'HEAD' }).then((r) => r.status !== 404, () => true));
    return checked.get(url)!;
  };

  return async function show(f: FeedFilter, seen: Seen): Promise<void> {
    const mine = ++request;
    const feeds: SubscribeFeed[] = [];
    const notes: Node[] = [];
    for (const kind of ['network', 'tag'] as const) {
      const typed = f[kind].trim();
      if (!typed) continue;
      const what = kind === 'network' ? `from “${typed}”` : `tagged “${typed}”`;
      const wanted = slugify(typed);
      const unique = new Map(seen[kind].map((n) => [n.slug, n]));
      // The exact one first, then the others the filter matched a part of.
      const matched = [...unique.values()]
        .filter((n) => n.slug.includes(wanted))
        .sort((a, b) => Number(b.slug === wanted) - Number(a.slug === wanted))
        .slice(0, MAX_PER_FILTER);
      const feed = (n: Named): SubscribeFeed => ({
        url: location.origin + feedPaths[kind](n.slug),
        name: feedName({ kind, slug: n.slug }, n.name),
        label: `${n.name} meetups`,
      });
      if (matched.length) {
        feeds.push(...matched.map(feed));
      } else if (await exists(location.origin + feedPaths[kind](wanted))) {
        feeds.push(feed({ slug: wanted, name: typed }));
      } else {
        notes.push(h('p', { class: 'notice' }, `There is no calendar for meetups ${what} yet: none has been listed. Check the spelling, or subscribe to every meetup.`));
      }
      if (mine !== request) return;
    }
    const all: SubscribeFeed = { url: location.origin + feedPaths.all, name: feedName({ kind: 'all' }), label: 'Every meetup' };
    showFeeds(panel, [...feeds, all], ...notes);
  };
}
