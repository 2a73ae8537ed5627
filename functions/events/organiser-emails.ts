// Events domain: the emails about changing a meetup's organiser address, in the shared layout. No tracking; tokens
// travel only in link fragments.
import { compose } from '#functions/mail/layout.ts';
import { formatWhen } from '#functions/core/time.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { ORGANISER_EMAIL_LINK_HOURS } from './organiser-email.ts';

/** The page behind both links: it shows a button, and only pressing it changes anything (mail scanners open links). */
export const organiserEmailLinks = (siteUrl: string, id: string, tokens: { confirm?: string; stop?: string }) => ({
  confirmUrl: `${siteUrl}/organiser-email/${id}#token=${tokens.confirm ?? ''}`,
  stopUrl: `${siteUrl}/organiser-email/${id}#stop=${tokens.stop ?? ''}`,
});

/** The meetup's title large at the top, its time under it. */
const header = (e: StoredEvent) => ({ heading: e.title, summary: [{ text: formatWhen(e.startUtc, e.endUtc, e.timezone) }] });

/** To the new address: the link that makes it the organiser's. */
export function confirmNewAddressEmail(e: StoredEvent, newEmail: string, confirmUrl: string): OutgoingEmail {
  return compose({
    to: { name: e.organiserName, email: newEmail },
    ...header(e),
    subject: `Confirm your email address for ${e.title}`,
    blocks: [
      { text: 'Someone managing this meetup on Signpost asked for its emails to come to this address from now on.' },
      { lead: `To confirm, open this link within ${ORGANISER_EMAIL_LINK_HOURS} hours and press "Confirm this address":`, link: confirmUrl, label: 'Confirm this address', primary: true },
      { text: 'Until then nothing changes. If you did not expect this, ignore this email.' },
    ],
  });
}

/** To the old address when the change is asked for: what, to where, and how to stop it. */
export function changeRequestedEmail(e: StoredEvent, newEmail: string, stopUrl: string): OutgoingEmail {
  return compose({
    to: { name: e.organiserName, email: e.organiserEmail },
    ...header(e),
    subject: `Change of organiser address asked for: ${e.title}`,
    blocks: [
      { text: `Someone asked to move ${e.title} to ${newEmail}.` },
      {
        text: `Nothing changes unless that address confirms within ${ORGANISER_EMAIL_LINK_HOURS} hours. Once it does, the meetup's emails go there, and a new manage link goes with them: yours stops working.`,
      },
      { text: 'If this was you, there is nothing to do here.' },
      { lead: "If this wasn't you, someone else has your manage link. Stop the change:", link: stopUrl, label: 'Stop this change' },
    ],
  });
}

/** To the old address once the change is made. */
export function addressChangedEmail(e: StoredEvent, previousEmail: string, newEmail: string): OutgoingEmail {
  return compose({
    to: { name: e.organiserName, email: previousEmail },
    ...header(e),
    subject: `Organiser address changed: ${e.title}`,
    blocks: [
      { text: `The organiser address of this meetup is now ${newEmail}.` },
      { text: 'Emails about it go there from now on, and your manage link no longer works: a new one was sent to the new address.' },
      { text: "If this wasn't you, use “Report this meetup” on the meetup's page to reach the people who run Signpost." },
    ],
  });
}

/** To the new address once it is confirmed: its own manage link (and, for a draft, the link to publish it). */
export function newAddressWelcomeEmail(e: StoredEvent, links: { manageUrl: string; confirmUrl: string }): OutgoingEmail {
  return compose({
    to: { name: e.organiserName, email: e.organiserEmail },
    ...header(e),
    subject: `You now manage ${e.title}`,
    blocks: [
      { text: 'Your address is now the organiser address of this meetup on Signpost.' },
      ...(e.status === 'draft'
        ? [{ lead: 'It is not public yet. To publish it, open this link and press "Confirm and publish":', link: links.confirmUrl, label: 'Confirm and publish your meetup' }]
        : []),
      { lead: 'Keep this email. This link lets you edit or cancel the meetup; the old one no longer works:', link: links.manageUrl, label: 'Manage your meetup' },
    ],
  });
}
