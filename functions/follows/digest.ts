// Follows use case: the weekly digest. Once a week (the schedule's `{ job: 'digest' }`) each public network with
// digest followers gets a broadcast `digest-<slug>-<isoWeek>`, so a repeated run finds the one already made and only
// resumes it. Its content is read at fan-out: meetups published in the last DIGEST_NEW_DAYS still to come ("New this
// week"), and those starting in the next DIGEST_AHEAD_DAYS ("Coming up"). A week with neither sends nothing.
import type { StoredBroadcast } from '#functions/core/broadcast.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredNetwork } from '#functions/core/network.ts';
import { horizonMonth, localDate, monthOf, type ListingPlan } from '#functions/events/listing.ts';
import { fanOut, type FanOutResult } from '#functions/mail/fan-out.ts';
import { announceable, networkShown } from './announce.ts';
import { digestEmail, type DigestContent } from './announcement-emails.ts';
import { dressForFollower } from './follower-email.ts';
import type { FollowSweepDeps } from './sweep-deps.ts';

export const DIGEST_NEW_DAYS = 7;
export const DIGEST_AHEAD_DAYS = 14;
/** Upcoming meetups read per network: far more than a network lists in a season. */
const UPCOMING_READ = 200;

/** The ISO week of a date (YYYY-MM-DD), e.g. 2026-W49: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const weekday = day.getUTCDay() || 7;
  // The Thursday of this week decides the year it belongs to.
  const thursday = new Date(day.getTime() + (4 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** What this week's digest of the network lists, at `now`. */
export async function digestContent(deps: FollowSweepDeps, slug: string, now: Date): Promise<DigestContent> {
  const at = now.toISOString();
  // The network's listing from now to the horizon: an index Query over its facet's months.
  const plan: ListingPlan = { facet: `net:${slug}`, fromSortKey: at, fromMonth: monthOf(at), lastMonth: horizonMonth(now), endsAfter: at, words: [] };
  const page = await deps.events.list(plan, UPCOMING_READ);
  // The listing has no publishing time or place counts: the meetups themselves do.
  const events = (await Promise.all(page.items.filter((e) => e.status === 'published').map((e) => deps.events.get(e.id)))).filter(announceable(now));
  const newSince = now.getTime() - DIGEST_NEW_DAYS * 86_400_000;
  const aheadUntil = now.getTime() + DIGEST_AHEAD_DAYS * 86_400_000;
  const isNew = (e: StoredEvent) => Date.parse(e.publishedAt ?? e.createdAt) >= newSince;
  return {
    fresh: events.filter(isNew),
    coming: events.filter((e) => !isNew(e) && Date.parse(e.startUtc) < aheadUntil),
  };
}

const isEmpty = (c: DigestContent) => !c.fresh.length && !c.coming.length;

/** This week's digest broadcasts, made for each public network with digest followers and something to list. */
export async function startDigests(deps: FollowSweepDeps): Promise<{ created: number; existing: number }> {
  const now = deps.clock.now();
  const week = isoWeek(localDate(now));
  const result = { created: 0, existing: 0 };
  for (const network of (await deps.networks.list()).filter(networkShown)) {
    if (!(await deps.followers.active(network.slug)).some((f) => f.mode === 'digest')) continue;
    if (isEmpty(await digestContent(deps, network.slug, now))) continue;
    const created = await deps.broadcasts.create({
      id: `digest-${network.slug}-${week}`, kind: 'digest', networkSlug: network.slug, week, createdAt: now.toISOString(), status: 'open',
    });
    if (created.ok) result.created++;
    else result.existing++;
  }
  return result;
}

export async function resumeDigest(deps: FollowSweepDeps, broadcast: StoredBroadcast): Promise<FanOutResult> {
  const now = deps.clock.now();
  const network: StoredNetwork | undefined = broadcast.networkSlug ? await deps.networks.get(broadcast.networkSlug) : undefined;
  const content = networkShown(network) ? await digestContent(deps, network.slug, now) : undefined;
  if (!network || !content || isEmpty(content)) {
    await deps.broadcasts.finish(broadcast.id, 0, now);
    return { queued: 0, skipped: 0 };
  }
  const followers = (await deps.followers.active(network.slug)).filter((f) => f.mode === 'digest');
  const secret = await deps.feedSecret();
  return fanOut(deps, broadcast, followers, {
    keyOf: (f) => f.id,
    addressOf: (f) => f.email,
    purpose: 'digest',
    concurrency: deps.concurrency ?? 8,
    emailOf: (f) => dressForFollower(digestEmail(network, content, f, deps.siteUrl), { siteUrl: deps.siteUrl, secret, network, follower: f }),
  });
}
