// Events domain: the email an organiser gets after listing a meetup. Plain text and HTML, no tracking.
import { escapeHtml } from '#views/escape.ts';
import { DRAFT_LIFETIME_DAYS } from './event.ts';
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
  const text = [
    `Hello ${event.organiserName},`,
    '',
    `You (or someone using this address) listed a free meetup on Signpost:`,
    '',
    `  ${event.title}`,
    `  ${when}`,
    '',
    'It is not public yet. To publish it, open this link and press "Confirm and publish":',
    links.confirmUrl,
    '',
    'Keep this email. This link lets you edit or cancel the meetup later:',
    links.manageUrl,
    '',
    `If you did not list this meetup, ignore this email: the unconfirmed listing is deleted after ${DRAFT_LIFETIME_DAYS} days.`,
    '',
    '— Signpost, free meetups for the library and information community',
  ].join('\n');
  const e = escapeHtml;
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:36em">
<p>Hello ${e(event.organiserName)},</p>
<p>You (or someone using this address) listed a free meetup on Signpost:</p>
<p><strong>${e(event.title)}</strong><br>${e(when)}</p>
<p>It is not public yet. To publish it, open this link and press <strong>Confirm and publish</strong>:</p>
<p><a href="${e(links.confirmUrl)}">Confirm and publish your meetup</a></p>
<p>Keep this email. This link lets you edit or cancel the meetup later:<br><a href="${e(links.manageUrl)}">Manage your meetup</a></p>
<p style="color:#555">If you did not list this meetup, ignore this email: the unconfirmed listing is deleted after ${DRAFT_LIFETIME_DAYS} days.</p>
</body></html>`;
  return { to: event.organiserEmail, subject: `Confirm your meetup: ${event.title}`, text, html };
}
