// Networks: who may do what to a meetup, decided in one place. A meetup's own organiser (its address) and the
// organisers of its network manage it; helpers of its network see its attendee list on the day.
import { networkSlugOf, type StoredNetwork, type TeamRole } from '#functions/core/network.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { sameAddress, type Viewer } from '#functions/core/viewer.ts';
import type { NetworksRepository } from './networks.repository.ts';

/** 'owner': the address the meetup was listed with. Otherwise the viewer's role in the meetup's network. */
export type MeetupAuthority = 'owner' | TeamRole;

/** The network a meetup belongs to, if that network exists (a free-text label of an older meetup may have none). */
export async function networkOf(deps: { networks: Pick<NetworksRepository, 'get'> }, event: Pick<StoredEvent, 'network' | 'networkSlug'>): Promise<StoredNetwork | undefined> {
  const slug = networkSlugOf(event);
  return slug ? deps.networks.get(slug) : undefined;
}

export async function meetupAuthority(
  deps: { networks: Pick<NetworksRepository, 'get' | 'member'> },
  event: Pick<StoredEvent, 'organiserEmail' | 'network' | 'networkSlug'>,
  viewer: Viewer | undefined,
): Promise<MeetupAuthority | undefined> {
  if (!viewer) return undefined;
  if (sameAddress(viewer.email, event.organiserEmail)) return 'owner';
  const slug = networkSlugOf(event);
  if (!slug) return undefined;
  const [network, member] = await Promise.all([deps.networks.get(slug), deps.networks.member(slug, viewer.personId)]);
  return network && member ? member.role : undefined;
}

/** Edit, cancel, RSVP settings, the attendee list at any time. */
export const canManage = (a: MeetupAuthority | undefined) => a === 'owner' || a === 'organiser';

/**
 * The attendee list (for check-in): managers always; helpers on the day, from 12 hours before the start to 12 hours
 * after the end.
 */
export function canSeeAttendees(a: MeetupAuthority | undefined, event: Pick<StoredEvent, 'startUtc' | 'endUtc'>, now: Date): boolean {
  if (canManage(a)) return true;
  if (a !== 'helper') return false;
  const t = now.getTime();
  return t >= Date.parse(event.startUtc) - 12 * 3_600_000 && t <= Date.parse(event.endUtc) + 12 * 3_600_000;
}
