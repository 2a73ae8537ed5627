// Events domain: the email an organiser gets after listing a meetup, in the shared email layout. No tracking.
import { compose } from '#functions/mail/layout.ts';
import { DRAFT_LIFETIME_DAYS } from './event.ts';
import { whereOf } from './calendar-links.ts';
import { formatWhen } from '#functions/core/time.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';

export function organiserLinks(siteUrl: string, event: Pick<StoredEvent, 'id'>, token: string) {
  // The token travels in the fragment, so it never reaches a server log or a Referer header.
  return {
    confirmUrl: `${siteUrl}/confirm/${event.id}#token=${token}`,
    manageUrl: `${siteUrl}/manage/${event.id}#token=${token}`,
  };
}

export function confirmListingEmail(event: StoredEvent, links: ReturnType<typeof organiserLinks>): OutgoingEmail {
  const when = formatWhen(event.startUtc, event.endUtc, event.timezone);
  const where = whereOf(event);
  return compose({
    to: { name: event.organiserName, email: event.organiserEmail },
    subject: `Confirm your meetup: ${event.title}`,
    heading: event.title,
    summary: [{ fact: 'When', value: when }, ...(where ? [{ fact: 'Where', value: where }] : [])],
    preheader: 'Your meetup is not public yet: confirm it to publish it.',
    blocks: [
      { text: 'You (or someone using this address) listed this free meetup on Signpost. It is not public yet.' },
      { lead: 'To publish it, open this link and press "Confirm and publish":', link: links.confirmUrl, label: 'Confirm and publish your meetup', primary: true },
      { lead: 'Keep this email. This link lets you edit or cancel the meetup later:', link: links.manageUrl, label: 'Manage your meetup' },
      { text: `If you did not list this meetup, ignore this email: the unconfirmed listing is deleted after ${DRAFT_LIFETIME_DAYS} days.` },
    ],
  });
}
