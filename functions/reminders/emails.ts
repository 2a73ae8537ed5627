// Reminders domain: the reminder and "where you stand" emails, in the meetup email layout. The reminder carries
// the .ics, the accessibility notes, a cancel link and a one-click unsubscribe (RFC 8058) that keeps the place.
import { calendarEntry } from '#functions/events/calendar-links.ts';
import { meetupEmail } from '#functions/events/meetup-email.ts';
import type { Block } from '#functions/mail/layout.ts';
import type { ReminderKind } from './reminder.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { Change } from '#functions/events/change-notice.ts';

type Person = { name: string; email: string };
export interface ReminderLinks {
  cancel: string;
  /** The page with a button, for people. */
  remindersOffPage: string;
  /** The List-Unsubscribe URL, for mail clients (POST, one click). */
  remindersOffOneClick: string;
}

export function reminderEmail(event: StoredEvent, siteUrl: string, to: Person, kind: ReminderKind, links: ReminderLinks): OutgoingEmail {
  // Online meetups show the link as their place at the top already; hybrid ones show the venue there.
  const join: Block[] = event.onlineUrl && event.venue ? [{ text: `Joining link: ${event.onlineUrl}` }] : [];
  const blocks: Block[] = kind === 'soon'
    ? [{ text: 'Your meetup starts soon.' }, ...join]
    : [
        { text: 'A reminder: you have a place at this free meetup.' },
        ...join,
        ...(event.accessibility ? [{ text: `Accessibility: ${event.accessibility}` }] : []),
        { text: 'The calendar file attached has the latest details.' },
      ];
  return meetupEmail(event, siteUrl, to, `${kind === 'soon' ? 'Starting soon' : 'Reminder'}: ${event.title}`, [
    ...blocks,
    { text: "Can't make it? Please free your place for someone on the waitlist:" },
    { link: links.cancel, label: 'Free my place' },
    { text: 'Rather not get reminders for this meetup? You keep your place:' },
    { link: links.remindersOffPage, label: 'No more reminders for this meetup' },
  ], { calendar: calendarEntry(event, siteUrl), listUnsubscribe: links.remindersOffOneClick });
}

export function waitlistStandingEmail(event: StoredEvent, siteUrl: string, to: Person, position: number, links: Pick<ReminderLinks, 'remindersOffPage' | 'remindersOffOneClick'>): OutgoingEmail {
  return meetupEmail(event, siteUrl, to, `Still on the waitlist: ${event.title}`, [
    { text: `The meetup is coming up and it is still full. You are number ${position} on the waitlist. If a place frees up, it goes to the first person in line and we email you straight away.` },
    { text: 'Rather not hear about this meetup any more? You keep your place in line:' },
    { link: links.remindersOffPage, label: 'No more reminders for this meetup' },
  ], { listUnsubscribe: links.remindersOffOneClick });
}

export function updatedEmail(event: StoredEvent, siteUrl: string, to: Person, changes: Change[], cancelUrl: string): OutgoingEmail {
  return meetupEmail(event, siteUrl, to, `Changed: ${event.title}`, [
    { text: 'The organiser changed this meetup. What is new:' },
    ...changes.map((c) => ({ text: `${c.what} (NEW): ${c.after}\nWas: ${c.before}` })),
    { text: 'The calendar file attached updates the meetup in your calendar.' },
    { text: "Can't make it now? Please free your place for someone on the waitlist:" },
    { link: cancelUrl, label: 'Free my place' },
  ], { calendar: calendarEntry(event, siteUrl) });
}

export function cancelledEmail(event: StoredEvent, siteUrl: string, to: Person): OutgoingEmail {
  return meetupEmail(event, siteUrl, to, `Cancelled: ${event.title}`, [
    { text: 'Sorry: the organiser has cancelled this meetup. There is nothing you need to do.' },
    { text: 'The calendar file attached removes it from your calendar.' },
  ], { calendar: calendarEntry(event, siteUrl) });
}
