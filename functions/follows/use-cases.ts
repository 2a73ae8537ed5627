// Follows use cases: asking to follow a network (double opt-in: a pending follow, its confirmation email and the
// rate-limit claims in one write; the same answer whether or not the address follows already), confirming by the
// emailed link, the settings page's mode and unfollow (by the follow's HMAC link), and unfollowing from "Your
// meetups". They answer outcomes; pages.ts and routes.ts choose what a person reads.
import { AppError, notFound, validationError } from '#functions/core/errors.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { FOLLOW_CONFIRM_DAYS, type FollowMode, type StoredFollower } from '#functions/core/follow.ts';
import { hashSecret, newToken, tokenMatches } from '#functions/core/ids.ts';
import type { StoredNetwork } from '#functions/core/network.ts';
import { personId } from '#functions/core/person.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import { fieldIssues } from '#functions/http/schemas.ts';
import { claimFor, followRules, rateLimited } from '#functions/ratelimit/rate-limit.ts';
import { networkShown } from './announce.ts';
import type { FollowsDeps } from './deps.ts';
import { followAlreadyEmail, followConfirmEmail, followConfirmUrl } from './emails.ts';
import { followModeSchema, followRequestSchema } from './follow.schema.ts';
import { followerLinks, followerTokenMatches } from './follower-links.ts';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const FOLLOWER_ID = /^[0-9a-f]{24}$/;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;

/** A network that may be followed: public (not hidden, not waiting for approval); any other is "not found". */
export async function followableNetwork(deps: Pick<FollowsDeps, 'networks'>, slug: string): Promise<StoredNetwork> {
  const network = SLUG.test(slug) ? await deps.networks.get(slug) : undefined;
  if (!networkShown(network)) throw notFound('network');
  return network;
}

/**
 * Asks to follow `slug` as `raw` says (the form's fields or the JSON body). Nothing is answered by address: an
 * address that follows already gets an email saying so, and the caller the same answer. A 400 naming the field, a
 * 429, or a 404 for a network that is not public.
 */
export async function requestFollow(deps: FollowsDeps, slug: string, raw: unknown, ip: string): Promise<{ network: StoredNetwork; email: string }> {
  const parsed = followRequestSchema.safeParse(raw);
  if (!parsed.success) throw validationError(fieldIssues(parsed.error));
  const network = await followableNetwork(deps, slug);
  const { email, name, mode, timezone } = parsed.data;
  const now = deps.clock.now();
  const token = newToken();
  const follower: StoredFollower = {
    networkSlug: slug, id: personId(email), email, ...(name ? { name } : {}), ...(timezone ? { timezone } : {}), mode, status: 'pending',
    confirmTokenHash: hashSecret(token), expiresAt: Math.floor(now.getTime() / 1000) + FOLLOW_CONFIRM_DAYS * 86_400,
    createdAt: now.toISOString(), updatedAt: now.toISOString(),
  };
  const settings = followerLinks(deps.siteUrl, await deps.feedSecret(), slug, follower.id).settings;
  // Anyone can type any address: until it confirms, nothing they typed but the address goes into its inbox (no name).
  const to = { email, mode };
  const emails = {
    confirm: outboxMessage(followConfirmEmail(network, to, followConfirmUrl(deps.siteUrl, slug, follower.id, token)), 'follow-confirm', now),
    already: outboxMessage(followAlreadyEmail(network, to, settings), 'follow-already', now),
  };
  const claims = [claimFor(followRules.perIp, ip, now), claimFor(followRules.perAddress, email, now)];
  const stored = await deps.followers.request(follower, claims, emails);
  if (!stored.ok) throw rateLimited(stored.claim);
  return { network, email };
}

/**
 * Following while signed in with the address typed (or none typed): the session has proved the address, so the
 * follow starts at once, with no confirmation email; following again changes how often. Another address typed
 * goes the double opt-in way (undefined here). Invalid fields are a 400 naming them.
 */
export async function followSignedIn(deps: FollowsDeps, viewer: Viewer, slug: string, raw: Record<string, unknown>): Promise<FollowingNow | undefined> {
  const typed = typeof raw.email === 'string' ? raw.email.trim().toLowerCase() : '';
  if (typed && typed !== viewer.email.toLowerCase()) return undefined;
  const parsed = followRequestSchema.safeParse({ ...raw, email: viewer.email });
  if (!parsed.success) throw validationError(fieldIssues(parsed.error));
  await followableNetwork(deps, slug);
  const { name, mode, timezone } = parsed.data;
  const at = deps.clock.now().toISOString();
  const was = await deps.followers.get(slug, viewer.personId);
  const since = was?.status === 'active' ? was : undefined;
  await deps.followers.put({
    networkSlug: slug, id: viewer.personId, email: viewer.email, ...((name ?? since?.name) ? { name: name ?? since?.name } : {}),
    ...((timezone ?? since?.timezone) ? { timezone: timezone ?? since?.timezone } : {}), mode, status: 'active',
    createdAt: since?.createdAt ?? at, confirmedAt: since?.confirmedAt ?? at, updatedAt: at,
  });
  return (await followingNow(deps, slug, viewer.personId))!;
}

export type ConfirmState = 'open' | 'already' | 'unusable';

/**
 * What the confirmation link can do: confirm (`open`), nothing because it did already (`already`), or nothing at all
 * (`unusable`: broken, expired, replaced by a newer request, or no such follow; one answer for all, so a link says
 * nothing about an address it does not prove).
 */
async function linkState(deps: FollowsDeps, slug: string, id: string, token: string | undefined): Promise<ConfirmState> {
  if (!token || !TOKEN.test(token) || !FOLLOWER_ID.test(id)) return 'unusable';
  const follower = await deps.followers.get(slug, id);
  if (!follower?.confirmTokenHash || !tokenMatches(token, follower.confirmTokenHash)) return 'unusable';
  if (follower.status === 'active') return 'already';
  // TTL takes an expired follow within days, not at once.
  return (follower.expiresAt ?? 0) * 1000 > deps.clock.now().getTime() ? 'open' : 'unusable';
}

/** The confirmation link's page reads this before offering the button. Changes nothing. */
export async function confirmState(deps: FollowsDeps, slug: string, id: string, token: string | undefined) {
  const network = await followableNetwork(deps, slug);
  const state = await linkState(deps, slug, id, token);
  const following = state === 'already' ? await followingNow(deps, slug, id) : undefined;
  return { network, state, ...(following ? { following } : {}) };
}

/** A confirmed follow, to the holder of its confirmation link: how often, and its settings page (as its emails link it). */
export interface FollowingNow {
  mode: FollowMode;
  settingsUrl: string;
}

async function followingNow(deps: FollowsDeps, slug: string, id: string): Promise<FollowingNow | undefined> {
  const follower = await deps.followers.get(slug, id);
  return follower?.status === 'active' ? { mode: follower.mode, settingsUrl: followerLinks(deps.siteUrl, await deps.feedSecret(), slug, id).settings } : undefined;
}

/** The "Confirm" button: the follow becomes active, once; a second press answers `already`. */
export async function confirmFollow(
  deps: FollowsDeps, slug: string, id: string, token: string | undefined,
): Promise<{ network: StoredNetwork; state: 'confirmed' | 'already' | 'unusable'; following?: FollowingNow }> {
  const network = await followableNetwork(deps, slug);
  let state: ConfirmState | 'confirmed' = await linkState(deps, slug, id, token);
  if (state === 'open') {
    const confirmed = await deps.followers.confirm(slug, id, hashSecret(token!), deps.clock.now());
    // Lost a race with another press of the same button, or the link was replaced meanwhile.
    state = confirmed ? 'confirmed' : (await linkState(deps, slug, id, token)) === 'already' ? 'already' : 'unusable';
  }
  if (state === 'unusable') return { network, state };
  const following = await followingNow(deps, slug, id);
  return { network, state, ...(following ? { following } : {}) };
}

const linkInvalid = () => new AppError('forbidden', 'follow_link_invalid', 'This link is not valid. Use the whole link from the most recent email.');

/**
 * The follow a settings or one-click link names, if the link is the one its emails carry. A follow may be gone (it
 * ended): `follower` is undefined then. The network may be hidden since: unfollowing still works.
 */
export async function openSettings(deps: FollowsDeps, slug: string, id: string, token: string | undefined): Promise<{ networkName: string; follower?: StoredFollower }> {
  if (!token || !SLUG.test(slug) || !FOLLOWER_ID.test(id) || !followerTokenMatches(await deps.feedSecret(), slug, id, token)) throw linkInvalid();
  const [network, follower] = await Promise.all([deps.networks.get(slug), deps.followers.get(slug, id)]);
  return { networkName: network?.name ?? slug, ...(follower?.status === 'active' ? { follower } : {}) };
}

/** The settings page's "how often": true when changed, false when the follow has ended. */
export async function changeMode(deps: FollowsDeps, slug: string, id: string, token: string | undefined, raw: unknown): Promise<{ networkName: string; mode: FollowMode; changed: boolean }> {
  const { networkName } = await openSettings(deps, slug, id, token);
  const parsed = followModeSchema.safeParse(raw);
  if (!parsed.success) throw validationError(fieldIssues(parsed.error));
  return { networkName, mode: parsed.data.mode, changed: await deps.followers.setMode(slug, id, parsed.data.mode, deps.clock.now()) };
}

/** Unfollow by an email's link (the settings page's button, RFC 8058 one-click): at once, idempotent. */
export async function unfollowByLink(deps: FollowsDeps, slug: string, id: string, token: string | undefined): Promise<{ networkName: string; unfollowed: boolean }> {
  const { networkName } = await openSettings(deps, slug, id, token);
  return { networkName, unfollowed: await deps.followers.unfollow(slug, id, deps.clock.now()) };
}

/** "Unfollow" on "Your meetups": the signed-in person's own follow of `slug`. */
export async function unfollowMine(deps: FollowsDeps, viewer: Viewer, slug: string): Promise<boolean> {
  if (!SLUG.test(slug)) return false;
  return deps.followers.unfollow(slug, viewer.personId, deps.clock.now());
}
