// Events domain: the frame every email about one meetup shares (RSVPs, reminders, changes): its title, time and place
// under the greeting, its page and organiser at the end, replies to the organiser. Light on imports: no zod.
import { compose, type Block } from '#functions/mail/layout.ts';
import { locationOf } from './calendar-links.ts';
import { formatWhen } from '#functions/core/time.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import { eventPath, type StoredEvent } from '#functions/core/event.ts';

type Person = { name: string; email: string };

/** An email to `to` about `event`, in the shared layout: `blocks` go between the meetup's header and footer. */
export function meetupEmail(event: StoredEvent, siteUrl: string, to: Person, subject: string, blocks: Block[], extra: Partial<OutgoingEmail> = {}): OutgoingEmail {
  const when = formatWhen(event.startUtc, event.endUtc, event.timezone);
  const where = locationOf(event);
  const about: Block = { text: `${event.title}\n${when}${where ? `\n${where}` : ''}` };
  const foot: Block[] = [
    { link: `${siteUrl}${eventPath(event)}`, label: 'The meetup page' },
    { text: `Organised by ${event.organiserName}${event.network ? ` for ${event.network}` : ''}. Reply to this email to reach them.` },
  ];
  return compose({ to, subject, blocks: [about, ...blocks, ...foot] }, { replyTo: event.organiserEmail, ...extra });
}
