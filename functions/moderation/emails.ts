// Moderation domain: the emails owners get when an operator hides or shows again their meetup or network, or decides
// on a network waiting for approval. Each says what happened and the operator's reason; replies reach the operators
// (OPERATOR_EMAIL) when the deployment has that address.
import { eventPath, type StoredEvent } from '#functions/core/event.ts';
import { firstName, type StoredNetwork } from '#functions/core/network.ts';
import { ACCOUNT_PAGES, NETWORK_PAGES } from '#functions/core/paths.ts';
import { formatWhen } from '#functions/core/time.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import { compose, type Block } from '#functions/mail/layout.ts';

export interface Recipient {
  name: string;
  email: string;
}

const replyBlocks = (operatorEmail: string | undefined): Block[] =>
  operatorEmail ? [{ text: 'To ask about this, reply to this email: it reaches the people who run this Signpost site.' }] : [];

const letter = (to: Recipient, subject: string, heading: string, blocks: Block[], operatorEmail: string | undefined): OutgoingEmail =>
  compose(
    { to: { name: firstName(to.name) || to.name, email: to.email }, subject, heading, blocks: [...blocks, ...replyBlocks(operatorEmail)] },
    operatorEmail ? { replyTo: operatorEmail } : {},
  );

/** To a meetup's owner and its network's organisers: hidden or shown again, and why. */
export function meetupModerationEmail(
  kind: 'hidden' | 'unhidden', event: StoredEvent, to: Recipient, reason: string, siteUrl: string, operatorEmail: string | undefined,
): OutgoingEmail {
  const when: Block = { fact: 'When', value: formatWhen(event.startUtc, event.endUtc, event.timezone) };
  if (kind === 'hidden')
    return letter(to, `Your meetup has been hidden: ${event.title}`, event.title, [
      when,
      { text: 'The people who run this Signpost site have hidden this meetup. It no longer appears on any public page, listing or calendar feed. Everyone who has a place keeps it, and you can still see it under “Your meetups”.' },
      { fact: 'Their reason', value: reason },
      { link: `${siteUrl}${ACCOUNT_PAGES.me}`, label: 'See it under “Your meetups”' },
    ], operatorEmail);
  return letter(to, `Your meetup is shown again: ${event.title}`, event.title, [
    when,
    { text: 'The people who run this Signpost site have shown this meetup again: it is back on its page, in listings and in calendar feeds.' },
    { fact: 'Their note', value: reason },
    { link: `${siteUrl}${eventPath(event)}`, label: 'See the meetup page' },
  ], operatorEmail);
}

/** To a network's organisers: hidden, shown again, approved or refused. */
export function networkModerationEmail(
  kind: 'hidden' | 'unhidden' | 'approved' | 'refused', network: StoredNetwork, to: Recipient, reason: string | undefined, siteUrl: string, operatorEmail: string | undefined,
): OutgoingEmail {
  const page: Block = { link: `${siteUrl}${NETWORK_PAGES.page(network.slug)}`, label: 'See the network’s page' };
  const why: Block[] = reason ? [{ fact: kind === 'unhidden' ? 'Their note' : 'Their reason', value: reason }] : [];
  switch (kind) {
    case 'hidden':
      return letter(to, `Your network has been hidden: ${network.name}`, network.name, [
        { text: 'The people who run this Signpost site have hidden this network and its meetups. They no longer appear on any public page, listing or calendar feed. Everyone who has a place at one of its meetups keeps it, and its team still sees them under “Your meetups”.' },
        ...why,
        { link: `${siteUrl}${ACCOUNT_PAGES.me}`, label: 'See them under “Your meetups”' },
      ], operatorEmail);
    case 'unhidden':
      return letter(to, `Your network is shown again: ${network.name}`, network.name, [
        { text: 'The people who run this Signpost site have shown this network again, with the meetups that were hidden with it.' },
        ...why,
        page,
      ], operatorEmail);
    case 'approved':
      return letter(to, `Your network is approved: ${network.name}`, network.name, [
        { text: 'The people who run this Signpost site have approved this network. Its page is public, and its team can list meetups under it.' },
        page,
      ], operatorEmail);
    case 'refused':
      return letter(to, `Your network was not approved: ${network.name}`, network.name, [
        { text: 'The people who run this Signpost site have not approved this network, so it is not public.' },
        ...why,
      ], operatorEmail);
  }
}
