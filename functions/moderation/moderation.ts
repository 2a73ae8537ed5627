// Moderation: the operators' use cases. Hiding takes a meetup or a network (with its meetups) off every public page,
// listing and feed, keeps its RSVPs, and emails its owners the reason in the same write; unhiding undoes exactly that.
// Approving or refusing a network waiting for approval. Every one is for a signed-in operator only.
import { AppError, notFound, validationError } from '#functions/core/errors.ts';
import { outboxMessage, type EmailPurpose, type OutboxMessage } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { monthOf } from '#functions/core/facets.ts';
import { newId } from '#functions/core/ids.ts';
import { networkSlugOf, type ActivityEntry, type Actor, type Moderation, type StoredNetwork, type TeamMember } from '#functions/core/network.ts';
import { sameAddress, type Viewer } from '#functions/core/viewer.ts';
import { horizonMonth, type ListingPlan } from '#functions/events/listing.ts';
import type { ModerationDeps } from './deps.ts';
import { meetupModerationEmail, networkModerationEmail, type Recipient } from './emails.ts';

export const MAX_REASON = 500;
/** A network's meetups hidden with it: its listings from this far back (older ones have left the listings' reach). */
const NETWORK_PAST_DAYS = 730;
const SAVE_ATTEMPTS = 3;

/** Only operators moderate (the pages send anyone else away first; this holds for every caller). */
function assertOperator(viewer: Viewer): void {
  if (!viewer.operator) throw new AppError('forbidden', 'not_operator', 'Only the people who run this Signpost site can do this.');
}

/** The reason owners are emailed: required, at most MAX_REASON characters. */
export function readReason(raw: string | null | undefined): string {
  const reason = (raw ?? '').trim();
  if (!reason) throw validationError([{ field: 'reason', message: 'Enter a reason: the owners are emailed it' }]);
  if (reason.length > MAX_REASON) throw validationError([{ field: 'reason', message: `Keep the reason to ${MAX_REASON} characters or fewer` }]);
  return reason;
}

/** A meetup's id from what an operator pasted: the id, or a link to its page, manage or confirm page. */
export function meetupIdFrom(raw: string | null | undefined): string {
  const text = (raw ?? '').trim();
  const id = /\/(?:events|manage|confirm)\/([a-z0-9]{1,40})(?:[/?#]|$)/.exec(text)?.[1] ?? (/^[a-z0-9]{1,40}$/.test(text) ? text : undefined);
  if (!id) throw validationError([{ field: 'meetup', message: 'Enter the meetup’s link or id, like https://…/events/abc123/lunch-club' }]);
  return id;
}

/** A network's slug from what an operator pasted: the slug, or a link to its page. */
export function networkSlugFrom(raw: string | null | undefined): string {
  const text = (raw ?? '').trim().toLowerCase();
  const slug = /\/networks\/([a-z0-9-]{1,60})(?:[/?#]|$)/.exec(text)?.[1] ?? (/^[a-z0-9-]{1,60}$/.test(text) ? text : undefined);
  if (!slug) throw validationError([{ field: 'network', message: 'Enter the network’s link or slug, like https://…/networks/manchester-nlpn' }]);
  return slug;
}

const actorOf = (viewer: Viewer): Actor => ({ email: viewer.email, name: 'The site’s operators', via: 'operator' });

const organisersOf = (team: TeamMember[]): Recipient[] => team.filter((m) => m.role === 'organiser').map((m) => ({ name: m.name, email: m.email }));

/** Each address once: the first recipient named for it wins. */
const unique = (people: Recipient[]) => people.filter((p, i) => people.findIndex((q) => sameAddress(q.email, p.email)) === i);

/** Saves `change(event)` if nobody changed the event meanwhile, re-reading and retrying a few times. */
async function saveEvent(
  deps: ModerationDeps, id: string, change: (e: StoredEvent) => StoredEvent | undefined, extras: (next: StoredEvent) => { emails: OutboxMessage[]; activity: ActivityEntry[] },
): Promise<{ before: StoredEvent; after?: StoredEvent }> {
  for (let attempt = 0; ; attempt++) {
    const before = await deps.events.get(id);
    if (!before) throw notFound('meetup');
    const after = change(before);
    if (!after) return { before };
    const saved = await deps.events.save(after, before, undefined, extras(after));
    if (saved.ok) return { before, after };
    if (saved.reason !== 'conflict' || attempt + 1 >= SAVE_ATTEMPTS)
      throw new AppError('conflict', 'edit_conflict', 'The meetup changed meanwhile. Try again.');
  }
}

interface MeetupOptions {
  /** Hidden because its network is: unhiding the network shows it again. */
  withNetwork?: boolean;
  /** Addresses already told in the network's own email, so not emailed again about each meetup. */
  alreadyTold?: string[];
}

/**
 * Hides a meetup, emailing its owner and its network's organisers. `changed` is false when it was hidden already
 * (then nothing is written, and a meetup hidden on its own stays so when its network is hidden and shown again).
 */
export async function hideMeetup(deps: ModerationDeps, viewer: Viewer, id: string, reason: string, options: MeetupOptions = {}) {
  return moderateMeetup(deps, viewer, id, reason, 'hidden', options);
}

/** Shows a hidden meetup again, emailing the same people. With `withNetwork`, only a meetup hidden with its network. */
export async function unhideMeetup(deps: ModerationDeps, viewer: Viewer, id: string, reason: string, options: MeetupOptions = {}) {
  return moderateMeetup(deps, viewer, id, reason, 'unhidden', options);
}

async function moderateMeetup(deps: ModerationDeps, viewer: Viewer, id: string, reason: string, kind: 'hidden' | 'unhidden', options: MeetupOptions) {
  assertOperator(viewer);
  const now = deps.clock.now();
  const at = now.toISOString();
  const current = await deps.events.get(id);
  if (!current) throw notFound('meetup');
  const slug = networkSlugOf(current);
  const network = slug ? await deps.networks.get(slug) : undefined;
  const team = network ? organisersOf(await deps.networks.team(network.slug)) : [];
  const told = options.alreadyTold ?? [];
  const recipients = unique([{ name: current.organiserName, email: current.organiserEmail }, ...team]).filter((p) => !told.some((t) => sameAddress(t, p.email)));

  const change = (e: StoredEvent): StoredEvent | undefined => {
    if (kind === 'hidden') {
      if (e.hidden) return undefined;
      const hidden: Moderation = { reason, at, by: viewer.email, ...(options.withNetwork ? { withNetwork: true } : {}) };
      return { ...e, hidden, updatedAt: at, version: e.version + 1 };
    }
    if (!e.hidden || (options.withNetwork && !e.hidden.withNetwork)) return undefined;
    const { hidden: _hidden, ...shown } = e;
    return { ...shown, updatedAt: at, version: e.version + 1 };
  };
  const purpose: EmailPurpose = kind === 'hidden' ? 'moderation-meetup-hidden' : 'moderation-meetup-unhidden';
  const extras = (next: StoredEvent) => ({
    emails: recipients.map((to) => outboxMessage(meetupModerationEmail(kind, next, to, reason, deps.siteUrl, deps.operatorEmail), purpose, now)),
    activity: network
      ? [{
          slug: network.slug, id: newId(12), at, actor: actorOf(viewer), eventId: next.id,
          action: kind === 'hidden' ? 'meetup.hidden' : 'meetup.unhidden',
          summary: `${kind === 'hidden' ? 'Hid' : 'Showed again'} “${next.title}”: ${reason}`,
        } satisfies ActivityEntry]
      : [],
  });

  // The register is written before a hide and cleared after an unhide, so it never misses a hidden meetup.
  if (kind === 'hidden' && !current.hidden)
    await deps.hiddenMeetups.add({
      eventId: id, title: current.title, ...(slug ? { networkSlug: slug } : {}),
      hidden: { reason, at, by: viewer.email, ...(options.withNetwork ? { withNetwork: true } : {}) },
    });
  const { before, after } = await saveEvent(deps, id, change, extras);
  // Cleared once shown, or when it was stale (the meetup was not hidden).
  if (kind === 'unhidden' && (after || !before.hidden)) await deps.hiddenMeetups.remove(id);
  return { changed: Boolean(after), event: after ?? current };
}

/** Every listed meetup of a network (published and cancelled; drafts are listed nowhere), from a while back on. */
async function listedMeetupIds(deps: ModerationDeps, slug: string): Promise<string[]> {
  const now = deps.clock.now();
  const from = new Date(now.getTime() - NETWORK_PAST_DAYS * 86_400_000).toISOString();
  const plan: ListingPlan = { facet: `net:${slug}`, fromSortKey: from, fromMonth: monthOf(from), lastMonth: horizonMonth(now), endsAfter: from, words: [] };
  const ids: string[] = [];
  let cursor: { m: string; k: string } | undefined;
  do {
    const page = await deps.events.list({ ...plan, ...(cursor ? { cursor } : {}) }, 100);
    // The facet is the network's; the check keeps an adapter that reads a wider partition honest.
    ids.push(...page.items.filter((e) => networkSlugOf(e) === slug).map((e) => e.id));
    cursor = page.nextCursor ? (JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString('utf8')) as { m: string; k: string }) : undefined;
  } while (cursor);
  return [...new Set(ids)];
}

async function networkOr404(deps: ModerationDeps, slug: string): Promise<StoredNetwork> {
  const network = await deps.networks.get(slug);
  if (!network) throw notFound('network');
  return network;
}

/** Saves the network's change with its email to the organisers and its activity line, retrying a lost race. */
async function saveNetwork(
  deps: ModerationDeps, viewer: Viewer, slug: string, change: (n: StoredNetwork) => StoredNetwork | undefined,
  kind: 'hidden' | 'unhidden' | 'approved' | 'refused', reason: string | undefined,
): Promise<{ network: StoredNetwork; changed: boolean; organisers: Recipient[] }> {
  assertOperator(viewer);
  const now = deps.clock.now();
  const organisers = organisersOf(await deps.networks.team(slug));
  for (let attempt = 0; ; attempt++) {
    const before = await networkOr404(deps, slug);
    const after = change(before);
    if (!after) return { network: before, changed: false, organisers };
    const saved = await deps.networks.save(after, before, {
      emails: organisers.map((to) => outboxMessage(networkModerationEmail(kind, after, to, reason, deps.siteUrl, deps.operatorEmail), `moderation-network-${kind}`, now)),
      activity: [{
        slug, id: newId(12), at: now.toISOString(), actor: actorOf(viewer), action: `network.${kind}`,
        summary: { hidden: 'Hid the network', unhidden: 'Showed the network again', approved: 'Approved the network', refused: 'Refused the network' }[kind] + (reason ? `: ${reason}` : ''),
      }],
    });
    if (saved.ok) return { network: after, changed: true, organisers };
    if (attempt + 1 >= SAVE_ATTEMPTS) throw new AppError('conflict', 'edit_conflict', 'The network changed meanwhile. Try again.');
  }
}

/**
 * Hides a network and each of its listed meetups (marked `withNetwork`). Asking again after a crash halfway finishes
 * the meetups: the network's own save is skipped when it is hidden already.
 */
export async function hideNetwork(deps: ModerationDeps, viewer: Viewer, slug: string, reason: string, kind: 'hidden' | 'refused' = 'hidden') {
  const at = deps.clock.now().toISOString();
  const result = await saveNetwork(deps, viewer, slug, (n) => (n.hidden ? undefined : { ...n, hidden: { reason, at, by: viewer.email }, updatedAt: at, version: n.version + 1 }), kind, reason);
  const told = result.organisers.map((o) => o.email);
  let meetups = 0;
  for (const id of await listedMeetupIds(deps, slug))
    if ((await hideMeetup(deps, viewer, id, reason, { withNetwork: true, alreadyTold: told })).changed) meetups++;
  return { ...result, meetups };
}

/** Shows a network again, and only those of its meetups that were hidden with it. */
export async function unhideNetwork(deps: ModerationDeps, viewer: Viewer, slug: string, reason: string) {
  const at = deps.clock.now().toISOString();
  const result = await saveNetwork(deps, viewer, slug, (n) => {
    if (!n.hidden) return undefined;
    const { hidden: _hidden, ...shown } = n;
    return { ...shown, updatedAt: at, version: n.version + 1 };
  }, 'unhidden', reason);
  const told = result.organisers.map((o) => o.email);
  let meetups = 0;
  for (const entry of await deps.hiddenMeetups.list())
    if (entry.networkSlug === slug && (await unhideMeetup(deps, viewer, entry.eventId, reason, { withNetwork: true, alreadyTold: told }).catch(gone)).changed) meetups++;
  return { ...result, meetups };
}

/** A register entry whose meetup has since been deleted changes nothing. */
const gone = (error: unknown) => {
  if (error instanceof AppError && error.kind === 'not_found') return { changed: false };
  throw error;
};

/** A network waiting for approval becomes public; its organisers are told. */
export async function approveNetwork(deps: ModerationDeps, viewer: Viewer, slug: string) {
  const at = deps.clock.now().toISOString();
  return saveNetwork(deps, viewer, slug, (n) => (n.status === 'pending' && !n.hidden ? { ...n, status: 'active', updatedAt: at, version: n.version + 1 } : undefined), 'approved', undefined);
}

/** Refusing a network waiting for approval hides it, with the reason its organisers are emailed. */
export async function refuseNetwork(deps: ModerationDeps, viewer: Viewer, slug: string, reason: string) {
  assertOperator(viewer);
  const network = await networkOr404(deps, slug);
  if (network.status !== 'pending') throw new AppError('conflict', 'not_pending', 'That network is not waiting for approval; hide it instead.');
  return hideNetwork(deps, viewer, slug, reason, 'refused');
}
