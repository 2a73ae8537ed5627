// Events use cases: list, read, submit (a draft, confirmed by email), publish, edit and cancel a meetup. Plain functions over the ports in EventsDeps.
import { AppError, notFound, validationError } from '#functions/core/errors.ts';
import { newId, newToken, hashSecret, tokenMatches } from '#functions/core/ids.ts';
import { claimFor, listingRules, rateLimited } from '#functions/ratelimit/rate-limit.ts';
import type { EventsDeps } from './deps.ts';
import { checkEventEdit, checkEventInput, eventEditSchema, type EventInput, type ListQuery } from './event.schema.ts';
import { fieldIssues } from '#functions/http/schemas.ts';
import { cancelEvent, createEvent, editEvent, isLive, manageLinkValid, publishEvent, toManagedEvent, toPublicEvent, toSummary } from './event.ts';
import { confirmListingEmail, organiserLinks } from './emails.ts';
import { horizonMonth, isEmptyWindow, nextMonth, planListing } from './listing.ts';
import { monthOf } from '#functions/core/facets.ts';
import { places } from '#functions/core/availability.ts';
import type { EventSummary, StoredEvent } from '#functions/core/event.ts';
import type { NoticeWrite } from '#functions/core/notice.ts';
import type { SaveExtras } from './events.repository.ts';
import { asksForNewAddress, requestChange } from './organiser-email.ts';
import { changeRequestedEmail, confirmNewAddressEmail, organiserEmailLinks } from './organiser-emails.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { planNotice } from './change-notice.ts';

type Deps = Pick<EventsDeps, 'events' | 'clock' | 'siteUrl'>;
/** Editing may give new places to the waitlist. */
type EditDeps = Deps & Pick<EventsDeps, 'fillFreedPlaces'>;

/** A page of upcoming meetups; each card's places where the meetup has a capacity and is not cancelled. */
export async function list(deps: Deps, query: ListQuery): Promise<{ items: EventSummary[]; nextCursor?: string }> {
  const plan = planListing(query, deps.clock.now());
  const page = isEmptyWindow(plan) ? { items: [] } : await deps.events.list(plan, query.limit);
  return {
    items: page.items.map(({ counts, ...e }) => ({
      ...toSummary(e, deps.siteUrl),
      ...(counts ? { places: places({ capacity: e.capacity, confirmedCount: counts.confirmed, waitlistCount: counts.waitlist }) } : {}),
    })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

export async function getPublished(deps: Deps, id: string) {
  const event = await deps.events.get(id);
  if (!event || event.status === 'draft') throw notFound();
  return event;
}

/**
 * A listing as sent (JSON, or a form's fields as an object), checked in one round: every field, the cross-field rules
 * and the clock's (a start in the past). Throws one validation error naming each problem.
 */
export function readListing(deps: Pick<EventsDeps, 'clock'>, raw: unknown): EventInput {
  const checked = checkEventInput(raw, deps.clock.now());
  if (!checked.ok) throw validationError(checked.issues);
  return checked.data;
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
export async function saveEvent(deps: Pick<EventsDeps, 'events'>, next: StoredEvent, previous: StoredEvent, notice?: NoticeWrite, extras?: SaveExtras) {
  const saved = await deps.events.save(next, previous, notice, extras);
  if (saved.ok) return;
  if (saved.reason === 'rate_limited') throw rateLimited(saved.claim);
  throw new AppError('conflict', 'edit_conflict', 'The meetup changed meanwhile. Reload to see the latest version.');
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
/**
 * Saves an edit sent as `body` (checked in one round, like a new listing; a start left as it was may be past).
 * Raising (or removing) the capacity gives the new places to the waitlist, in order. A different organiser address
 * is not saved: it is asked for, with a link to the new address and a notice to the old one, in the same write.
 */
export async function edit(deps: EditDeps, id: string, body: unknown) {
  const token = eventEditSchema.shape.token.safeParse((body as { token?: unknown } | null)?.token);
  if (!token.success) {
    const parsed = eventEditSchema.safeParse(body);
    throw validationError(parsed.success ? fieldIssues(token.error) : fieldIssues(parsed.error));
  }
  const before = await authorised(deps, id, token.data);
  const now = deps.clock.now();
  const checked = checkEventEdit(body, now, before);
  if (!checked.ok) throw validationError(checked.issues);
  const input = checked.data;
  let edited = editEvent(before, input, now);
  let extras: SaveExtras | undefined;
  if (asksForNewAddress(before, input.organiserEmail, now)) {
    const tokens = { confirm: newToken(), stop: newToken() };
    edited = requestChange(edited, input.organiserEmail, { tokenHash: hashSecret(tokens.confirm), stopTokenHash: hashSecret(tokens.stop) }, now);
    const { email } = edited.organiserEmailChange!;
    const links = organiserEmailLinks(deps.siteUrl, id, tokens);
    extras = {
      emails: [
        outboxMessage(confirmNewAddressEmail(edited, email, links.confirmUrl), 'organiser-email-confirm', now),
        outboxMessage(changeRequestedEmail(edited, email, links.stopUrl), 'organiser-email-requested', now),
      ],
      // The same limit as listing with that address: the form cannot be used to mail a stranger more often.
      claims: [claimFor(listingRules.perOrganiser, email, now)],
    };
  }
  // A new time, place or joining link is emailed to everyone, a few minutes later, so a burst of edits is one email.
  const { next: after, notice } = planNotice(before, edited, now);
  await saveEvent(deps, after, before, notice, extras);
  await deps.fillFreedPlaces(before, after);
  return toManagedEvent((await deps.events.get(id)) ?? after, deps.siteUrl, deps.clock.now());
}

export const publicView = (deps: Deps, event: StoredEvent) => toPublicEvent(event, deps.siteUrl, deps.clock.now());

/**
 * Upgrading from a version of Signpost before search: gives every upcoming listing entry the match text the filters
 * read (see README, "Existing data"). Run once by `npm start` on every start, and after a deploy by
 * `npm run backfill-listings`. Idempotent; returns how many entries it rewrote.
 */
export async function backfillListingMatch(deps: Pick<EventsDeps, 'events' | 'clock'>): Promise<number> {
  const now = deps.clock.now();
  const months: string[] = [];
  for (let m = monthOf(now.toISOString()); m <= horizonMonth(now); m = nextMonth(m)) months.push(m);
  return deps.events.backfillListingMatch(months);
}
