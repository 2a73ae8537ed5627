// Events domain: pure rules for creating, publishing, editing and cancelling a meetup, and its public views.
// No AWS or HTTP imports.
import { validationError, AppError } from '#functions/core/errors.ts';
import type { EventEdit } from './event.schema.ts';
import { timingCheck } from './local-time.ts';
import { pendingOrganiserEmail } from './organiser-email.ts';
import type { SummarySource } from './listing.ts';
import { places, rsvpAvailability } from '#functions/core/availability.ts';
import { slugify } from '#functions/core/slug.ts';
import { networkSlugOf } from '#functions/core/network.ts';
import { eventPageSlug, NETWORK_PAGES } from '#functions/core/paths.ts';
import type { EventFields } from './event.schema.ts';
import { COUNTER_FIELDS, eventPath, type CpdDetails, type EventSummary, type ManagedEvent, type PublicCpd, type PublicEvent, type StoredEvent } from '#functions/core/event.ts';
import type { CpdDefaults } from '#functions/core/network.ts';
import { cpdDetailsFrom } from '#functions/core/cpd-details.ts';
import { defaultQuarters, hoursOf, hoursText, pksbName } from '#functions/core/cpd.ts';



export const DRAFT_LIFETIME_DAYS = 7;
export const MANAGE_LINK_DAYS_AFTER_END = 90;

export { localToUtc } from './local-time.ts';

interface Timing {
  startLocal: string;
  endLocal: string;
  startUtc: string;
  endUtc: string;
}

/** The instants of a meetup's times; refuses (every problem at once) what the clock rules out. */
function timing(input: Pick<EventFields, 'start' | 'end' | 'timezone'>, now: Date, startUnchanged = false): Timing {
  const { issues, start, end } = timingCheck(input, now, startUnchanged);
  if (issues.length || !start || !end) throw validationError(issues);
  return {
    startLocal: input.start.slice(0, 16),
    endLocal: input.end.slice(0, 16),
    startUtc: start.toISOString(),
    endUtc: end.toISOString(),
  };
}

function fields(input: EventFields) {
  return {
    title: input.title,
    slug: eventPageSlug(slugify(input.title)),
    description: input.description,
    timezone: input.timezone,
    format: input.format,
    venue: input.format === 'online' ? undefined : input.venue,
    onlineUrl: input.format === 'in_person' ? undefined : input.onlineUrl,
    onlineUrlPublic: input.format !== 'in_person' && input.onlineUrl && input.onlineUrlPublic ? true : undefined,
    capacity: input.capacity,
    organiserName: input.organiserName,
    organiserEmail: input.organiserEmail.toLowerCase(),
    network: input.network,
    tags: input.tags,
    openToAll: input.openToAll,
    accessibility: input.accessibility,
    cpd: cpdDetailsFrom(input.cpd),
  };
}

/**
 * A new meetup's CPD details with its network's defaults, copied in (so a later change to the defaults leaves past
 * meetups alone): the default hours when it sets none, and the outcomes, areas and format when it names none of its
 * own. Its own hours stay either way.
 */
export function withCpdDefaults(own: CpdDetails | undefined, defaults: CpdDefaults | undefined): CpdDetails | undefined {
  if (!defaults) return own;
  const { quarters: defaultHours, ...described } = defaults;
  const { quarters: ownHours, ...ownDescribed } = own ?? {};
  const quarters = ownHours ?? defaultHours;
  const merged: CpdDetails = { ...(quarters !== undefined ? { quarters } : {}), ...(Object.keys(ownDescribed).length ? ownDescribed : described) };
  return Object.keys(merged).length ? merged : undefined;
}

/** "Counts towards your CPD", when any detail is set: the hours the organiser set, else the meetup's length. */
export function publicCpd(e: Pick<StoredEvent, 'cpd' | 'startUtc' | 'endUtc'>): PublicCpd | undefined {
  if (!e.cpd) return undefined;
  const quarters = e.cpd.quarters ?? defaultQuarters(e.startUtc, e.endUtc);
  return {
    hours: hoursOf(quarters),
    hoursText: hoursText(quarters),
    ...(e.cpd.format ? { format: e.cpd.format } : {}),
    outcomes: e.cpd.outcomes ?? [],
    areas: (e.cpd.areas ?? []).map((id) => ({ id, name: pksbName(id) })),
  };
}

const epochSeconds = (iso: string | Date) => Math.floor(new Date(iso).getTime() / 1000);
const manageExpiry = (endUtc: string) => epochSeconds(endUtc) + MANAGE_LINK_DAYS_AFTER_END * 86_400;

export function createEvent(input: EventFields, ids: { id: string; tokenHash: string }, now: Date): StoredEvent {
  const t = timing(input, now);
  const stamp = now.toISOString();
  return {
    id: ids.id,
    ...fields(input),
    ...t,
    status: 'draft',
    manageTokenHash: ids.tokenHash,
    manageTokenExpiresAt: manageExpiry(t.endUtc),
    createdAt: stamp,
    updatedAt: stamp,
    version: 1,
    expiresAt: epochSeconds(now) + DRAFT_LIFETIME_DAYS * 86_400,
  };
}

/** Publishing is idempotent: a published event is returned unchanged. */
export function publishEvent(event: StoredEvent, now: Date): StoredEvent {
  if (event.status === 'published') return event;
  if (event.status === 'cancelled')
    throw new AppError('conflict', 'event_cancelled', 'This meetup was cancelled, so it cannot be published.');
  const stamp = now.toISOString();
  const { expiresAt: _draftExpiry, ...rest } = event;
  return { ...rest, status: 'published', publishedAt: stamp, updatedAt: stamp, version: event.version + 1 };
}

export function editEvent(event: StoredEvent, edit: EventEdit, now: Date): StoredEvent {
  if (event.status === 'cancelled')
    throw new AppError('conflict', 'event_cancelled', 'This meetup was cancelled, so it can no longer be edited.');
  if (edit.version !== event.version)
    throw new AppError('conflict', 'edit_conflict', 'The meetup changed since you opened this page. Reload to see the latest version.');
  const { token: _token, version: _version, ...input } = edit;
  // Times already in the past may stay as they are; only a changed start must be in the future (a meetup under way
  // may still move its end).
  const unchangedTimes = input.start.slice(0, 16) === event.startLocal && input.end.slice(0, 16) === event.endLocal && input.timezone === event.timezone;
  const startUnchanged = input.start.slice(0, 16) === event.startLocal && input.timezone === event.timezone;
  const t = unchangedTimes ? pickTiming(event) : timing(input, now, startUnchanged);
  return {
    ...event,
    ...fields(input),
    // A new address takes effect only once confirmed from a link sent to it (organiser-email.ts).
    organiserEmail: event.organiserEmail,
    ...t,
    manageTokenExpiresAt: manageExpiry(t.endUtc),
    updatedAt: now.toISOString(),
    version: event.version + 1,
  };
}

const pickTiming = (e: StoredEvent): Timing => ({ startLocal: e.startLocal, endLocal: e.endLocal, startUtc: e.startUtc, endUtc: e.endUtc });

/** Cancelling is idempotent. A cancelled meetup stays visible, marked cancelled, so people who planned to go find out. */
export function cancelEvent(event: StoredEvent, now: Date): StoredEvent {
  if (event.status === 'cancelled') return event;
  if (event.status === 'draft')
    throw new AppError('conflict', 'event_not_published', 'This meetup was never published; there is nothing to cancel.');
  const stamp = now.toISOString();
  return { ...event, status: 'cancelled', cancelledAt: stamp, updatedAt: stamp, version: event.version + 1 };
}

/** Drafts past their TTL may still be read back before DynamoDB deletes them, so expiry is checked here too. */
export function isLive(event: StoredEvent, now: Date): boolean {
  return !(event.status === 'draft' && event.expiresAt !== undefined && event.expiresAt * 1000 <= now.getTime());
}

export function manageLinkValid(event: StoredEvent, now: Date): boolean {
  return isLive(event, now) && event.manageTokenExpiresAt * 1000 > now.getTime();
}

// ---- Views ----

export function toSummary(e: SummarySource, siteUrl: string): EventSummary {
  return {
    id: e.id,
    url: siteUrl + eventPath(e),
    title: e.title,
    start: { local: e.startLocal, utc: e.startUtc },
    end: { local: e.endLocal, utc: e.endUtc },
    timezone: e.timezone,
    format: e.format,
    ...(e.venue ? { venue: e.venue } : {}),
    ...(e.network
      ? { network: { name: e.network, slug: networkSlugOf(e) ?? slugify(e.network), ...(e.networkSlug ? { page: siteUrl + NETWORK_PAGES.page(e.networkSlug) } : {}) } }
      : {}),
    tags: e.tags.map((name) => ({ name, slug: slugify(name) })),
    ...(e.capacity !== undefined ? { capacity: e.capacity } : {}),
    status: e.status === 'cancelled' ? 'cancelled' : 'published',
  };
}

/** The only public shape of an event: built field by field, so the organiser's email and token hash never leak. */
export function toPublicEvent(e: StoredEvent, siteUrl: string, now: Date): PublicEvent {
  const availability = rsvpAvailability(e, now);
  return {
    ...toSummary(e, siteUrl),
    places: places(e),
    rsvpsOpen: availability.open,
    ...(availability.open ? {} : { rsvpClosedReason: availability.reason }),
    description: e.description,
    ...(e.onlineUrl ? { joinLink: e.onlineUrlPublic ? 'public' : 'private' } : {}),
    // The joining link is public only when the organiser chose so, and never on a cancelled meetup.
    ...(e.onlineUrl && e.onlineUrlPublic && e.status !== 'cancelled' ? { onlineUrl: e.onlineUrl } : {}),
    organiserName: e.organiserName,
    ...(e.openToAll ? { openToAll: e.openToAll } : {}),
    ...(e.accessibility ? { accessibility: e.accessibility } : {}),
    ...(e.cpd ? { cpd: publicCpd(e) } : {}),
    updatedAt: e.updatedAt,
  };
}

export function toManagedEvent(e: StoredEvent, siteUrl: string, now: Date): ManagedEvent {
  return {
    ...toPublicEvent(e, siteUrl, now),
    status: e.status,
    ...(e.onlineUrl ? { onlineUrl: e.onlineUrl } : {}),
    onlineUrlPublic: Boolean(e.onlineUrlPublic),
    notifyOnCancel: Boolean(e.notifyOnCancel),
    organiserEmail: e.organiserEmail,
    ...(pendingOrganiserEmail(e, now) ? { pendingOrganiserEmail: pendingOrganiserEmail(e, now) } : {}),
    version: e.version,
    manageUrl: `${siteUrl}/manage/${e.id}`,
    ...(e.hidden ? { hiddenReason: e.hidden.reason } : {}),
    inSeries: Boolean(e.series),
    ...(e.cpd?.quarters !== undefined ? { cpdHours: hoursOf(e.cpd.quarters) } : {}),
  };
}
