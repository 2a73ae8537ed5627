// Reminders domain: the reminder, "where you stand" and change notice emails, in the meetup email layout. A reminder
// says when in its subject, carries the .ics, how to join or get there, a cancel link and a one-click unsubscribe
// (RFC 8058) that keeps the place. The joining link goes only to people with a confirmed place.
import { calendarEntry, joiningLink } from '#functions/events/calendar-links.ts';
import { freePlaceLead, gettingThereBlocks, joinBlocks, meetupEmail } from '#functions/events/meetup-email.ts';
import type { Block } from '#functions/mail/layout.ts';
import { reminderSubject, startsWhen, type ReminderKind } from './reminder.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { RsvpStatus } from '#functions/core/rsvp.ts';
import { changesFor, type Change } from '#functions/events/change-notice.ts';

type Person = { name: string; email: string };
export interface ReminderLinks {
  cancel: string;
  /** The page with a button, for people. */
  remindersOffPage: string;
  /** The List-Unsubscribe URL, for mail clients (POST, one click). */
  remindersOffOneClick: string;
}

/**
 * A reminder to someone with a place. `now` is the sweep's time, for a subject that says when ("Tomorrow, 12:30: …",
 * "Starting in 1 hour: …"); without it the subject names the day.
 */
export function reminderEmail(event: StoredEvent, siteUrl: string, to: Person, kind: ReminderKind, links: ReminderLinks, now?: Date): OutgoingEmail {
  const when = startsWhen(event, now);
  const opening = kind === 'soon' || when.startsWith('Starting')
    ? 'Your meetup starts soon.'
    : 'A reminder: you have a place at this free meetup.';
  return meetupEmail(event, siteUrl, to, reminderSubject(event, now), [
    { text: opening },
    ...joinBlocks(event, 'place'),
    ...gettingThereBlocks(event),
    ...(kind === 'day' ? [{ text: 'The calendar file attached has the latest details.' }] : []),
    { heading: "Can't make it?" },
    { lead: freePlaceLead(event), link: links.cancel, label: 'Free my place', textLabel: 'Free my place' },
    { lead: 'Rather not get reminders for this meetup? You keep your place:', link: links.remindersOffPage, label: 'No more reminders for this meetup', textLabel: 'No more reminders' },
  ], { calendar: calendarEntry(event, siteUrl, { audience: 'place' }), listUnsubscribe: links.remindersOffOneClick }, { preheader: `${when}. ${opening}` });
}

export function waitlistStandingEmail(event: StoredEvent, siteUrl: string, to: Person, position: number, links: Pick<ReminderLinks, 'remindersOffPage' | 'remindersOffOneClick'>): OutgoingEmail {
  const standing = `You're number ${position} on the waitlist`;
  return meetupEmail(event, siteUrl, to, `Still on the waitlist: ${event.title}`, [
    { text: `The meetup is coming up and it is still full. ${standing}.` },
    { text: 'If a place frees up, it goes to the first person in line, and we email you straight away.' },
    { lead: 'Rather not hear about this meetup any more? You keep your place in line:', link: links.remindersOffPage, label: 'No more reminders for this meetup', textLabel: 'No more reminders' },
  ], { listUnsubscribe: links.remindersOffOneClick }, { preheader: `${standing}.` });
}

/** Each change as a person would write it: "New time: …", with what it was. */
function changeBlocks(event: StoredEvent, changes: Change[]): Block[] {
  return changes.flatMap((c): Block[] => {
    if (c.what === 'When') return [{ fact: 'New time', value: c.after, was: c.before }];
    if (c.what === 'Where') return [{ fact: 'New place', value: c.after, was: c.before }];
    const link = joiningLink(event, 'place');
    return link
      ? [{ lead: 'New joining link:', link, label: 'Join the meetup online', primary: true }, { text: 'The link is for people with a place: please keep it to yourself.' }]
      : [{ text: 'The meetup no longer has a joining link.' }];
  });
}

/**
 * A change notice. The joining link, and news of it, go only to people with a confirmed place; `to.status` says which
 * (a waitlisted person hears of the new time or place, and nothing of the link). Someone without a status is treated
 * as waitlisted, so a link is never sent by mistake.
 */
export function updatedEmail(event: StoredEvent, siteUrl: string, to: Person & { status?: RsvpStatus }, changes: Change[], cancelUrl: string): OutgoingEmail {
  const hasPlace = to.status === 'confirmed';
  const shown = changesFor(changes, hasPlace ? 'confirmed' : 'waitlisted');
  const blocks: Block[] = [
    { text: shown.length === 1 ? 'The organiser changed this meetup:' : 'The organiser changed this meetup. What is new:' },
    ...changeBlocks(event, shown),
  ];
  if (hasPlace) {
    return meetupEmail(event, siteUrl, to, `Changed: ${event.title}`, [
      ...blocks,
      { text: 'The calendar file attached updates the meetup in your calendar.' },
      // A new link is already above, among the changes.
      ...(shown.some((c) => c.what === 'Joining link') ? [] : joinBlocks(event, 'place')),
      ...gettingThereBlocks(event),
      { heading: "Can't make it now?" },
      { lead: freePlaceLead(event), link: cancelUrl, label: 'Free my place', textLabel: 'Free my place' },
    ], { calendar: calendarEntry(event, siteUrl, { audience: 'place' }) });
  }
  return meetupEmail(event, siteUrl, to, `Changed: ${event.title}`, [
    ...blocks,
    { text: 'You are still on the waitlist. If a place frees up, we email you straight away.' },
    { lead: 'Not able to come now? Leave the waitlist, so the next person moves up:', link: `${cancelUrl}&waitlist=1`, label: 'Leave the waitlist', textLabel: 'Leave the waitlist' },
  ]);
}

/** A cancellation. The .ics (STATUS:CANCELLED) goes to people with a place, whose calendars hold the meetup. */
export function cancelledEmail(event: StoredEvent, siteUrl: string, to: Person & { status?: RsvpStatus }): OutgoingEmail {
  const hasPlace = to.status !== 'waitlisted';
  return meetupEmail(event, siteUrl, to, `Cancelled: ${event.title}`, [
    { text: 'Sorry: the organiser has cancelled this meetup. There is nothing you need to do.' },
    ...(hasPlace ? [{ text: 'The calendar file attached removes it from your calendar.' }] : []),
  ], hasPlace ? { calendar: calendarEntry(event, siteUrl) } : {}, { preheader: 'The organiser has cancelled this meetup.' });
}
