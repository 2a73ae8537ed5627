// Events use case: who is managing a meetup, decided once per request. Either the emailed manage link (its token, as
// before sign-in existed) or a signed-in person whose authority over the meetup allows the action
// (networks/authority.ts: its owner, an organiser of its network; a helper sees attendees on the day, nothing else).
import { AppError, notFound, signInNeeded } from '#functions/core/errors.ts';
import { tokenMatches } from '#functions/core/ids.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { Actor } from '#functions/core/network.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import { canManage, canSeeAttendees, meetupStanding, type MeetupAuthority } from '#functions/networks/authority.ts';
import type { EventsDeps } from './deps.ts';
import { isLive, manageLinkValid } from './event.ts';

/** What a request shows to manage a meetup: the manage link's token, the signed-in person, or both. */
export interface Caller {
  token?: string | undefined;
  viewer?: Viewer | undefined;
}

/** 'manage': edit, publish, cancel, settings, removals, delete. 'attendees': read the attendee list (helpers on the day). */
export type Need = 'manage' | 'attendees';

export interface Access {
  event: StoredEvent;
  /** Who acts, for the network's activity list. */
  actor: Actor;
  /** How they hold it: the manage link, or their place in relation to the meetup. */
  authority: MeetupAuthority | 'manage-link';
}

export type AccessDeps = Pick<EventsDeps, 'events' | 'clock' | 'networks'>;

const badLink = () => new AppError('forbidden', 'invalid_token', 'This manage link is not valid or has expired. Use the latest link from your email.');
const notYours = () =>
  new AppError('forbidden', 'not_your_meetup', 'You are signed in, but this meetup is not yours or one of your network’s, so you cannot manage it.');

/** An older caller passes the token alone. */
const callerOf = (caller: Caller | string): Caller => (typeof caller === 'string' ? { token: caller } : caller);

/**
 * The meetup, if this caller may do `need` to it. A valid manage link always may; otherwise the signed-in person's
 * authority decides. Refused: 401 signed out (no usable link), 403 signed in without the authority or with a bad link.
 */
export async function authorise(deps: AccessDeps, id: string, from: Caller | string, need: Need = 'manage'): Promise<Access> {
  const { token, viewer } = callerOf(from);
  const event = await deps.events.get(id);
  const now = deps.clock.now();
  if (!event || !isLive(event, now)) throw notFound();
  if (token && tokenMatches(token, event.manageTokenHash) && manageLinkValid(event, now))
    return { event, authority: 'manage-link', actor: { email: event.organiserEmail, name: event.organiserName, via: 'manage-link' } };
  if (!viewer) throw token ? badLink() : signInNeeded();
  const { authority, member } = await meetupStanding(deps, event, viewer);
  const allowed = need === 'manage' ? canManage(authority) : canSeeAttendees(authority, event, now);
  if (!allowed || !authority) throw token ? badLink() : notYours();
  // The activity list names people as the team knows them: the owner as listed, a team member as they joined.
  const name = authority === 'owner' ? event.organiserName : member?.name;
  return { event, authority, actor: { email: viewer.email, ...(name ? { name } : {}), via: 'session' } };
}

/** The meetup, if this caller may manage it (see authorise). */
export const authorised = async (deps: AccessDeps, id: string, from: Caller | string, need: Need = 'manage') =>
  (await authorise(deps, id, from, need)).event;
