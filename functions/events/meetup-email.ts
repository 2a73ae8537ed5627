// Events domain: the frame every email about one meetup shares (RSVPs, reminders, changes): its title as the heading,
// its time and place under it, its page and organiser at the end, replies to the organiser. The sections the emails
// to people with a place add ("Join", "Getting there", "Add it to your calendar") are here too, so they read the same
// in every email. Light on imports: no zod.
import { compose, type Block } from '#functions/mail/layout.ts';
import { joiningLink, shortCalendarLinks, venueOf, whereOf, type LinkAudience } from './calendar-links.ts';
import { formatWhen } from '#functions/core/time.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import { eventPath, type StoredEvent } from '#functions/core/event.ts';

type Person = { name: string; email: string };

export interface MeetupEmailOptions {
  /** The line an inbox shows after the subject; by default the meetup's time and place. */
  preheader?: string;
  /** To the organiser (replies go to someone else): the footer does not offer to reach them. */
  forOrganiser?: boolean;
}

/** An email to `to` about `event`, in the shared layout: `blocks` go between the meetup's header and footer. */
export function meetupEmail(
  event: StoredEvent, siteUrl: string, to: Person, subject: string, blocks: Block[], extra: Partial<OutgoingEmail> = {}, options: MeetupEmailOptions = {},
): OutgoingEmail {
  const when = formatWhen(event.startUtc, event.endUtc, event.timezone);
  const where = whereOf(event);
  const summary: Block[] = [
    ...(event.status === 'cancelled' ? [{ text: 'This meetup has been cancelled.' }] : []),
    { fact: 'When', value: when },
    ...(where ? [{ fact: 'Where', value: where }] : []),
  ];
  const foot: Block[] = [
    { link: `${siteUrl}${eventPath(event)}`, label: 'See the meetup page', textLabel: 'The meetup page' },
    ...(options.forOrganiser
      ? []
      : [{ text: `Organised by ${event.organiserName}${event.network ? ` for ${event.network}` : ''}. Reply to this email to reach them.` }]),
  ];
  return compose(
    { to, subject, heading: event.title, summary, preheader: options.preheader ?? [when, where].filter(Boolean).join(' · '), blocks: [...blocks, ...foot] },
    { replyTo: event.organiserEmail, ...extra },
  );
}

/**
 * "Join": the joining link as a clear, labelled link, for readers allowed it (see joiningLink). Empty when there is no
 * link, the meetup is cancelled, or the reader may not have it.
 */
export function joinBlocks(event: StoredEvent, audience: LinkAudience): Block[] {
  const link = joiningLink(event, audience);
  if (!link) return [];
  return [
    { heading: 'Join' },
    { link, label: 'Join the meetup online', textLabel: 'Join online', primary: true },
    ...(audience === 'place' && !event.onlineUrlPublic ? [{ text: 'The link is for people with a place: please keep it to yourself.' }] : []),
  ];
}

/** "Getting there": the venue and the organiser's accessibility notes (for an online meetup, the notes alone). */
export function gettingThereBlocks(event: StoredEvent): Block[] {
  const venue = venueOf(event);
  const access = event.accessibility ? [{ fact: 'Accessibility', value: event.accessibility }] : [];
  if (event.format !== 'online' && venue) return [{ heading: 'Getting there' }, { text: venue }, ...access];
  return access;
}

/** "Add it to your calendar": the attached file, or our short links to Google and Outlook (never 700-character URLs). */
export function addToCalendarBlocks(event: StoredEvent, siteUrl: string): Block[] {
  const add = shortCalendarLinks(event, siteUrl);
  // Anyone can open the short links, so what they add leaves a private joining link out; the attached file has it.
  const privateLink = joiningLink(event, 'place') && !joiningLink(event, 'public');
  return [
    { heading: 'Add it to your calendar' },
    { text: privateLink
      ? 'Open the calendar file attached (it has the joining link), or add the time and place with one of these:'
      : 'Open the calendar file attached, or use one of these:' },
    { link: add.google, label: 'Add to Google Calendar' },
    { link: add.outlook, label: 'Add to Outlook' },
  ];
}

/**
 * Why to free a place, in words true of this meetup: with a limit on places someone else can have it; without one
 * there is no waitlist to speak of, only an organiser counting heads.
 */
export const freePlaceLead = (event: Pick<StoredEvent, 'capacity'>) =>
  event.capacity === undefined
    ? 'Please free your place, so the organiser knows you are not coming:'
    : 'Please free your place, so someone else can have it:';
