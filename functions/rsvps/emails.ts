// RSVPs domain: the emails people and organisers get about RSVPs, in the meetup's shared email layout. No tracking;
// replies reach the organiser. Links carry tokens in the fragment; the .ics carries no personal link. The joining link
// goes only to people with a confirmed place (or to anyone, when the organiser made it public). The door QR code
// carries only the RSVP's key (core/paths.ts checkInQrUrl), never a token; the mailer draws it.
import { calendarEntry } from '#functions/events/calendar-links.ts';
import { addToCalendarBlocks, freePlaceLead, gettingThereBlocks, joinBlocks, meetupEmail } from '#functions/events/meetup-email.ts';
import type { Block } from '#functions/mail/layout.ts';
import type { InlineImage, OutgoingEmail } from '#functions/core/email.ts';
import { CHECK_IN_QR, checkInQrUrl } from '#functions/core/paths.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { RsvpStatus } from '#functions/core/rsvp.ts';

type Person = { name: string; email: string };
/** Someone with a place. With their RSVP's key, an in-person or hybrid meetup's email carries the door QR code. */
type PlaceHolder = Person & { key?: string };
/** A person's own calendar feed: the address calendar apps subscribe to, and the page that explains it. */
export type FeedLinks = { feedUrl: string; pageUrl: string };

export function rsvpLinks(siteUrl: string, eventId: string, key: string) {
  return {
    confirm: (token: string) => `${siteUrl}/rsvp/${eventId}/${key}#token=${token}`,
    cancel: (token: string) => `${siteUrl}/rsvp/${eventId}/${key}/cancel#token=${token}`,
  };
}

/** The person's own feed. `waiting`: said to someone on a waitlist, who has no place yet. */
export function feedBlocks(feed: FeedLinks | undefined, waiting = false): Block[] {
  if (!feed) return [];
  return [
    { heading: 'Your Signpost calendar' },
    {
      text: waiting
        ? 'Every Signpost meetup you have a place at or are waiting for, in your calendar and kept up to date as organisers change them:'
        : 'Every Signpost meetup you have a place at, in your calendar and kept up to date as organisers change them:',
    },
    { link: feed.pageUrl, label: 'Subscribe to your Signpost calendar' },
    { text: `Or subscribe your calendar app to this address (keep it to yourself):\n${feed.feedUrl}` },
  ];
}

const isFull = (e: StoredEvent) => e.capacity !== undefined && (e.confirmedCount ?? 0) >= e.capacity;

export function confirmPlaceEmail(event: StoredEvent, siteUrl: string, to: Person, confirmUrl: string): OutgoingEmail {
  if (isFull(event)) {
    return meetupEmail(event, siteUrl, to, `Confirm to join the waitlist: ${event.title}`, [
      { text: 'You (or someone using this address) asked for a place at this free meetup. It is full at the moment, so confirming puts you on the waitlist: if a place frees up, it goes to the first person in line.' },
      { lead: 'To join the waitlist, open this link and press the button on the page:', link: confirmUrl, label: 'Join the waitlist', textLabel: 'Join the waitlist', primary: true },
      { text: 'If you did not ask, ignore this email: nothing happens without the confirmation.' },
    ]);
  }
  return meetupEmail(event, siteUrl, to, `Confirm your place: ${event.title}`, [
    { text: 'You (or someone using this address) asked for a place at this free meetup.' },
    { lead: 'To confirm it, open this link and press the button on the page:', link: confirmUrl, label: 'Confirm my place', textLabel: 'Confirm my place', primary: true },
    { text: 'If you did not ask, ignore this email: nothing happens without the confirmation.' },
  ]);
}

/** The door QR code's Content-ID, alt text and size in px (the RSVP page shows the same code). */
export const DOOR_QR = { cid: 'door-qr@signpost', alt: 'QR code to check you in at the door', size: 180 } as const;

/**
 * "At the door": the QR code a helper's phone scans into the check-in page, as an inline image (HTML only: the text
 * part says to show the email or give a name). Only for a meetup with a door (not online-only) that is on, and only
 * with the RSVP's key.
 */
export function doorQr(event: StoredEvent, siteUrl: string, key: string | undefined): { blocks: Block[]; inlineImages: InlineImage[] } {
  if (event.format === 'online' || event.status === 'cancelled' || !key || !CHECK_IN_QR.eventId.test(event.id) || !CHECK_IN_QR.key.test(key)) {
    return { blocks: [], inlineImages: [] };
  }
  // The mailer draws it (mail/qr-image.ts): this function's bundle carries no QR library.
  return {
    blocks: [
      { heading: 'At the door' },
      { image: DOOR_QR.cid, alt: DOOR_QR.alt, width: DOOR_QR.size, height: DOOR_QR.size },
      { text: 'Show this email at the door, or give your name.' },
    ],
    inlineImages: [{ cid: DOOR_QR.cid, filename: 'check-in-qr.gif', qrCode: { text: checkInQrUrl(siteUrl, event.id, key), size: DOOR_QR.size } }],
  };
}

/** What someone with a place is sent: how to join or get there, their calendar, and how to free the place. */
function placeBlocks(event: StoredEvent, siteUrl: string, cancelUrl: string, feed: FeedLinks | undefined, freeText: string, door: Block[]): Block[] {
  return [
    ...joinBlocks(event, 'place'),
    ...gettingThereBlocks(event),
    ...door,
    ...addToCalendarBlocks(event, siteUrl),
    { heading: "Can't come?" },
    { lead: freeText, link: cancelUrl, label: 'Free my place', textLabel: 'Free my place' },
    ...feedBlocks(feed),
  ];
}

/** What the emails to someone with a place attach: the calendar file, and the door QR code's image when there is one. */
const placeAttachments = (event: StoredEvent, siteUrl: string, inlineImages: InlineImage[]): Partial<OutgoingEmail> => ({
  calendar: calendarEntry(event, siteUrl, { audience: 'place' }),
  ...(inlineImages.length ? { inlineImages } : {}),
});

export function confirmedEmail(event: StoredEvent, siteUrl: string, to: PlaceHolder, cancelUrl: string, feed?: FeedLinks): OutgoingEmail {
  const door = doorQr(event, siteUrl, to.key);
  return meetupEmail(event, siteUrl, to, `You're in: ${event.title}`, [
    { text: 'You have a place at this free meetup.' },
    ...placeBlocks(event, siteUrl, cancelUrl, feed, freePlaceLead(event), door.blocks),
  ], placeAttachments(event, siteUrl, door.inlineImages), { preheader: 'You have a place.' });
}

/**
 * Where a person joining the waitlist will stand: after everyone already on it, as the event was read just before
 * they joined. Undefined for someone already waiting (asking again), whose place in line this cannot tell.
 */
export const joiningPosition = (event: StoredEvent, to: { status?: RsvpStatus }) =>
  to.status === 'waitlisted' ? undefined : (event.waitlistCount ?? 0) + 1;

export function waitlistedEmail(
  event: StoredEvent, siteUrl: string, to: Person & { status?: RsvpStatus }, leaveUrl: string, feed?: FeedLinks, position = joiningPosition(event, to),
): OutgoingEmail {
  const where = position ? `You're number ${position} on the waitlist` : "You're on the waitlist";
  return meetupEmail(event, siteUrl, to, `${where}: ${event.title}`, [
    { text: `The meetup is full. ${where}.` },
    { text: 'If a place frees up, it goes to the first person in line, and we email you straight away.' },
    ...(event.onlineUrl && !event.onlineUrlPublic ? [{ text: 'The joining link comes with that email: it goes only to people with a place.' }] : []),
    { heading: 'Changed your mind?' },
    { lead: 'Leave the waitlist, so the next person moves up:', link: leaveUrl, label: 'Leave the waitlist', textLabel: 'Leave the waitlist' },
    ...feedBlocks(feed, true),
  ], {}, { preheader: `${where}.` });
}

export function promotedEmail(event: StoredEvent, siteUrl: string, to: PlaceHolder, cancelUrl: string, feed?: FeedLinks): OutgoingEmail {
  const door = doorQr(event, siteUrl, to.key);
  return meetupEmail(event, siteUrl, to, `A place freed up — you're in: ${event.title}`, [
    { text: 'Good news: a place freed up and it is yours. You have a place at this free meetup.' },
    ...placeBlocks(event, siteUrl, cancelUrl, feed, "Can't come after all? Please free the place for the next person:", door.blocks),
  ], placeAttachments(event, siteUrl, door.inlineImages), { preheader: 'A place freed up, and it is yours.' });
}

export function organiserNoticeEmail(event: StoredEvent, siteUrl: string, attendee: Person & { note?: string | undefined }, status: 'confirmed' | 'waitlisted'): OutgoingEmail {
  return meetupEmail(event, siteUrl, { name: event.organiserName, email: event.organiserEmail }, `New RSVP (${status}): ${event.title}`, [
    { text: `${attendee.name} <${attendee.email}> ${status === 'confirmed' ? 'has a place' : 'is on the waitlist'}.` },
    ...(attendee.note ? [{ fact: 'Their note', value: attendee.note }] : []),
    { text: 'Reply to this email to reach them. You can turn these emails off on your manage page.' },
  ], { replyTo: attendee.email }, { forOrganiser: true });
}
