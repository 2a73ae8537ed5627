// Attendance: the "Still coming?" emails, in the meetup email layout. The question carries two one-click answers
// (each opens a page whose button answers, since mail scanners open links) and, only for someone whose place may be
// released, the deadline in plain words in the meetup's zone. Then the released person's email (a link to take a place
// back while one is free) and the "you have your place back" one. The joining link goes only to people with a place.
import { calendarEntry } from '#functions/events/calendar-links.ts';
import { gettingThereBlocks, joinBlocks, meetupEmail } from '#functions/events/meetup-email.ts';
import { doorQr } from '#functions/rsvps/emails.ts';
import { eventPagePaths } from '#functions/core/paths.ts';
import { formatClock, zoneName } from '#functions/core/time.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';

type Person = { name: string; email: string };

/** The pages the emails link to; the token is the RSVP's "Still coming?" token (its hash is stillComingHash). */
export function stillComingLinks(siteUrl: string, eventId: string, key: string, token: string) {
  const page = `${siteUrl}${eventPagePaths.stillComing(eventId, key)}`;
  return { yes: `${page}?token=${token}&answer=yes`, no: `${page}?token=${token}&answer=no`, back: `${page}/back?token=${token}` };
}

/** "Thursday 3 December", in the meetup's zone. */
export const dayOf = (at: Date | string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(at)).replace(',', '');

/** "Wednesday 2 December at 12:30 London time". */
export const deadlineWords = (deadline: Date, timeZone: string) => `${dayOf(deadline, timeZone)} at ${formatClock(deadline, timeZone)} ${zoneName(timeZone, deadline)}`;

export const stillComingSubject = (event: Pick<StoredEvent, 'title' | 'startUtc' | 'timezone'>) => `Still coming to ${event.title} on ${dayOf(event.startUtc, event.timezone)}?`;

export function stillComingEmail(event: StoredEvent, siteUrl: string, to: Person, links: { yes: string; no: string }, deadline?: Date): OutgoingEmail {
  const waiting = (event.waitlistCount ?? 0) > 0;
  return meetupEmail(event, siteUrl, to, stillComingSubject(event), [
    // Not "one click": each link opens a page whose button answers (mail scanners open links), so say both steps.
    { text: 'You have a place at this free meetup. Are you still coming? Choose an answer below, then press the button on the page it opens, and the organiser will know.' },
    { link: links.yes, label: "Yes, I'm coming", textLabel: "Yes, I'm coming", primary: true },
    { text: waiting ? 'Can’t make it? People are waiting for a place.' : 'Can’t make it? Let someone else have the place.' },
    { link: links.no, label: 'No, give my place to someone else', textLabel: 'No, give my place to someone else' },
    ...(deadline
      ? [{ text: `If we have not heard from you by ${deadlineWords(deadline, event.timezone)}, your place goes to the next person on the waitlist (only if someone is waiting).` }]
      : []),
  ], {}, { preheader: deadline ? `Please answer by ${deadlineWords(deadline, event.timezone)}.` : 'Please tell the organiser whether you are still coming.' });
}

export function releasedEmail(event: StoredEvent, siteUrl: string, to: Person, backUrl: string): OutgoingEmail {
  return meetupEmail(event, siteUrl, to, `Your place went to the waitlist: ${event.title}`, [
    { text: 'We asked whether you were still coming and did not hear back by the deadline, so your place went to the next person on the waitlist.' },
    { lead: 'Coming after all? While a place is free, you can take it back:', link: backUrl, label: 'Take a place back', textLabel: 'Take a place back', primary: true },
    { text: 'The links in the earlier email lead here too.' },
  ], {}, { preheader: 'Your place went to the next person on the waitlist.' });
}

export function placeBackEmail(event: StoredEvent, siteUrl: string, to: Person & { key?: string }, cancelUrl: string): OutgoingEmail {
  const door = doorQr(event, siteUrl, to.key);
  return meetupEmail(event, siteUrl, to, `You have your place back: ${event.title}`, [
    { text: 'You have your place back at this free meetup.' },
    ...joinBlocks(event, 'place'),
    ...gettingThereBlocks(event),
    ...door.blocks,
    { heading: "Can't come?" },
    { lead: 'Please free your place, so someone else can have it:', link: cancelUrl, label: 'Free my place', textLabel: 'Free my place' },
  ], { calendar: calendarEntry(event, siteUrl, { audience: 'place' }), ...(door.inlineImages.length ? { inlineImages: door.inlineImages } : {}) }, { preheader: 'You have your place back.' });
}
