// Follows domain: the links in every follower email. Settings and one-click unsubscribe carry an HMAC of the follow
// with its own purpose, so it is never stored, every email carries the same working link, and it can do nothing but
// change or end that one follow. A follow ended and started again gets the same links, which is harmless: they only
// ever act on the current follow of that address.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { FOLLOW_PAGES } from '#functions/core/paths.ts';

export function followerToken(secret: Uint8Array, slug: string, followerId: string): string {
  return createHmac('sha256', secret).update(`follow:${slug}:${followerId}`).digest('base64url');
}

export function followerTokenMatches(secret: Uint8Array, slug: string, followerId: string, token: string): boolean {
  const expected = Buffer.from(followerToken(secret, slug, followerId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface FollowerLinks {
  /** The page with "each meetup / weekly digest" and "Unfollow" (GET shows it, a button POSTs). */
  settings: string;
  /** RFC 8058's List-Unsubscribe target: a POST, no cookies, no redirect. */
  oneClick: string;
}

export function followerLinks(siteUrl: string, secret: Uint8Array, slug: string, followerId: string): FollowerLinks {
  const token = followerToken(secret, slug, followerId);
  return {
    settings: `${siteUrl}${FOLLOW_PAGES.settings(slug, followerId)}?token=${token}`,
    oneClick: `${siteUrl}${FOLLOW_PAGES.oneClick(slug, followerId)}?token=${token}`,
  };
}

/** The List-Id of a network's follower mail (RFC 2919): `<slug>.followers.<site host>`. */
export const followersListId = (siteUrl: string, network: { slug: string; name: string }) => ({
  id: `${network.slug}.followers.${new URL(siteUrl).hostname}`,
  name: `${network.name} followers`,
});
