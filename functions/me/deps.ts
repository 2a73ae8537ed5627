// Me: "Your meetups", a signed-in person's own page. apps/api supplies it.
import type { NetworksDeps } from '#functions/networks/deps.ts';
import type { FollowersRepository } from '#functions/follows/followers.repository.ts';
import type { RsvpsDeps } from '#functions/rsvps/deps.ts';
import type { HiddenMeetupEntry } from '#functions/table/items/moderation.ts';
import type { MyPlacesRepository } from './my-places.repository.ts';

export interface MeDeps extends NetworksDeps, Omit<RsvpsDeps, 'clock' | 'siteUrl' | 'clientIp'> {
  /** The meetups the person has a place at, or is waitlisted for. */
  myPlaces: MyPlacesRepository;
  /** The register of hidden meetups (moderation's): a network's team still sees its hidden meetups, which no listing holds. */
  hiddenMeetups: { list(): Promise<HiddenMeetupEntry[]> };
  /** The networks the person follows. */
  followers: Pick<FollowersRepository, 'followedBy' | 'get'>;
}
