// Follows emails: the follow's confirmation link (double opt-in) and, to an address that follows already, "you
// already follow" with its settings link instead. Both answer someone's own request: receipts, not subscription
// messages, so neither carries List-Unsubscribe or a List-Id. Replies go to the network's contact address.
import { compose } from '#functions/mail/layout.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import { FOLLOW_CONFIRM_DAYS, FOLLOW_MODE_LABELS, type StoredFollower } from '#functions/core/follow.ts';
import type { StoredNetwork } from '#functions/core/network.ts';
import { FOLLOW_PAGES } from '#functions/core/paths.ts';

type Network = Pick<StoredNetwork, 'name' | 'slug' | 'contactEmail'>;

/** The confirmation link: the follow in the path, the 256-bit token in the query (its page shows a button). */
export const followConfirmUrl = (siteUrl: string, slug: string, followerId: string, token: string) =>
  `${siteUrl}${FOLLOW_PAGES.confirm(slug, followerId)}?token=${token}`;

export const followConfirmSubject = (network: Pick<StoredNetwork, 'name'>) => `Confirm you want to follow ${network.name}`;

export function followConfirmEmail(network: Network, follower: Pick<StoredFollower, 'email' | 'name' | 'mode'>, url: string): OutgoingEmail {
  return compose(
    {
      to: { name: follower.name ?? 'there', email: follower.email },
      subject: followConfirmSubject(network),
      heading: network.name,
      preheader: `One step left: confirm, and we email you about new ${network.name} meetups.`,
      blocks: [
        { text: `Someone asked to follow ${network.name} on Signpost with this email address: ${FOLLOW_MODE_LABELS[follower.mode].toLowerCase()}.` },
        { lead: 'To start, open this link and press "Confirm":', link: url, label: `Follow ${network.name}`, primary: true },
        { text: `The link works for ${FOLLOW_CONFIRM_DAYS} days. If you didn't ask, ignore this email: nothing is sent unless you press the button, and we delete the request.` },
      ],
    },
    { replyTo: network.contactEmail },
  );
}

export function followAlreadyEmail(network: Network, follower: Pick<StoredFollower, 'email' | 'name'>, settingsUrl: string): OutgoingEmail {
  return compose(
    {
      to: { name: follower.name ?? 'there', email: follower.email },
      subject: `You already follow ${network.name}`,
      heading: network.name,
      preheader: 'Nothing has changed.',
      blocks: [
        { text: `Someone asked to follow ${network.name} on Signpost with this email address. You follow it already, so nothing has changed.` },
        { link: settingsUrl, label: 'Change how often, or unfollow' },
        { text: "If you didn't ask, you can ignore this email." },
      ],
    },
    { replyTo: network.contactEmail },
  );
}
