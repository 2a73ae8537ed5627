// Messages use cases: a team's message, previewed (the email exactly as it arrives, to nobody), then sent. Sending
// stores one open broadcast with its rate-limit claims (per meetup, per network, followers per network) and its
// activity line in one write: over a limit, nothing is stored or sent. The fan-out then runs at once; one cut short
// (a crash, a timeout) leaves the broadcast open, and the sweep's message resumers finish it, each person once.
import type { StoredBroadcast, AttendeeAudience } from '#functions/core/broadcast.ts';
import type { Clock } from '#functions/core/clock.ts';
import { AppError } from '#functions/core/errors.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { ActivityEntry, StoredNetwork } from '#functions/core/network.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import { authorise, type Caller } from '#functions/events/manage-access.ts';
import { meetupActivity } from '#functions/events/activity.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import type { FeedSecret } from '#functions/feeds/feeds.repository.ts';
import { networkShown } from '#functions/follows/announce.ts';
import { dressForFollower } from '#functions/follows/follower-email.ts';
import type { FollowersRepository } from '#functions/follows/followers.repository.ts';
import type { Resumers } from '#functions/follows/sweep.ts';
import type { BroadcastStore } from '#functions/mail/broadcasts.ts';
import { fanOut, type FanOutResult } from '#functions/mail/fan-out.ts';
import { networkOf } from '#functions/networks/authority.ts';
import type { NetworksRepository } from '#functions/networks/networks.repository.ts';
import { replyToFor } from '#functions/networks/reply-to.ts';
import { activityEntry, organiserAccess } from '#functions/networks/use-cases.ts';
import { claimFor, messageRules, type RateClaim } from '#functions/ratelimit/rate-limit.ts';
import { rsvpLinks } from '#functions/rsvps/emails.ts';
import type { RsvpsRepository } from '#functions/rsvps/rsvps.repository.ts';
import type { SuppressionsRepository } from '#functions/suppression/suppressions.repository.ts';
import type { AttendeeClaims } from './attendee-claims.ts';
import type { MessagesDeps } from './deps.ts';
import { attendeeMessageEmail, followerMessageEmail, type Message } from './emails.ts';
import { AUDIENCE_LABELS } from '#views/message-pages.ts';
import type { AttendeeMessageInput, FollowerMessageInput } from './message.schema.ts';

/** What sending (and the sweep's resuming) reads and writes: narrower than the API's deps, so the sweep can supply it. */
export interface MessageSendDeps {
  events: Pick<EventsRepository, 'get'>;
  rsvps: Pick<RsvpsRepository, 'list'>;
  networks: Pick<NetworksRepository, 'get'>;
  followers: Pick<FollowersRepository, 'active'>;
  broadcasts: BroadcastStore;
  attendeeClaims: AttendeeClaims;
  suppressions: Pick<SuppressionsRepository, 'find'>;
  clock: Clock;
  siteUrl: string;
  feedSecret: FeedSecret;
  concurrency?: number;
}

export interface Preview {
  subject: string;
  text: string;
  recipients: number;
  /** Sent back with the message: a second send with it finds the broadcast made and sends nothing more. */
  sendKey: string;
}

/** A message's broadcast id: from the preview's key (so sending twice is one broadcast), else new. */
const messageId = (scope: string, sendKey: string | undefined) => `msg-${scope}-${sendKey ? hashSecret(`message:${sendKey}`).slice(0, 20) : newId(10)}`;

export interface Sent {
  id: string;
  recipients: number;
  queued: number;
}

const STATUSES: Record<AttendeeAudience, StoredRsvp['status'][]> = { going: ['confirmed'], waitlist: ['waitlisted'], both: ['confirmed', 'waitlisted'] };
type Reached = StoredRsvp & { status: 'confirmed' | 'waitlisted' };
const reaches = (audience: AttendeeAudience) => (r: StoredRsvp): r is Reached => STATUSES[audience].includes(r.status);

/** How personal links read in a preview: each person's own goes there. */
export const OWN_LINK = '(their own link)';
const PREVIEW_PERSON = '[their name]';
/** Followers may not have given a name: theirs say "Hello there". */
const PREVIEW_FOLLOWER = '[their name, or “there”]';

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/**
 * Over a limit: which one (`limits`, by the claim's scope: "A meetup can send only 3 messages a day"), and when they
 * can send again (the windows are whole UTC days).
 */
function limited(claim: RateClaim, limits: Record<string, string>): AppError {
  const hours = Math.ceil(claim.retryAfterSeconds / 3600);
  return new AppError(
    'rate_limited', 'message_limit',
    `${limits[claim.scope] ?? `You can send only ${claim.limit} messages a day`}, to stop a stolen sign-in being used to spam. You can send another after midnight UTC (in ${hours <= 1 ? 'under an hour' : `about ${hours} hours`}).`,
    undefined, claim.retryAfterSeconds,
  );
}

function createdOrThrow(created: Awaited<ReturnType<BroadcastStore['create']>>, limits: Record<string, string>) {
  if (created.ok) return;
  if (created.reason === 'rate_limited') throw limited(created.claim, limits);
  throw new AppError('conflict', 'message_exists', 'This message was sent already: nothing more went out.');
}

// ---- A meetup's attendees ----

async function meetupAccess(deps: MessagesDeps, id: string, caller: Caller) {
  const access = await authorise(deps, id, caller, 'manage');
  if (access.event.status !== 'published' || access.event.hidden)
    throw new AppError('conflict', 'not_published', 'Only a published meetup’s attendees can be emailed from here.');
  return access;
}

const attendeesOf = async (deps: Pick<MessageSendDeps, 'rsvps'>, event: StoredEvent, audience: AttendeeAudience) => (await deps.rsvps.list(event.id)).filter(reaches(audience));

/** The write page's view: the meetup, and how many each audience reaches now. */
export async function meetupMessageCounts(deps: MessagesDeps, id: string, caller: Caller): Promise<{ event: StoredEvent; counts: Record<AttendeeAudience, number> }> {
  const { event } = await meetupAccess(deps, id, caller);
  const rsvps = await deps.rsvps.list(event.id);
  const counts = { going: rsvps.filter(reaches('going')).length, waitlist: rsvps.filter(reaches('waitlist')).length, both: rsvps.filter(reaches('both')).length };
  return { event, counts };
}

export async function previewMeetupMessage(deps: MessagesDeps, id: string, caller: Caller, input: AttendeeMessageInput): Promise<Preview> {
  const { event } = await meetupAccess(deps, id, caller);
  const recipients = (await attendeesOf(deps, event, input.audience)).length;
  const status = input.audience === 'waitlist' ? 'waitlisted' : 'confirmed';
  const email = attendeeMessageEmail(event, deps.siteUrl, { name: PREVIEW_PERSON, email: '', status }, input, `${deps.siteUrl}/rsvp/${event.id}/${OWN_LINK}`, await replyToFor(deps, event));
  return { subject: email.subject, text: email.text, recipients, sendKey: newToken() };
}

export async function sendMeetupMessage(deps: MessagesDeps, id: string, caller: Caller, input: AttendeeMessageInput): Promise<Sent> {
  const { event, actor } = await meetupAccess(deps, id, caller);
  const recipients = (await attendeesOf(deps, event, input.audience)).length;
  if (!recipients) throw new AppError('conflict', 'no_recipients', `Nobody to send it to: there is nobody ${input.audience === 'waitlist' ? 'on the waitlist' : input.audience === 'going' ? 'with a place' : 'with a place or on the waitlist'} yet.`);
  const now = deps.clock.now();
  const network = await networkOf(deps, event);
  const broadcast: StoredBroadcast = {
    id: messageId(event.id, input.sendKey), kind: 'message-attendees', eventId: event.id, audience: input.audience,
    subject: input.subject, body: input.body, sentBy: { email: actor.email, ...(actor.name ? { name: actor.name } : {}) },
    ...(network ? { networkSlug: network.slug } : {}), createdAt: now.toISOString(), status: 'open',
  };
  const summary = `Emailed ${people(recipients)} (${AUDIENCE_LABELS[input.audience].toLowerCase()}) of “${event.title}”: “${input.subject}”`;
  const activity = (await meetupActivity(deps, [event], actor, 'messaged', now)).map((a) => ({ ...a, summary }));
  const claims = [claimFor(messageRules.perMeetup, event.id, now), ...(network ? [claimFor(messageRules.perNetwork, network.slug, now)] : [])];
  createdOrThrow(await deps.broadcasts.create(broadcast, { claims, activity }), {
    [messageRules.perMeetup.scope]: `A meetup can send only ${messageRules.perMeetup.limit} messages a day`,
    [messageRules.perNetwork.scope]: `${network?.name ?? 'A network'} and its meetups can send only ${messageRules.perNetwork.limit} messages a day in all`,
  });
  return { id: broadcast.id, recipients, queued: await fanOutNow(deps, broadcast, () => resumeAttendeeMessage(deps, broadcast)) };
}

/** Fans out in the request; cut short, the broadcast stays open and the sweep finishes it, so the answer is the same. */
async function fanOutNow(deps: MessagesDeps, broadcast: StoredBroadcast, run: () => Promise<FanOutResult>): Promise<number> {
  try {
    return (await run()).queued;
  } catch (error) {
    deps.logger.warn('message fan-out stopped; the sweep resumes it', { broadcast: broadcast.id, error: (error as Error).message });
    return 0;
  }
}

const messageOf = (b: StoredBroadcast): Message => ({ subject: b.subject ?? '', body: b.body ?? '' });

/** Everyone the message is for who has not had it, each with a fresh cancel link recorded as they are claimed. */
export async function resumeAttendeeMessage(deps: MessageSendDeps, broadcast: StoredBroadcast): Promise<FanOutResult> {
  const event = broadcast.eventId ? await deps.events.get(broadcast.eventId) : undefined;
  if (!event || event.hidden || event.status === 'draft') {
    await deps.broadcasts.finish(broadcast.id, 0, deps.clock.now());
    return { queued: 0, skipped: 0 };
  }
  const rsvps = await attendeesOf(deps, event, broadcast.audience ?? 'going');
  const byKey = new Map(rsvps.map((r) => [r.key, r]));
  const replyTo = await replyToFor(deps, event);
  // The cancel link's hash, made with each email just before its claim (fanOut calls emailOf, then claim, per person).
  const hashes = new Map<string, string>();
  const broadcasts: BroadcastStore = {
    ...deps.broadcasts,
    claim: (broadcastId, key, message, now) => deps.attendeeClaims.claim({ broadcastId, rsvp: byKey.get(key)!, cancelTokenHash: hashes.get(key)!, message, now }),
  };
  return fanOut({ ...deps, broadcasts }, broadcast, rsvps, {
    keyOf: (r) => r.key,
    addressOf: (r) => r.email,
    purpose: 'message-attendees',
    concurrency: deps.concurrency ?? 8,
    emailOf: (r) => {
      const token = newToken();
      hashes.set(r.key, hashSecret(token));
      return attendeeMessageEmail(event, deps.siteUrl, r, messageOf(broadcast), rsvpLinks(deps.siteUrl, event.id, r.key).cancel(token), replyTo);
    },
  });
}

// ---- A network's followers ----

async function networkAccess(deps: MessagesDeps, viewer: Viewer | undefined, slug: string) {
  // Organisers only: the same role that invites, edits the network and sees its activity.
  const access = await organiserAccess(deps, viewer, slug);
  if (!networkShown(access.network)) throw new AppError('conflict', 'network_not_public', 'Followers can be emailed once the network’s page is public.');
  return access;
}

/** The write page's view: the network, and how many follow it and how that grew (no addresses). */
export async function networkMessageStats(deps: MessagesDeps, viewer: Viewer | undefined, slug: string) {
  const { network } = await networkAccess(deps, viewer, slug);
  return { network, stats: await deps.followers.stats(slug, 12, deps.clock.now()) };
}

export async function previewNetworkMessage(deps: MessagesDeps, viewer: Viewer | undefined, slug: string, input: FollowerMessageInput): Promise<Preview> {
  const { network } = await networkAccess(deps, viewer, slug);
  const recipients = (await deps.followers.active(slug)).length;
  const email = followerPreview(network, input, deps.siteUrl, await deps.feedSecret());
  return { subject: email.subject, text: email.text, recipients, sendKey: newToken() };
}

/** A follower's email with a stand-in follower, its personal links shown as OWN_LINK. */
function followerPreview(network: StoredNetwork, message: Message, siteUrl: string, secret: Uint8Array) {
  const email = dressForFollower(followerMessageEmail(network, { name: PREVIEW_FOLLOWER, email: '' }, message), { siteUrl, secret, network, follower: { id: 'preview', mode: 'each' } });
  return { ...email, text: email.text.replace(/\S*\/follows\/[^/\s]+\/preview\S*/g, OWN_LINK) };
}

export async function sendNetworkMessage(deps: MessagesDeps, viewer: Viewer | undefined, slug: string, input: FollowerMessageInput): Promise<Sent> {
  const { network, me } = await networkAccess(deps, viewer, slug);
  const recipients = (await deps.followers.active(slug)).length;
  if (!recipients) throw new AppError('conflict', 'no_recipients', 'Nobody to send it to: the network has no followers yet.');
  const now = deps.clock.now();
  const broadcast: StoredBroadcast = {
    id: messageId(slug, input.sendKey), kind: 'message-followers', networkSlug: slug, subject: input.subject, body: input.body,
    sentBy: { email: me.email, name: me.name }, createdAt: now.toISOString(), status: 'open',
  };
  // networkAccess refused a signed-out caller.
  const activity: ActivityEntry[] = [activityEntry(deps, slug, viewer!, 'network.messaged', `Emailed the network’s ${recipients} ${recipients === 1 ? 'follower' : 'followers'}: “${input.subject}”`, me.name)];
  const claims = [claimFor(messageRules.followersPerNetwork, slug, now), claimFor(messageRules.perNetwork, slug, now)];
  createdOrThrow(await deps.broadcasts.create(broadcast, { claims, activity }), {
    [messageRules.followersPerNetwork.scope]: `A network can email its followers only ${messageRules.followersPerNetwork.limit} times a day`,
    [messageRules.perNetwork.scope]: `${network.name} and its meetups can send only ${messageRules.perNetwork.limit} messages a day in all`,
  });
  return { id: broadcast.id, recipients, queued: await fanOutNow(deps, broadcast, () => resumeFollowerMessage(deps, broadcast)) };
}

export async function resumeFollowerMessage(deps: MessageSendDeps, broadcast: StoredBroadcast): Promise<FanOutResult> {
  const network = broadcast.networkSlug ? await deps.networks.get(broadcast.networkSlug) : undefined;
  if (!networkShown(network)) {
    await deps.broadcasts.finish(broadcast.id, 0, deps.clock.now());
    return { queued: 0, skipped: 0 };
  }
  const followers = await deps.followers.active(network.slug);
  const secret = await deps.feedSecret();
  return fanOut(deps, broadcast, followers, {
    keyOf: (f) => f.id,
    addressOf: (f) => f.email,
    purpose: 'message-followers',
    concurrency: deps.concurrency ?? 8,
    emailOf: (f) => dressForFollower(followerMessageEmail(network, f, messageOf(broadcast)), { siteUrl: deps.siteUrl, secret, network, follower: f }),
  });
}

/** The sweep's resumers for the team's messages (apps/reminders adds them to the follows room's own). */
export const messageResumers = (deps: MessageSendDeps): Resumers => ({
  'message-attendees': (b) => resumeAttendeeMessage(deps, b),
  'message-followers': (b) => resumeFollowerMessage(deps, b),
});
