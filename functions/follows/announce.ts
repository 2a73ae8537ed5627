// Follows use case: announcements. Each network's gathering (meetups published within ANNOUNCE_WINDOW_MINUTES) is
// sealed, once due, into an open broadcast; the fan-out then sends its followers who chose "each new meetup" one
// email, claimed per follower, so a crash or a repeat never sends twice. What it announces is read again at fan-out:
// a meetup unpublished, hidden or started meanwhile is left out, and a broadcast with none left sends nothing.
import type { StoredBroadcast } from '#functions/core/broadcast.ts';
import { newId } from '#functions/core/ids.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredNetwork } from '#functions/core/network.ts';
import { fanOut, type FanOutResult } from '#functions/mail/fan-out.ts';
import { announcementEmail } from './announcement-emails.ts';
import { dressForFollower } from './follower-email.ts';
import type { FollowSweepDeps } from './sweep-deps.ts';

/** A network whose followers may be mailed: public (not hidden, not waiting for approval). */
export const networkShown = (network: StoredNetwork | undefined): network is StoredNetwork =>
  Boolean(network && !network.hidden && network.status === 'active');

/** A meetup still worth announcing at `now`. */
export const announceable = (now: Date) => (e: StoredEvent | undefined): e is StoredEvent =>
  Boolean(e && e.status === 'published' && !e.hidden && Date.parse(e.startUtc) > now.getTime());

const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Seals every due gathering into its broadcast; returns how many it sealed (one a publish overtook waits a sweep). */
export async function sealDueAnnouncements(deps: FollowSweepDeps): Promise<number> {
  const now = deps.clock.now();
  let sealed = 0;
  for (const gathering of await deps.announcements.due(now)) {
    const broadcast: StoredBroadcast = {
      id: `ann-${gathering.networkSlug}-${compact(gathering.dueAt)}-${newId(6)}`,
      kind: 'announcement',
      networkSlug: gathering.networkSlug,
      eventIds: gathering.eventIds,
      createdAt: now.toISOString(),
      status: 'open',
    };
    if (await deps.announcements.seal(gathering, broadcast)) sealed++;
  }
  return sealed;
}

export async function resumeAnnouncement(deps: FollowSweepDeps, broadcast: StoredBroadcast): Promise<FanOutResult> {
  const now = deps.clock.now();
  const network = broadcast.networkSlug ? await deps.networks.get(broadcast.networkSlug) : undefined;
  const events = networkShown(network) ? (await Promise.all((broadcast.eventIds ?? []).map((id) => deps.events.get(id)))).filter(announceable(now)) : [];
  if (!network || !events.length) {
    await deps.broadcasts.finish(broadcast.id, 0, now);
    return { queued: 0, skipped: 0 };
  }
  const followers = (await deps.followers.active(network.slug)).filter((f) => f.mode === 'each');
  const secret = await deps.feedSecret();
  return fanOut(deps, broadcast, followers, {
    keyOf: (f) => f.id,
    addressOf: (f) => f.email,
    purpose: 'announcement',
    concurrency: deps.concurrency ?? 8,
    emailOf: (f) => dressForFollower(announcementEmail(network, events, f, deps.siteUrl), { siteUrl: deps.siteUrl, secret, network, follower: f }),
  });
}
