// Events use case: a network's listed meetups over a span of time (published and cancelled; never drafts or hidden
// ones), read from its listing facet. "Your meetups" shows them to the team; the network's feedback (functions/cpd)
// sums their answers.
import { monthOf } from '#functions/core/facets.ts';
import type { EventsRepository } from './events.repository.ts';
import { horizonMonth, type ListedEvent, type ListingPlan } from './listing.ts';

/** A network runs a meetup or two a month: a year back and the listing horizon ahead fit in one page. */
export const NETWORK_MEETUPS_READ = 200;

/** The network's listed meetups that end after `from`, up to the listing horizon. */
export async function networkMeetups(events: Pick<EventsRepository, 'list'>, slug: string, from: Date, now: Date): Promise<ListedEvent[]> {
  const since = from.toISOString();
  const plan: ListingPlan = { facet: `net:${slug}`, fromSortKey: since, fromMonth: monthOf(since), lastMonth: horizonMonth(now), endsAfter: since, words: [] };
  const page = await events.list(plan, NETWORK_MEETUPS_READ);
  // Listed under the network by its team: an older meetup's free-text label of the same name is its lister's alone
  // (networks/authority.ts), though the network's page shows it.
  return page.items.filter((e) => e.networkSlug === slug);
}
