// Core: a meetup as the table stores it, and the shapes the API shows of it. Plain types and pure helpers; nothing
// here imports from outside core/, so every room (and the browser) can use it.
import type { Format } from './formats.ts';
import type { Moderation } from './network.ts';
import type { CpdFormat, PksbArea } from './cpd.ts';

export const DEFAULT_TIMEZONE = 'Europe/London';
export const MAX_DURATION_DAYS = 14;
export const MAX_TAGS = 8;

/**
 * A new organiser address waiting to be confirmed from a link sent to it (events/organiser-email.ts). The address in
 * `organiserEmail` changes only when it is. Tokens are kept only as SHA-256 hashes.
 */
export interface OrganiserEmailChange {
  email: string;
  /** The link emailed to the new address. */
  tokenHash: string;
  /** The "stop this change" link emailed to the old address. */
  stopTokenHash: string;
  requestedAt: string;
  /** Epoch seconds after which neither link works. */
  expiresAt: number;
  /** Set once confirmed, so a second press of the same link says "already done". */
  confirmedAt?: string;
  /** Set once stopped from the old address. */
  stoppedAt?: string;
}

/** On the event while a burst of edits is still gathering. */
export interface OpenNotice {
  id: string;
  dueAt: string;
}

export type EventStatus = 'draft' | 'published' | 'cancelled';

/** How a series repeats: "every month on the first Tuesday" (the start's weekday and its place in the month), every 2 weeks, every week. */
export const REPEATS = ['monthly', 'fortnightly', 'weekly'] as const;
export type Repeat = (typeof REPEATS)[number];
export const MAX_OCCURRENCES = 12;

/** On each occurrence of a series: which series, how it repeats, and where this one falls in it (1-based). */
export interface SeriesRef {
  id: string;
  repeat: Repeat;
  index: number;
  count: number;
}

/** The organiser's "Still coming?" settings for a meetup. */
export interface AttendanceSettings {
  /** On or off; unset: on when the meetup has a capacity or its network turns it on for every meetup. */
  check?: boolean;
  /** How many hours before the start the question goes (default 72), never more than the time since booking. */
  checkHours?: number;
  /** Release places unanswered by the deadline to the waitlist: only when turned on. */
  release?: boolean;
  /** How many hours before the start the deadline falls (default 24). */
  releaseHours?: number;
}

/** A meetup's attendance in numbers: no names, so it outlives the RSVPs (which go 30 days after the end). */
export interface AttendanceSummary {
  /** Held a place when the meetup started (walk-ins not included). */
  booked: number;
  /** Asked "Still coming?", and how they answered. */
  asked: number;
  answeredYes: number;
  answeredNo: number;
  released: number;
  /** Booked people checked in (the waitlisted who came included). */
  checkedIn: number;
  walkIns: number;
  /** checkedIn + walkIns. */
  came: number;
  /** Booked and not checked in. */
  noShows: number;
  /** When these counts were taken. */
  at: string;
}

/**
 * What a meetup counts for in its attendees' CPD (issue 16), as its organiser set it. Each part is optional; an empty
 * list is left out, and no part set at all means no `cpd` on the meetup.
 */
export interface CpdDetails {
  /** CPD hours in whole quarters (7 = 1.75 h). Unset: the meetup's length (core/cpd.ts defaultQuarters). */
  quarters?: number;
  outcomes?: string[];
  /** In the PKSB's order, each once. */
  areas?: PksbArea[];
  format?: CpdFormat;
}

/** The CPD details as the event page and the public API show them: the hours worked out, the names spelled out. */
export interface PublicCpd {
  /** In hours (1.75); the organiser's, or the meetup's length. */
  hours: number;
  /** "1.75 hours", "45 minutes". */
  hoursText: string;
  format?: CpdFormat | undefined;
  outcomes: string[];
  areas: { id: PksbArea; name: string }[];
}

export interface StoredEvent {
  id: string;
  slug: string;
  title: string;
  description: string;
  startLocal: string;
  endLocal: string;
  timezone: string;
  startUtc: string;
  endUtc: string;
  format: Format;
  venue?: string;
  onlineUrl?: string;
  /** "Anyone may join: show the link publicly". Unset (the default): the link goes only to people with a place. */
  onlineUrlPublic?: boolean;
  capacity?: number;
  organiserName: string;
  organiserEmail: string;
  /** An address change asked for from the manage page, until confirmed, stopped or expired. */
  organiserEmailChange?: OrganiserEmailChange;
  /** The network's name as shown (copied when listed; a free-text label on meetups stored before networks). */
  network?: string;
  /** The network it was listed under (core/network.ts networkSlugOf covers older meetups without it). */
  networkSlug?: string;
  /** Set while an operator has hidden it: gone from every public page, listing and feed; its RSVPs stay. */
  hidden?: Moderation;
  tags: string[];
  openToAll?: string;
  accessibility?: string;
  status: EventStatus;
  manageTokenHash: string;
  /** Epoch seconds after which the manage link stops working. */
  manageTokenExpiresAt: number;
  createdAt: string;
  updatedAt: string;
  publishedAt?: string;
  cancelledAt?: string;
  version: number;
  /** Epoch seconds; set only on drafts, so unconfirmed listings expire (DynamoDB TTL). */
  expiresAt?: number;
  /** Organiser settings for RSVPs. */
  rsvpsClosed?: boolean;
  notifyOnRsvp?: boolean;
  /** The organiser asked to be emailed when someone cancels their place. */
  notifyOnCancel?: boolean;
  /** The organiser switched reminder emails off for this meetup. */
  remindersOff?: boolean;
  /** A change notice still gathering edits (events/change-notice.ts). */
  openNotice?: OpenNotice;
  /** Set when it joined an announcement to its network's followers: later edits (and re-saves) never announce it again. */
  announcedAt?: string;
  /** One of a series of meetups (events/series.ts); each occurrence is its own meetup with its own RSVPs. */
  series?: SeriesRef;
  /** "Still coming?" and releasing unanswered places (core/attendance.ts); unset fields take the defaults there. */
  attendance?: AttendanceSettings;
  /** The meetup's attendance as counts, kept after its RSVPs expire (functions/attendance). */
  attendanceSummary?: AttendanceSummary;
  /** CPD hours, learning outcomes, PKSB areas and format; a network's defaults are copied in when it is listed. */
  cpd?: CpdDetails;
  /** Place counters: written only by the RSVP transactions (missing means 0), never by event edits. */
  confirmedCount?: number;
  waitlistCount?: number;
  /**
   * How many times someone has taken a place or joined the waitlist (confirms and promotions): when it moves, the
   * reminder sweep looks at the meetup's RSVPs again, so people who confirm late still get their reminder.
   */
  joinCount?: number;
}

/** Attributes that only RSVP transactions change; saving an edited event leaves them alone. */
export const COUNTER_FIELDS = ['confirmedCount', 'waitlistCount', 'joinCount'] as const;

/** The fields copied into each listing entry: enough for a list, nothing private. */
export const SUMMARY_FIELDS = [
  'id', 'slug', 'title', 'startLocal', 'endLocal', 'timezone', 'startUtc', 'endUtc',
  'format', 'venue', 'network', 'networkSlug', 'tags', 'capacity', 'status',
] as const;
export type SummarySource = Pick<StoredEvent, (typeof SUMMARY_FIELDS)[number]>;

export const eventPath = (e: Pick<StoredEvent, 'id' | 'slug'>) => `/events/${e.id}/${e.slug}`;


export interface EventTime {
  local: string;
  utc: string;
}

export interface Named {
  name: string;
  slug: string;
}

/** A meetup in a list: public fields only. The API's EventSummary schema (events/event.schema.ts) documents it. */
export interface EventSummary {
  id: string;
  url: string;
  title: string;
  start: EventTime;
  end: EventTime;
  timezone: string;
  format: Format;
  venue?: string | undefined;
  /** `page`: the network's own page, for a network (not for an older meetup's free-text label, which has none). */
  network?: (Named & { page?: string | undefined }) | undefined;
  tags: Named[];
  capacity?: number | undefined;
  status: 'published' | 'cancelled';
  /** Counts for a card ("3 places left", "Full — waitlist open"); absent where a list does not carry them. */
  places?: Places | undefined;
}

/** Counts only: never names or emails. */
export interface Places {
  capacity?: number | undefined;
  confirmed: number;
  left?: number | undefined;
  waitlist: number;
}

export type ClosedReason = 'closed' | 'started' | 'ended' | 'cancelled';

/** The only public shape of a meetup. */
export interface PublicEvent extends EventSummary {
  places: Places;
  rsvpsOpen: boolean;
  rsvpClosedReason?: ClosedReason | undefined;
  description: string;
  /**
   * Whether the meetup has a joining link, and who may see it: 'public' (the organiser chose "Anyone may join") or
   * 'private' (sent only to people with a confirmed place). Absent when there is no link.
   */
  joinLink?: 'public' | 'private' | undefined;
  /** Only when joinLink is 'public' and the meetup is not cancelled. */
  onlineUrl?: string | undefined;
  organiserName: string;
  openToAll?: string | undefined;
  accessibility?: string | undefined;
  /** "Counts towards your CPD": only when the organiser set any CPD detail. */
  cpd?: PublicCpd | undefined;
  updatedAt: string;
}

/** The meetup as its organiser sees it. */
export interface ManagedEvent extends Omit<PublicEvent, 'status'> {
  status: EventStatus;
  /** The organiser always sees the link, public or not. */
  onlineUrl?: string | undefined;
  onlineUrlPublic: boolean;
  notifyOnCancel: boolean;
  organiserEmail: string;
  /** A new organiser address asked for and not yet confirmed from the link emailed to it (until the link expires). */
  pendingOrganiserEmail?: string | undefined;
  version: number;
  manageUrl: string;
  /** Set while Signpost's operators have hidden the meetup: their reason, for its owner and team. */
  hiddenReason?: string | undefined;
  /** One of a series: the manage page then reads the series (GET …/series). */
  inSeries: boolean;
  /** The CPD hours the organiser set, for the edit form; absent: the meetup's length counts. */
  cpdHours?: number | undefined;
}
