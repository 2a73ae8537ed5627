// Test support: every email Signpost writes about a meetup, built by the real builders for in-person, online and
// hybrid meetups with long titles, venues and URLs. The unit tests read their words and links; the e2e test renders
// their HTML at phone width.
import type { StoredEvent } from '#functions/core/event.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import type { Format } from '#functions/core/formats.ts';
import { confirmPlaceEmail, confirmedEmail, organiserNoticeEmail, promotedEmail, waitlistedEmail } from '#functions/rsvps/emails.ts';
import { cancelledEmail, reminderEmail, updatedEmail, waitlistStandingEmail } from '#functions/reminders/emails.ts';
import { confirmListingEmail, organiserLinks } from '#functions/events/emails.ts';
import { changesSince, snapshot } from '#functions/events/change-notice.ts';
import { signInEmail, signInLink } from '#functions/auth/emails.ts';
import { approvalNeededEmail, invitationEmail, invitationUrl } from '#functions/networks/emails.ts';
import { meetupModerationEmail, networkModerationEmail } from '#functions/moderation/emails.ts';
import type { StoredNetwork } from '#functions/core/network.ts';
import { announcementEmail, digestEmail } from '#functions/follows/announcement-emails.ts';
import { dressForFollower } from '#functions/follows/follower-email.ts';
import { followAlreadyEmail, followConfirmEmail, followConfirmUrl } from '#functions/follows/emails.ts';
import { placeBackEmail, releasedEmail, stillComingEmail, stillComingLinks } from '#functions/attendance/still-coming-emails.ts';
import { recordEmail } from '#functions/cpd/emails.ts';
import { recordFor } from '#functions/cpd/records.ts';

export const SITE = 'https://events.example.org';
export const JOIN_URL = 'https://meet.example.org/j/81234567890?pwd=aVeryLongPasswordStringThatKeepsGoingAndGoing0123456789abcdefghij';
const TOKEN = 'A'.repeat(43);
const FEED = {
  feedUrl: `${SITE}/calendar/me/${'0123456789abcdef01234567'}${'B'.repeat(43)}.ics`,
  pageUrl: `${SITE}/my-calendar#token=${'0123456789abcdef01234567'}${'B'.repeat(43)}`,
};
const cancelUrl = `${SITE}/rsvp/evt123/k${'c'.repeat(20)}/cancel#token=${TOKEN}`;
const off = {
  remindersOffPage: `${SITE}/reminders-off/evt123/k${'c'.repeat(20)}#token=${TOKEN}`,
  remindersOffOneClick: `${SITE}/api/events/evt123/rsvps/k${'c'.repeat(20)}/reminders-off?token=${TOKEN}`,
};

export function sampleEvent(format: Format, over: Partial<StoredEvent> = {}): StoredEvent {
  return {
    id: 'evt123', slug: 'cataloguing-cafe', version: 3,
    title: 'Cataloguing café and metadata surgery for new professionals in libraries, archives and museums',
    description: 'Bring your records.',
    startLocal: '2026-12-03T12:30', endLocal: '2026-12-03T13:30', timezone: 'Europe/London',
    startUtc: '2026-12-03T12:30:00.000Z', endUtc: '2026-12-03T13:30:00.000Z',
    format,
    ...(format === 'online' ? {} : { venue: "Central Library, Room 2 (the Wolfson Reading Room)\nSt Peter's Square, Manchester M2 5PD" }),
    ...(format === 'in_person' ? {} : { onlineUrl: JOIN_URL }),
    capacity: 20, confirmedCount: 3, waitlistCount: 2,
    organiserName: 'Aoife Organiser', organiserEmail: 'aoife@example.org', network: 'Manchester NLPN', tags: ['cpd'],
    accessibility: 'Step-free access from the Mount Street entrance; a hearing loop in Room 2.',
    status: 'published', manageTokenHash: 'h', manageTokenExpiresAt: 2_000_000_000,
    createdAt: '2026-11-01T09:00:00.000Z', updatedAt: '2026-11-02T09:00:00.000Z', publishedAt: '2026-11-01T09:05:00.000Z',
    ...over,
  } as StoredEvent;
}

// With an RSVP key, so the emails to someone with a place carry the door QR code.
const person = { name: 'Siân Attendee', email: 'sian@example.org', key: `k${'c'.repeat(20)}` };
const SWEEP_DAY = new Date('2026-12-02T12:31:00.000Z');
const SWEEP_SOON = new Date('2026-12-03T11:31:00.000Z');

export interface Sample {
  name: string;
  email: OutgoingEmail;
  /** Whether this person may be sent a private joining link. */
  hasPlace: boolean;
  event: StoredEvent;
}

/** Every builder, for one meetup. */
export function samplesFor(event: StoredEvent): Sample[] {
  const moved = { ...event, startUtc: '2026-12-03T14:00:00.000Z', endUtc: '2026-12-03T15:00:00.000Z', onlineUrl: event.onlineUrl && `${JOIN_URL}-new`, venue: event.venue && 'Room 3, Central Library', version: 4 };
  const changes = changesSince(snapshot(event), moved);
  const cancelled = { ...event, status: 'cancelled' as const };
  const s = (name: string, email: OutgoingEmail, hasPlace: boolean, e = event): Sample => ({ name: `${name} (${event.format})`, email, hasPlace, event: e });
  return [
    s('listing confirmation', confirmListingEmail(event, organiserLinks(SITE, event, TOKEN)), false),
    s('confirm your place', confirmPlaceEmail(event, SITE, person, `${SITE}/rsvp/evt123/k${'c'.repeat(20)}#token=${TOKEN}`), false),
    s('confirm to join the waitlist', confirmPlaceEmail({ ...event, confirmedCount: 20 }, SITE, person, `${SITE}/rsvp/evt123/k#token=${TOKEN}`), false),
    s("you're in", confirmedEmail(event, SITE, person, cancelUrl, FEED), true),
    s('waitlisted', waitlistedEmail(event, SITE, { ...person, status: 'pending' }, `${cancelUrl}&waitlist=1`, FEED), false),
    s('promoted', promotedEmail(event, SITE, person, cancelUrl, FEED), true),
    s('organiser notice', organiserNoticeEmail(event, SITE, { ...person, note: 'I use a wheelchair and will need the step-free entrance, please.' }, 'confirmed'), false),
    s('reminder, day before', reminderEmail(event, SITE, person, 'day', { ...off, cancel: cancelUrl }, SWEEP_DAY), true),
    s('reminder, starting soon', reminderEmail(event, SITE, person, 'soon', { ...off, cancel: cancelUrl }, SWEEP_SOON), true),
    s('waitlist standing', waitlistStandingEmail(event, SITE, person, 3, off), false),
    s('change notice, confirmed', updatedEmail(moved, SITE, { ...person, status: 'confirmed' }, changes, cancelUrl), true, moved),
    s('change notice, waitlisted', updatedEmail(moved, SITE, { ...person, status: 'waitlisted' }, changes, cancelUrl), false, moved),
    s('cancellation, confirmed', cancelledEmail(cancelled, SITE, { ...person, status: 'confirmed' }), false, cancelled),
    s('cancellation, waitlisted', cancelledEmail(cancelled, SITE, { ...person, status: 'waitlisted' }), false, cancelled),
    s('still coming?', stillComingEmail(event, SITE, person, stillComingLinks(SITE, event.id, `k${'c'.repeat(20)}`, TOKEN)), false),
    s('still coming?, with a deadline', stillComingEmail(event, SITE, person, stillComingLinks(SITE, event.id, `k${'c'.repeat(20)}`, TOKEN), new Date('2026-12-02T12:30:00.000Z')), false),
    s('place released', releasedEmail(event, SITE, person, stillComingLinks(SITE, event.id, `k${'c'.repeat(20)}`, TOKEN).back), false),
    s('place back', placeBackEmail(event, SITE, person, cancelUrl), true),
    s('record of attendance', recordEmail(event, SITE, person, sampleRecord(event), { verifyUrl: `${SITE}/records/${'r'.repeat(26)}#${TOKEN}` }), false),
  ];
}

/** A record of attendance for the meetup, with CPD details long enough to wrap. */
function sampleRecord(event: StoredEvent) {
  const withCpd: StoredEvent = {
    ...event,
    cpd: {
      quarters: 7, format: 'workshop', areas: ['organising-knowledge', 'customer-focus'],
      outcomes: ['Write a MARC 21 record for a multi-part item, with its 490 and 830 series statements', 'Explain linked data to a colleague in two minutes'],
    },
  };
  const team = [{ slug: 'manchester-nlpn', personId: 'p'.repeat(24), email: 'bea@example.org', name: 'Bea Organiser', role: 'organiser' as const, showName: true, joinedAt: '2026-11-01T09:00:00.000Z' }];
  return { ...recordFor(withCpd, { ...person, status: 'confirmed' }, { name: 'Manchester NLPN', slug: 'manchester-nlpn', accent: '#1d6b54', team }, new Date('2026-12-03T15:00:00.000Z')), id: 'r'.repeat(26) };
}

export const allSamples = (): Sample[] => (['in_person', 'online', 'hybrid'] as const).flatMap((f) => samplesFor(sampleEvent(f)));

const sampleNetwork: StoredNetwork = {
  slug: 'manchester-nlpn', name: 'Manchester New Library Professionals Network (NLPN) and friends', tagline: 'New library and information professionals',
  description: '', accent: '#1d6b54', where: { kind: 'place', place: 'Manchester' }, links: {}, contactEmail: 'team@example.org', topics: [],
  status: 'pending', createdAt: '2026-11-01T09:00:00.000Z', updatedAt: '2026-11-01T09:00:00.000Z', createdBy: 'aoife@example.org', version: 1,
};

/** The emails about a person's account, a team and moderation (no meetup's header): built by the real builders. */
export function accountSamples(): { name: string; email: OutgoingEmail }[] {
  const to = { name: 'Aoife', email: 'aoife@example.org' };
  const invitation = { slug: sampleNetwork.slug, id: `${sampleNetwork.slug}.abcdefghijklmnop`, email: 'bea@example.org', role: 'organiser' as const, invitedBy: 'Aoife', tokenHash: 'h', createdAt: sampleNetwork.createdAt, expiresAt: 2_000_000_000 };
  const reason = 'It looks like an advert for a paid course, which Signpost does not list.';
  return [
    { name: 'sign-in', email: signInEmail('aoife@example.org', signInLink(SITE, `${'A'.repeat(22)}.${'B'.repeat(43)}`), '123456') },
    { name: 'team invitation', email: invitationEmail(sampleNetwork, invitation, 'Aoife Organiser', invitationUrl(SITE, invitation, TOKEN)) },
    { name: 'network waiting for approval', email: approvalNeededEmail(sampleNetwork, 'operator@example.org', SITE) },
    { name: 'meetup hidden', email: meetupModerationEmail('hidden', sampleEvent('hybrid'), to, reason, SITE, 'operator@example.org') },
    { name: 'network hidden', email: networkModerationEmail('hidden', sampleNetwork, to, reason, SITE, 'operator@example.org') },
    { name: 'network approved', email: networkModerationEmail('approved', sampleNetwork, to, undefined, SITE, 'operator@example.org') },
    ...followerSamples(),
  ];
}

/** A network's emails to its followers, dressed as the sweep sends them (unsubscribe headers, List-Id, footer). */
export function followerSamples(): { name: string; email: OutgoingEmail }[] {
  const follower = { id: 'p'.repeat(24), email: 'sian@example.org', name: 'Siân', timezone: 'Australia/Sydney', mode: 'each' as const };
  const dress = (email: OutgoingEmail, mode: 'each' | 'digest' = 'each') =>
    dressForFollower(email, { siteUrl: SITE, secret: new Uint8Array(32).fill(7), network: sampleNetwork, follower: { ...follower, mode } });
  const occurrences = [0, 1, 2].map((index) =>
    sampleEvent('online', {
      id: `evt${index}`, series: { id: 'ser123', repeat: 'monthly', index, count: 3 },
      startUtc: `2027-0${index + 1}-05T12:30:00.000Z`, endUtc: `2027-0${index + 1}-05T13:30:00.000Z`,
    }),
  );
  const settings = `${SITE}/follows/${sampleNetwork.slug}/${follower.id}?token=${TOKEN}`;
  return [
    { name: 'follow confirmation', email: followConfirmEmail(sampleNetwork, follower, followConfirmUrl(SITE, sampleNetwork.slug, follower.id, TOKEN)) },
    { name: 'already following', email: followAlreadyEmail(sampleNetwork, follower, settings) },
    { name: 'announcement, one meetup', email: dress(announcementEmail(sampleNetwork, [sampleEvent('hybrid')], follower, SITE)) },
    { name: 'announcement, a series and a meetup', email: dress(announcementEmail(sampleNetwork, [...occurrences, sampleEvent('in_person')], follower, SITE)) },
    { name: 'weekly digest', email: dress(digestEmail(sampleNetwork, { fresh: occurrences, coming: [sampleEvent('in_person')] }, follower, SITE), 'digest') },
  ];
}
