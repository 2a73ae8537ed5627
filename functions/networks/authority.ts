// Networks: who may do what to a meetup, decided in one place. A meetup's own organiser (its address) and the
// organisers of its network manage it; helpers of its network see its attendee list on the day.
import { onTheDay } from '#functions/core/attendance.ts';
import type { StoredNetwork, TeamMember, TeamRole } from '#functions/core/network.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { sameAddress, type Viewer } from '#functions/core/viewer.ts';
import type { NetworksRepository } from './networks.repository.ts';

/** 'owner': the address the meetup was listed with. Otherwise the viewer's role in the meetup's network. */
export type MeetupAuthority = 'owner' | TeamRole;

/**
 * The network a meetup was listed under by its team, if that network exists. An older meetup's free-text label is not
 * one: whoever later created a network of that name (one of the addresses that used it) gets no say over the other
 * listers' meetups, their attendee lists or their replies. Those meetups still show on the network's page.
 */
export async function networkOf(deps: { networks: Pick<NetworksRepository, 'get'> }, event: Pick<StoredEvent, 'networkSlug'>): Promise<StoredNetwork | undefined> {
  return event.networkSlug ? deps.networks.get(event.networkSlug) : undefined;
}

/** The viewer's authority over a meetup, with their team membership when that is where it comes from. */
export interface MeetupStanding {
  authority: MeetupAuthority | undefined;
  member?: TeamMember | undefined;
}

export async function meetupStanding(
  deps: { networks: Pick<NetworksRepository, 'get' | 'member'> },
  event: Pick<StoredEvent, 'organiserEmail' | 'networkSlug'>,
  viewer: Viewer | undefined,
): Promise<MeetupStanding> {
  if (!viewer) return { authority: undefined };
  if (sameAddress(viewer.email, event.organiserEmail)) return { authority: 'owner' };
  // Only a meetup listed under the network (see networkOf): never an older meetup's free-text label.
  const slug = event.networkSlug;
  if (!slug) return { authority: undefined };
  const [network, member] = await Promise.all([deps.networks.get(slug), deps.networks.member(slug, viewer.personId)]);
  return network && member ? { authority: member.role, member } : { authority: undefined };
}

export async function meetupAuthority(
  deps: { networks: Pick<NetworksRepository, 'get' | 'member'> },
  event: Pick<StoredEvent, 'organiserEmail' | 'networkSlug'>,
  viewer: Viewer | undefined,
): Promise<MeetupAuthority | undefined> {
  return (await meetupStanding(deps, event, viewer)).authority;
}

/** Edit, cancel, RSVP settings, the attendee list at any time. */
export const canManage = (a: MeetupAuthority | undefined) => a === 'owner' || a === 'organiser';

/**
 * The attendee list (for check-in): managers always; helpers on the day, from 12 hours before the start to 12 hours
 * after the end.
 */
export function canSeeAttendees(a: MeetupAuthority | undefined, event: Pick<StoredEvent, 'startUtc' | 'endUtc'>, now: Date): boolean {
  if (canManage(a)) return true;
  return a === 'helper' && onTheDay(event, now);
}
