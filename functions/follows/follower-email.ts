// Follows domain: what makes an email a follower email. Every email to a network's followers (announcements, digests,
// the team's messages) is a subscription message by Gmail's and Yahoo's bulk-sender rules: it carries the follow's
// one-click unsubscribe (RFC 8058) and the network's List-Id, replies go to the network's contact address, and its
// body ends saying why it came, with links to change how often and to unfollow.
import type { OutgoingEmail } from '#functions/core/email.ts';
import { FOLLOW_MODE_LABELS, type StoredFollower } from '#functions/core/follow.ts';
import type { StoredNetwork } from '#functions/core/network.ts';
import { NETWORK_PAGES } from '#functions/core/paths.ts';
import { wrapText } from '#functions/mail/layout.ts';
import { html } from '#views/html.ts';
import { followerLinks, followersListId } from './follower-links.ts';

export interface FollowerDress {
  siteUrl: string;
  /** The follower-link key (FollowsDeps.feedSecret, read once per sweep). */
  secret: Uint8Array;
  network: Pick<StoredNetwork, 'slug' | 'name' | 'contactEmail'>;
  follower: Pick<StoredFollower, 'id' | 'mode'>;
}

const QUIET = '#505a5f';
const LINK = 'color:#1d70b8;text-decoration:underline';

/**
 * `email` (composed in the mail layout, mail/layout.ts compose) as a follower email: List-Unsubscribe, List-Id,
 * Reply-To the network, and the footer after its sign-off, in both parts.
 */
export function dressForFollower(email: OutgoingEmail, { siteUrl, secret, network, follower }: FollowerDress): OutgoingEmail {
  const links = followerLinks(siteUrl, secret, network.slug, follower.id);
  const page = `${siteUrl}${NETWORK_PAGES.page(network.slug)}`;
  const why = `You get this because you follow ${network.name} on Signpost (${FOLLOW_MODE_LABELS[follower.mode].toLowerCase()}).`;
  const text = `${email.text}\n${wrapText(why)}\nChange how often: ${links.settings}\nUnfollow: ${links.oneClick}\n${network.name} on Signpost: ${page}\n`;
  const footer = html`<p style="margin:16px 0 0;color:${QUIET};font-size:14px">${why}<br><a href="${links.settings}" style="${LINK}">Change how often</a> · <a href="${links.oneClick}" style="${LINK}">Unfollow</a> · <a href="${page}" style="${LINK}">${network.name} on Signpost</a></p>`;
  // The layout's body ends with its content's closing </div>: the footer goes just inside it, under the sign-off.
  const end = email.html.lastIndexOf('</div>');
  const body = end < 0 ? `${email.html}${footer}` : `${email.html.slice(0, end)}${footer}\n${email.html.slice(end)}`;
  return {
    ...email,
    text,
    html: body,
    replyTo: network.contactEmail,
    listUnsubscribe: links.oneClick,
    listId: followersListId(siteUrl, network),
  };
}
