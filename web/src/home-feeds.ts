// Web: the home page's Subscribe panel: the feeds for the current filter (network, tag, or both) and every meetup,
// named as organisers name them once the listing has shown them.
import { slugify } from '#functions/core/slug.ts';
import { feedName, feedPaths } from '#functions/core/paths.ts';
import type { SubscribeFeed } from '#views/subscribe-section.ts';
import { h } from './dom.ts';
import { enhanceSubscribe, showFeeds } from './subscribe.ts';
import type { EventSummary } from '#functions/core/event.ts';

export interface FeedFilter {
  network: string;
  tag: string;
}

export function homeFeeds(panel: HTMLElement) {
  enhanceSubscribe(panel);
  let request = 0;
  /** The names the listing gave the filtered network and tag, so a feed is "Manchester NLPN", not its slug. */
  let names: Partial<FeedFilter> = {};
  // A network or tag no meetup was ever listed under has no feed (404), so each is checked once (HEAD is cheap).
  const checked = new Map<string, Promise<boolean>>();
  const exists = (url: string) => {
    if (!checked.has(url)) checked.set(url, fetch(url, { method: 'HEAD' }).then((r) => r.status !== 404, () => true));
    return checked.get(url)!;
  };

  async function show(f: FeedFilter) {
    const mine = ++request;
    const filtered = (['network', 'tag'] as const).flatMap((kind) => {
      if (!f[kind]) return [];
      const slug = slugify(f[kind]);
      const name = names[kind] ?? f[kind];
      const feed: SubscribeFeed = { url: location.origin + feedPaths[kind](slug), name: feedName({ kind, slug }, name), label: `${name} meetups` };
      return [{ feed, what: kind === 'network' ? `from “${f[kind]}”` : `tagged “${f[kind]}”` }];
    });
    const found = await Promise.all(filtered.map(({ feed }) => exists(feed.url)));
    if (mine !== request) return;
    const all: SubscribeFeed = { url: location.origin + feedPaths.all, name: feedName({ kind: 'all' }), label: 'Every meetup' };
    const missing = filtered
      .filter((_, i) => !found[i])
      .map(({ what }) => h('p', { class: 'notice' }, `There is no calendar for meetups ${what} yet: none has been listed. Check the spelling, or subscribe to every meetup.`));
    showFeeds(panel, [...filtered.filter((_, i) => found[i]).map(({ feed }) => feed), all], ...missing);
  }

  return {
    /** A new filter: forget the names learnt for the last one. */
    show(f: FeedFilter) {
      names = {};
      void show(f);
    },
    /** The first page of a listing, which may name the filtered network or tag. */
    learnNames(f: FeedFilter, items: EventSummary[]) {
      const network = f.network ? items.find((ev) => ev.network?.slug === slugify(f.network))?.network?.name : undefined;
      const tag = f.tag ? items.flatMap((ev) => ev.tags).find((t) => t.slug === slugify(f.tag))?.name : undefined;
      if ((network && network !== names.network) || (tag && tag !== names.tag)) {
        names = { ...names, ...(network ? { network } : {}), ...(tag ? { tag } : {}) };
        void show(f);
      }
    },
  };
}
