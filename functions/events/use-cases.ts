// Events use cases: list, read, submit (a draft, confirmed by email), publish, edit and cancel a meetup. Plain functions over the ports in EventsDeps.
import { AppError, notFound } from '#functions/core/errors.ts';
import { newId, newToken, hashSecret, tokenMatches } from '#functions/core/ids.ts';
import { claimFor, listingRules, rateLimited } from '#functions/ratelimit/rate-limit.ts';
import type { EventsDeps } from './deps.ts';
import type { EventEdit, EventInput, ListQuery } from './event.schema.ts';
import { cancelEvent, createEvent, editEvent, isLive, manageLinkValid, publishEvent, toManagedEvent, toPublicEvent, toSummary } from './event.ts';
import { confirmListingEmail, organiserLinks } from './emails.ts';
import { planListing } from './listing.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { NoticeWrite } from '#functions/core/notice.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { planNotice } from './change-notice.ts';

type Deps = Pick<EventsDeps, 'events' | 'clock' | 'siteUrl'>;
/** Editing may give new places to the waitlist. */
type EditDeps = Deps & Pick<EventsDeps, 'fillFreedPlaces'>;

export async function list(deps: Deps, query: ListQuery) {
  const page = await deps.events.list(planListing(query, deps.clock.now()), query.limit);
  return {
    items: page.items.map((e) => toSummary(e, deps.siteUrl)),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

export async function getPublished(deps: Deps, id: string) {
  const event = await deps.events.get(id);
  if (!event || event.status === 'draft') throw notFound();
  return event;
}

export async function submit(deps: Deps, input: EventInput, ip: string) {
  const now = deps.clock.now();
  const token = newToken();
  const event = createEvent(input, { id: newId(), tokenHash: hashSecret(token) }, now);
  const claims = [claimFor(listingRules.perIp, ip, now), claimFor(listingRules.perOrganiser, event.organiserEmail, now)];
  // The email is queued in the same write as the event: both are stored, or neither.
  const email = outboxMessage(confirmListingEmail(event, organiserLinks(deps.siteUrl, event, token)), 'listing-confirmation', now);
  const created = await deps.events.create(event, claims, [email]);
  if (!created.ok) throw created.reason === 'rate_limited' ? rateLimited(created.claim) : new AppError('conflict', 'id_taken', 'Please try again.');
  return event;
}

export async function authorised(deps: Deps, id: string, token: string): Promise<StoredEvent> {
  const event = await deps.events.get(id);
  const now = deps.clock.now();
  if (!event || !isLive(event, now)) throw notFound();
  if (!tokenMatches(token, event.manageTokenHash) || !manageLinkValid(event, now))
    throw new AppError('forbidden', 'invalid_token', 'This manage link is not valid or has expired. Use the latest link from your email.');
  return event;
}

export async function manage(deps: Deps, id: string, token: string) {
  return toManagedEvent(await authorised(deps, id, token), deps.siteUrl, deps.clock.now());
}

/** Saves an edit, unless someone changed the meetup (or sent its open change notice) meanwhile: then they reload. */
export async function saveEvent(deps: Pick<EventsDeps, 'events'>, next: StoredEvent, previous: StoredEvent, notice?: NoticeWrite) {
  const saved = await deps.events.save(next, previous, notice);
  if (!saved.ok) throw new AppError('conflict', 'edit_conflict', 'The meetup changed meanwhile. Reload to see the latest version.');
}

async function change(deps: Deps, id: string, token: string, apply: (e: StoredEvent, now: Date) => StoredEvent) {
  const current = await authorised(deps, id, token);
  const now = deps.clock.now();
  const applied = apply(current, now);
  if (applied === current) return toManagedEvent(current, deps.siteUrl, now);
  // A cancellation tells everyone with a place or on the waitlist (the reminder sweep sends it).
  const { next, notice } = planNotice(current, applied, now);
  await saveEvent(deps, next, current, notice);
  return toManagedEvent(next, deps.siteUrl, now);
}

export const publish = (deps: Deps, id: string, token: string) => change(deps, id, token, publishEvent);
export const cancel = (deps: Deps, id: string, token: string) => change(deps, id, token, cancelEvent);
/** Raising (or removing) the capacity gives the new places to the waitlist, in order. */
export async function edit(deps: EditDeps, id: string, edit: EventEdit) {
  const before = await authorised(deps, id, edit.token);
  const now = deps.clock.now();
  // A new time, place or joining link is emailed to everyone, a few minutes later, so a burst of edits is one email.
  const { next: after, notice } = planNotice(before, editEvent(before, edit, now), now);
  await saveEvent(deps, after, before, notice);
  await deps.fillFreedPlaces(before, after);
  return toManagedEvent((await deps.events.get(id)) ?? after, deps.siteUrl, deps.clock.now());
}

export const publicView = (deps: Deps, event: StoredEvent) => toPublicEvent(event, deps.siteUrl, deps.clock.now());
