// RSVPs domain: the emails people and organisers get about RSVPs, in the meetup's shared email layout. No tracking;
// replies reach the organiser. Links carry tokens in the fragment; the .ics carries no personal link.
import { addToCalendarLinks, calendarEntry } from '#functions/events/calendar-links.ts';
import { meetupEmail } from '#functions/events/meetup-email.ts';
import type { Block } from '#functions/mail/layout.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';

type Person = { name: string; email: string };
/** A person's own calendar feed: the address calendar apps subscribe to, and the page that explains it. */
export type FeedLinks = { feedUrl: string; pageUrl: string };

export function rsvpLinks(siteUrl: string, eventId: string, key: string) {
  return {
    confirm: (token: string) => `${siteUrl}/rsvp/${eventId}/${key}#token=${token}`,
    cancel: (token: string) => `${siteUrl}/rsvp/${eventId}/${key}/cancel#token=${token}`,
  };
}

function feedBlocks(feed: FeedLinks | undefined): Block[] {
  if (!feed) return [];
  return [
    { text: 'Every Signpost meetup you are going to, in your calendar and kept up to date as organisers change them:' },
    { link: feed.pageUrl, label: 'Subscribe to your Signpost calendar' },
    { text: `Or subscribe your calendar app to this address (keep it to yourself): ${feed.feedUrl}` },
  ];
}

export function confirmPlaceEmail(event: StoredEvent, siteUrl: string, to: Person, confirmUrl: string): OutgoingEmail {
  return meetupEmail(event, siteUrl, to, `Confirm your place: ${event.title}`, [
    { text: 'You (or someone using this address) asked for a place at this free meetup. To confirm it, open this link and press "Confirm my place":' },
    { link: confirmUrl, label: 'Confirm my place' },
    { text: 'If you did not ask, ignore this email: nothing happens without the confirmation.' },
  ]);
}

export function confirmedEmail(event: StoredEvent, siteUrl: string, to: Person, cancelUrl: string, feed?: FeedLinks): OutgoingEmail {
  const add = addToCalendarLinks(event, siteUrl);
  return meetupEmail(event, siteUrl, to, `You're in: ${event.title}`, [
    { text: "You have a place. The calendar file attached adds it to your calendar, or use one of these:" },
    { link: add.google, label: 'Add to Google Calendar' },
    { link: add.outlook, label: 'Add to Outlook' },
    ...(event.accessibility ? [{ text: `Accessibility: ${event.accessibility}` }] : []),
    { text: "Can't come any more? Please free your place for someone on the waitlist:" },
    { link: cancelUrl, label: 'Free my place' },
    ...feedBlocks(feed),
  ], { calendar: calendarEntry(event, siteUrl) });
}

export function waitlistedEmail(event: StoredEvent, siteUrl: string, to: Person, leaveUrl: string, feed?: FeedLinks): OutgoingEmail {
  return meetupEmail(event, siteUrl, to, `You're on the waitlist: ${event.title}`, [
    { text: 'The meetup is full, so you are on the waitlist. If a place frees up, it goes to the first person in line and we email you straight away.' },
    { text: 'Changed your mind? Leave the waitlist:' },
    { link: leaveUrl, label: 'Leave the waitlist' },
    ...feedBlocks(feed),
  ]);
}

export function promotedEmail(event: StoredEvent, siteUrl: string, to: Person, cancelUrl: string, feed?: FeedLinks): OutgoingEmail {
  const add = addToCalendarLinks(event, siteUrl);
  return meetupEmail(event, siteUrl, to, `A place freed up — you're in: ${event.title}`, [
    { text: 'Good news: a place freed up and it is yours. The calendar file attached adds it to your calendar, or use one of these:' },
    { link: add.google, label: 'Add to Google Calendar' },
    { link: add.outlook, label: 'Add to Outlook' },
    { text: "Can't come after all? Please free the place for the next person:" },
    { link: cancelUrl, label: 'Free my place' },
    ...feedBlocks(feed),
  ], { calendar: calendarEntry(event, siteUrl) });
}

export function organiserNoticeEmail(event: StoredEvent, siteUrl: string, attendee: Person & { note?: string | undefined }, status: 'confirmed' | 'waitlisted'): OutgoingEmail {
  return {
    ...meetupEmail(event, siteUrl, { name: event.organiserName, email: event.organiserEmail }, `New RSVP (${status}): ${event.title}`, [
      { text: `${attendee.name} <${attendee.email}> is ${status === 'confirmed' ? 'coming' : 'on the waitlist'}.${attendee.note ? `\nTheir note: ${attendee.note}` : ''}` },
      { text: 'You can turn these emails off on your manage page.' },
    ]),
    replyTo: attendee.email,
  };
}
