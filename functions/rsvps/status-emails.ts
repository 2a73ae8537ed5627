// RSVPs domain: the emails about where someone stands — asked again while holding a place ("You already have a
// place"), removed by the organiser, and the organiser's notice of a cancellation. In the meetup's shared layout;
// links carry their tokens in the fragment.
import { calendarEntry, joiningLink, shortCalendarLinks } from '#functions/events/calendar-links.ts';
import { freePlaceLead, meetupEmail } from '#functions/events/meetup-email.ts';
import type { Block } from '#functions/mail/layout.ts';
import { doorQr, type FeedLinks } from './emails.ts';
import type { CountsAfter } from './rsvps.repository.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';

type Person = { name: string; email: string };

const NOTHING_TO_CONFIRM = 'You asked for a place at this meetup again, so here are your links.';

function feedBlocks(feed: FeedLinks | undefined): Block[] {
  if (!feed) return [];
  return [
    { text: 'Every Signpost meetup you are going to, in your calendar and kept up to date as organisers change them:' },
    { link: feed.pageUrl, label: 'Subscribe to your Signpost calendar' },
  ];
}

/** To someone who asked again while holding a place, or a place in line: their links, not a second confirm link. */
export function alreadyBookedEmail(
  event: StoredEvent, siteUrl: string, to: Person & { key?: string },
  links: { status: 'confirmed' | 'waitlisted'; cancelUrl: string; feed?: FeedLinks | undefined; waitlistPosition?: number | undefined },
): OutgoingEmail {
  if (links.status === 'waitlisted') {
    const where = links.waitlistPosition ? ` You are number ${links.waitlistPosition} in line.` : '';
    return meetupEmail(event, siteUrl, to, `You're already on the waitlist for ${event.title}`, [
      { text: `${NOTHING_TO_CONFIRM} You are already on the waitlist, so there is nothing to confirm.${where} If a place frees up, it goes to the first person in line and we email you straight away.` },
      { text: 'Changed your mind? Leave the waitlist:' },
      // The leave link tells the page to speak of the waitlist rather than a place.
      { link: `${links.cancelUrl}&waitlist=1`, label: 'Leave the waitlist' },
      ...feedBlocks(links.feed),
    ]);
  }
  const join = joiningLink(event, 'place');
  const add = shortCalendarLinks(event, siteUrl);
  const door = doorQr(event, siteUrl, to.key);
  return meetupEmail(event, siteUrl, to, `You already have a place at ${event.title}`, [
    { text: `${NOTHING_TO_CONFIRM} You already have a place, so there is nothing to confirm.` },
    ...(join ? [{ lead: 'The joining link, for people with a place (please keep it to yourself):', link: join, label: 'Join the meetup online' }] : []),
    { text: 'The calendar file attached adds it to your calendar, or use one of these:' },
    { link: add.google, label: 'Add to Google Calendar' },
    { link: add.outlook, label: 'Add to Outlook' },
    ...door.blocks,
    { text: `Can't come any more? ${freePlaceLead(event)}` },
    { link: links.cancelUrl, label: 'Free my place' },
    ...feedBlocks(links.feed),
    { text: 'To change your note to the organiser, reply to this email.' },
  ], { calendar: calendarEntry(event, siteUrl, { audience: 'place' }), ...(door.inlineImages.length ? { inlineImages: door.inlineImages } : {}) });
}

/** To the person the organiser removed, with the organiser's message if they wrote one. Replies reach the organiser. */
export function removedEmail(event: StoredEvent, siteUrl: string, to: Person, from: 'pending' | 'confirmed' | 'waitlisted', message?: string): OutgoingEmail {
  const had = from === 'waitlisted' ? 'your place on the waitlist has gone' : 'you no longer have a place';
  return meetupEmail(event, siteUrl, to, `The organiser has removed you from ${event.title}`, [
    { text: `The organiser has removed you from this meetup, so ${had}.` },
    ...(message ? [{ text: `Their message:\n${message}` }] : []),
    { text: 'If you think this is a mistake, reply to this email: it goes to the organiser.' },
  ]);
}

/** To someone the organiser removed who asks for a place again. */
export function removedAskedAgainEmail(event: StoredEvent, siteUrl: string, to: Person): OutgoingEmail {
  return meetupEmail(event, siteUrl, to, `You cannot reserve a place at ${event.title}`, [
    { text: 'You asked for a place at this meetup, but the organiser has removed you from it, so you cannot reserve a place again.' },
    { text: 'If you think this is a mistake, reply to this email: it goes to the organiser.' },
  ]);
}

/** "12 of 20 places taken, 3 on the waitlist", or "12 people coming" without a limit. */
export function countsText(event: Pick<StoredEvent, 'capacity'>, after: CountsAfter): string {
  const taken = event.capacity !== undefined
    ? `${after.confirmedCount} of ${event.capacity} ${event.capacity === 1 ? 'place' : 'places'} taken`
    : `${after.confirmedCount} ${after.confirmedCount === 1 ? 'person' : 'people'} coming`;
  return after.waitlistCount > 0 ? `${taken}, ${after.waitlistCount} on the waitlist` : taken;
}

/**
 * To the organiser who asked to hear of cancellations: who left, and the counts after. Never the access-needs note.
 * A deletion names the person only: they asked for their details to go.
 */
export function cancelNoticeEmail(
  event: StoredEvent, siteUrl: string, attendee: Person,
  change: { from: 'confirmed' | 'waitlisted'; promoted: boolean; after: CountsAfter; deleted?: boolean },
): OutgoingEmail {
  const who = change.deleted ? attendee.name : `${attendee.name} <${attendee.email}>`;
  const what = change.from === 'waitlisted' ? 'left the waitlist' : 'cancelled their place';
  const email = meetupEmail(event, siteUrl, { name: event.organiserName, email: event.organiserEmail }, `${change.from === 'waitlisted' ? 'Left the waitlist' : 'Place freed'}: ${event.title}`, [
    { text: `${who} ${what}${change.deleted ? ' and deleted their RSVP' : ''}.${change.promoted ? ' The place went to the first person on the waitlist, who has been emailed.' : ''}` },
    { text: `Now: ${countsText(event, change.after)}.` },
    { text: 'You can turn these emails off on your manage page.' },
  ]);
  // Replies to a cancellation reach the attendee; to a deletion, nobody (the organiser would be writing to themselves).
  const { replyTo: _organiser, ...rest } = email;
  return change.deleted ? rest : { ...rest, replyTo: attendee.email };
}
