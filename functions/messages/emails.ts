// Messages domain: a team's message as each person gets it. To an attendee it is about the meetup they chose (its
// header and page, in the meetup email layout) and carries their own link to free their place or leave the waitlist;
// it is not list mail. To a follower it is a follower email (follows/follower-email.ts dressForFollower adds the
// unsubscribe headers, List-Id and footer). What the team wrote stays plain text, its line breaks kept.
import type { OutgoingEmail } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredNetwork } from '#functions/core/network.ts';
import { freePlaceLead, meetupEmail } from '#functions/events/meetup-email.ts';
import { compose, type Block } from '#functions/mail/layout.ts';

type Person = { name: string; email: string };
export interface Message {
  subject: string;
  body: string;
}

/** Paragraphs as typed: blank lines part them, single line breaks stay. */
const bodyBlocks = (body: string): Block[] =>
  body.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((text) => ({ text }));

/** To someone with a place (`confirmed`) or on the waitlist; `cancelUrl` is their own link from this message. */
export function attendeeMessageEmail(
  event: StoredEvent, siteUrl: string, to: Person & { status: 'confirmed' | 'waitlisted' }, message: Message, cancelUrl: string, replyTo?: string,
): OutgoingEmail {
  const waiting = to.status === 'waitlisted';
  return meetupEmail(event, siteUrl, to, message.subject, [
    { text: `A message from the organisers of this meetup, to everyone ${waiting ? 'on its waitlist' : 'with a place'}:` },
    ...bodyBlocks(message.body),
    waiting
      ? { lead: 'Not able to come now? Leave the waitlist, so the next person moves up:', link: `${cancelUrl}&waitlist=1`, label: 'Leave the waitlist', textLabel: 'Leave the waitlist' }
      : { lead: `Can't make it any more? ${freePlaceLead(event)}`, link: cancelUrl, label: 'Free my place', textLabel: 'Free my place' },
  ], replyTo ? { replyTo } : {}, { preheader: message.body.slice(0, 120) });
}

/** To a follower, before dressForFollower. */
export function followerMessageEmail(network: Pick<StoredNetwork, 'name'>, to: { name?: string | undefined; email: string }, message: Message): OutgoingEmail {
  return compose({
    to: { name: to.name || 'there', email: to.email },
    subject: message.subject,
    heading: network.name,
    preheader: message.body.slice(0, 120),
    blocks: [{ text: `A message from the team of ${network.name}:` }, ...bodyBlocks(message.body)],
  });
}
