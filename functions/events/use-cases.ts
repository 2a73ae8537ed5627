// Events use cases: list, read, submit (a draft confirmed by email, or published at once when signed in), publish,
// edit and cancel a meetup. Plain functions over the ports in EventsDeps; who may manage is manage-access.ts's.
import { AppError, notFound, validationError } from '#functions/core/errors.ts';
import { newId, newToken, hashSecret } from '#functions/core/ids.ts';
import { sameAddress, type Viewer } from '#functions/core/viewer.ts';
import { claimFor, listingRules, rateLimited } from '#functions/ratelimit/rate-limit.ts';
import type { EventsDeps } from './deps.ts';
import { checkEventEdit, checkEventInput, eventEditSchema, type EventInput, type ListQuery } from './event.schema.ts';
import { fieldIssues } from '#functions/http/schemas.ts';
import { cancelEvent, createEvent, editEvent, publishEvent, toManagedEvent, toPublicEvent, toSummary, withCpdDefaults } from './event.ts';
import { authorise, authorised, type Caller } from './manage-access.ts';
import { networkForEdit, networkForListing } from './listing-network.ts';
import { meetupActivity } from './activity.ts';
import { confirmListingEmail, organiserLinks } from './emails.ts';
import { horizonMonth, isEmptyWindow, nextMonth, planListing } from './listing.ts';
import { monthOf } from '#functions/core/facets.ts';
import { places } from '#functions/core/availability.ts';
import type { EventSummary, StoredEvent } from '#functions/core/event.ts';
import type { NoticeWrite } from '#functions/core/notice.ts';
import type { Announce, SaveExtras } from './events.repository.ts';
import { asksForNewAddress, requestChange } from './organiser-email.ts';
import { changeRequestedEmail, confirmNewAddressEmail, organiserEmailLinks } from './organiser-emails.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { planNotice } from './change-notice.ts';
import { isEmptyChange, laterEdit, seriesChange, seriesIdFor, seriesIds, seriesOf } from './series.ts';
import type { RateClaim } from '#functions/ratelimit/rate-limit.ts';
import type { ActivityEntry, Actor } from '#functions/core/network.ts';
import { eventPath, type Repeat } from '#functions/core/event.ts';
import type { SeriesView } from '#views/event-page.ts';

/** Reading and listing meetups. */
type ReadDeps = Pick<EventsDeps, 'events' | 'clock' | 'siteUrl'>;
/** Listing and managing them: who is signed in, and their networks. */
type Deps = ReadDeps & Pick<EventsDeps, 'networks' | 'sessions'>;
/** Editing may give new places to the waitlist. */
type EditDeps = Deps & Pick<EventsDeps, 'fillFreedPlaces'>;

/** A page of upcoming meetups; each card's places where the meetup has a capacity and is not cancelled. */
export async function list(deps: ReadDeps, query: ListQuery): Promise<{ items: EventSummary[]; nextCursor?: string }> {
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

/** A meetup anyone may see: published or cancelled, and not hidden by the operators (a hidden one is as unknown). */
export async function getPublished(deps: Pick<EventsDeps, 'events'>, id: string) {
  const event = await deps.events.get(id);
  if (!event || event.status === 'draft' || event.hidden) throw notFound();
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

/** How a listing went: a draft waiting for its emailed link, or (signed in with the same address) published at once. */
export type Submitted = { event: StoredEvent; published: boolean; series?: StoredEvent[] };

/**
 * Stores a new listing. Signed out, or for another address, it is a draft and the confirmation link is emailed (in
 * the same write). Signed in with the organiser's own address, that address is already proven: it is published at
 * once, with no email, and the name is remembered for the next form.
 */
export async function submit(deps: Deps, input: EventInput, ip: string, viewer?: Viewer): Promise<Submitted> {
  const chosen = await networkForListing(deps, input.network, viewer);
  if (!chosen.ok) throw validationError([chosen.issue]);
  const now = deps.clock.now();
  const token = newToken();
  const made = createEvent(input, { id: newId(), tokenHash: hashSecret(token) }, now);
  const cpd = withCpdDefaults(made.cpd, chosen.cpdDefaults);
  const draft: StoredEvent = { ...made, ...chosen.fields, cpd };
  const claims = [claimFor(listingRules.perIp, ip, now), claimFor(listingRules.perOrganiser, draft.organiserEmail, now)];
  const verified = viewer !== undefined && sameAddress(viewer.email, draft.organiserEmail);
  const event = verified ? publishEvent(draft, now) : draft;
  // The email is queued in the same write as the event: both are stored, or neither.
  const emails = verified ? [] : [outboxMessage(confirmListingEmail(event, organiserLinks(deps.siteUrl, event, token)), 'listing-confirmation', now)];
  const activity = verified ? await meetupActivity(deps, [event], { email: viewer.email, name: event.organiserName, via: 'session' }, 'listed', now) : [];
  if (input.repeat !== 'never') {
    if (!verified) throw validationError([{ field: 'repeat', message: SERIES_SIGN_IN }]);
    return submitSeries(deps, event, input, claims, activity, viewer);
  }
  const { event: announced, announce } = await announcing(deps, event, now);
  const created = await deps.events.create(announced, claims, emails, { activity, ...(announce ? { announce } : {}) });
  if (!created.ok) throw created.reason === 'rate_limited' ? rateLimited(created.claim) : new AppError('conflict', 'id_taken', 'Please try again.');
  if (verified) await deps.sessions.rememberName(viewer.personId, announced.organiserName);
  return { event: announced, published: verified };
}

/** A series is listed signed in with the organiser's own address: published at once, so no twelve confirmation emails. */
export const SERIES_SIGN_IN = 'Sign in with the organiser’s email address to list a series';

/**
 * A series: its first meetup (published) and the rest on their dates, each its own meetup, stored together; the
 * followers of its network get one announcement entry for all of it. The series key makes a retry complete it.
 */
async function submitSeries(deps: Deps, first: StoredEvent, input: EventInput, claims: RateClaim[], activity: ActivityEntry[], viewer: Viewer): Promise<Submitted> {
  const now = deps.clock.now();
  // Without the form's key (an API call), the same listing sent again is the same series: a retry completes it.
  const key = input.seriesKey ?? hashSecret(JSON.stringify([input.title, input.start, input.end, input.timezone, input.repeat, input.times]));
  const all = seriesOf(first, input.repeat as Repeat, input.times!, seriesIdFor(first.organiserEmail, key));
  // The key sent again with another listing (the form re-sent after a change): not a retry, so nothing is skipped
  // silently; they start a new listing.
  const stored = await deps.events.get(all[0]!.id);
  if (stored && (stored.title !== all[0]!.title || stored.startUtc !== all[0]!.startUtc || stored.series?.repeat !== input.repeat || stored.series?.count !== input.times)) {
    throw new AppError('conflict', 'series_listed', 'This form listed a series already. To list another, open “List a free meetup” again.');
  }
  const { event: announced, announce } = await announcing(deps, all[0]!, now);
  const series = all.map((e) => (announced.announcedAt ? { ...e, announcedAt: announced.announcedAt } : e));
  const created = await deps.events.createSeries(series, claims, {
    activity: activity.map((a) => ({ ...a, eventId: series[0]!.id })),
    ...(announce ? { announce: { ...announce, eventIds: series.map((e) => e.id) } } : {}),
  });
  if (!created.ok) throw created.reason === 'rate_limited' ? rateLimited(created.claim) : new AppError('conflict', 'id_taken', 'Please try again.');
  await deps.sessions.rememberName(viewer.personId, first.organiserName);
  return { event: series[0]!, published: true, series };
}

/** The other meetups of an event's series, in date order, as stored (a series' ids follow from its id). */
export async function seriesSiblings(deps: Pick<EventsDeps, 'events'>, event: StoredEvent): Promise<StoredEvent[]> {
  if (!event.series) return [];
  const found = await Promise.all(seriesIds(event.series).filter((id) => id !== event.id).map((id) => deps.events.get(id)));
  return found.filter((e): e is StoredEvent => Boolean(e));
}

/** A meetup's series for its pages: every published date (its own too), in order; undefined for a single meetup. */
export async function seriesView(deps: Pick<EventsDeps, 'events' | 'siteUrl'>, event: StoredEvent): Promise<SeriesView | undefined> {
  if (!event.series) return undefined;
  const all = [event, ...(await seriesSiblings(deps, event))].filter((e) => e.status !== 'draft' && !e.hidden).sort((a, b) => a.series!.index - b.series!.index);
  return {
    repeat: event.series.repeat,
    index: event.series.index,
    dates: all.map((e) => ({ id: e.id, url: deps.siteUrl + eventPath(e), start: e.startUtc, end: e.endUtc, timezone: e.timezone, cancelled: e.status === 'cancelled' })),
  };
}

export { authorise, authorised, type Caller } from './manage-access.ts';

export async function manage(deps: Deps, id: string, caller: Caller | string) {
  return toManagedEvent(await authorised(deps, id, caller), deps.siteUrl, deps.clock.now());
}

/** Saves an edit, unless someone changed the meetup (or sent its open change notice) meanwhile: then they reload. */
export async function saveEvent(deps: Pick<EventsDeps, 'events'>, next: StoredEvent, previous: StoredEvent, notice?: NoticeWrite, extras?: SaveExtras) {
  const saved = await deps.events.save(next, previous, notice, extras);
  if (saved.ok) return;
  if (saved.reason === 'rate_limited') throw rateLimited(saved.claim);
  throw new AppError('conflict', 'edit_conflict', 'The meetup changed meanwhile. Reload to see the latest version.');
}

async function change(deps: Deps, id: string, caller: Caller | string, action: 'published' | 'cancelled', apply: (e: StoredEvent, now: Date) => StoredEvent) {
  const { event: current, actor } = await authorise(deps, id, caller);
  if (action === 'published' && current.status === 'draft') await assertNetworkShown(deps, current);
  const now = deps.clock.now();
  const applied = apply(current, now);
  if (applied === current) return toManagedEvent(current, deps.siteUrl, now);
  // A cancellation tells everyone with a place or on the waitlist (the reminder sweep sends it).
  const planned = planNotice(current, applied, now);
  const { event: next, announce } = await announcing(deps, planned.next, now);
  await saveEvent(deps, next, current, planned.notice, { activity: await meetupActivity(deps, [current, next], actor, action, now), ...(announce ? { announce } : {}) });
  return toManagedEvent(next, deps.siteUrl, now);
}

/**
 * A meetup being published joins its network's next announcement to followers, once: it is marked announced in the
 * same write, so later edits, re-saves and a cancellation never announce it again. Only a network that exists (an
 * older free-text label has no followers), and only a meetup still to start.
 */
export async function announcing(deps: Pick<Deps, 'networks'>, event: StoredEvent, now: Date): Promise<{ event: StoredEvent; announce?: Announce }> {
  if (event.status !== 'published' || event.announcedAt || !event.networkSlug || Date.parse(event.startUtc) <= now.getTime()) return { event };
  if (!(await deps.networks.get(event.networkSlug))) return { event };
  return { event: { ...event, announcedAt: now.toISOString() }, announce: { networkSlug: event.networkSlug, eventIds: [event.id] } };
}

/** A draft of a network the operators hid (or have not approved yet) stays a draft: nothing of it may go public. */
async function assertNetworkShown(deps: Deps, event: StoredEvent) {
  const network = event.networkSlug ? await deps.networks.get(event.networkSlug) : undefined;
  if (network?.hidden)
    throw new AppError('conflict', 'network_hidden', `This meetup’s network, ${network.name}, has been hidden by this site’s operators, so the meetup can’t be published. Its organisers were emailed the reason.`);
  if (network?.status === 'pending')
    throw new AppError('conflict', 'network_pending', `This meetup’s network, ${network.name}, is waiting for this site’s operators to approve it. The meetup can be published once they have.`);
}

export const publish = (deps: Deps, id: string, caller: Caller | string) => change(deps, id, caller, 'published', publishEvent);
export const cancel = (deps: Deps, id: string, caller: Caller | string) => change(deps, id, caller, 'cancelled', cancelEvent);
/**
 * Saves an edit sent as `body` (checked in one round, like a new listing; a start left as it was may be past).
 * Raising (or removing) the capacity gives the new places to the waitlist, in order. A different organiser address
 * is not saved: it is asked for, with a link to the new address and a notice to the old one, in the same write.
 * The manage link's token comes in the body; without one, the signed-in `viewer` must be allowed to manage it.
 */
export async function edit(deps: EditDeps, id: string, body: unknown, viewer?: Viewer) {
  const sent = (body as { token?: unknown; network?: unknown } | null) ?? {};
  const token = eventEditSchema.shape.token.safeParse(sent.token);
  if (!token.success) {
    const parsed = eventEditSchema.safeParse(body);
    throw validationError(parsed.success ? fieldIssues(token.error) : fieldIssues(parsed.error));
  }
  const { event: before, actor } = await authorise(deps, id, { token: token.data, viewer });
  const now = deps.clock.now();
  const checked = checkEventEdit(body, now, before);
  const chosen = await networkForEdit(deps, before, sent.network, viewer);
  if (!checked.ok || !chosen.ok) throw validationError([...(checked.ok ? [] : checked.issues), ...(chosen.ok ? [] : [chosen.issue])]);
  const input = checked.data;
  let edited: StoredEvent = { ...editEvent(before, input, now), ...chosen.fields };
  let extras: SaveExtras = {};
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
  await saveEvent(deps, after, before, notice, { ...extras, activity: await meetupActivity(deps, [before, after], actor, 'edited', now) });
  await deps.fillFreedPlaces(before, after);
  if (input.applyTo === 'later' && before.series) await editLater(deps, before, after, actor, now);
  return toManagedEvent((await deps.events.get(id)) ?? after, deps.siteUrl, deps.clock.now());
}

/**
 * "This and all later ones": the later meetups of the series still to come take on the new time of day, place,
 * joining link and description, each saved as its own edit, so each one's people get its change notice as usual.
 */
async function editLater(deps: EditDeps, before: StoredEvent, after: StoredEvent, actor: Actor, now: Date) {
  const change = seriesChange(before, after);
  if (isEmptyChange(change)) return;
  const later = (await seriesSiblings(deps, before)).filter(
    (e) => e.series!.index > before.series!.index && e.status !== 'cancelled' && Date.parse(e.startUtc) > now.getTime(),
  );
  for (const current of later) {
    const edited: StoredEvent = { ...editEvent(current, laterEdit(current, change), now), network: current.network, networkSlug: current.networkSlug };
    const { next, notice } = planNotice(current, edited, now);
    await saveEvent(deps, next, current, notice, { activity: await meetupActivity(deps, [current, next], actor, 'edited', now) });
  }
}

export const publicView = (deps: ReadDeps, event: StoredEvent) => toPublicEvent(event, deps.siteUrl, deps.clock.now());

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

/**
 * Upgrading from a version of Signpost before "your meetups": gives every event item its place in the organiser
 * index (see README, "Existing data"). Run once after a deploy by `npm run backfill`. Idempotent; returns how many
 * events it rewrote.
 */
export const backfillOrganiserIndex = (deps: Pick<EventsDeps, 'events'>): Promise<number> => deps.events.backfillOrganiserIndex();
