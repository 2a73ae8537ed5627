// Core: CPD evidence, pure. The PKSB's areas (their names only: the PKSB's text is CILIP's members'), the formats a
// meetup's CPD details name, hours in quarter hours, CPD years (the calendar year, or ALIA's 1 July to 30 June) and the
// reflection's limits. Hours are counted in whole quarters so sums never drift. Browser-safe (Intl only).

/** The PKSB's twelve areas of professional expertise and generic skills (ethics and values sit at its centre). */
export const PKSB_AREAS = [
  { id: 'organising-knowledge', name: 'Organising knowledge and information' },
  { id: 'knowledge-management', name: 'Knowledge and information management' },
  { id: 'using-knowledge', name: 'Using and exploiting knowledge and information' },
  { id: 'research-skills', name: 'Research skills' },
  { id: 'information-governance', name: 'Information governance and compliance' },
  { id: 'records-management', name: 'Records management and archiving' },
  { id: 'collection-management', name: 'Collection management and development' },
  { id: 'literacies-learning', name: 'Literacies and learning' },
  { id: 'leadership-advocacy', name: 'Leadership and advocacy' },
  { id: 'strategy-planning', name: 'Strategy, planning and management' },
  { id: 'customer-focus', name: 'Customer focus, service design and marketing' },
  { id: 'it-communication', name: 'IT and communication' },
] as const;
export type PksbArea = (typeof PKSB_AREAS)[number]['id'];

const PKSB_IDS: ReadonlySet<string> = new Set(PKSB_AREAS.map((a) => a.id));
export const isPksbArea = (value: string): value is PksbArea => PKSB_IDS.has(value);
export const pksbName = (id: PksbArea) => PKSB_AREAS.find((a) => a.id === id)!.name;
/** The areas in the PKSB's own order, each once. */
export const orderedAreas = (areas: Iterable<PksbArea>): PksbArea[] => {
  const chosen = new Set(areas);
  return PKSB_AREAS.map((a) => a.id).filter((id) => chosen.has(id));
};

/** What kind of session a meetup is, for its CPD record (its in person / online format is another matter). */
export const CPD_FORMATS = ['talk', 'teachmeet', 'unconference', 'workshop', 'discussion'] as const;
export type CpdFormat = (typeof CPD_FORMATS)[number];
export const CPD_FORMAT_LABELS: Record<CpdFormat, string> = {
  talk: 'Talk',
  teachmeet: 'TeachMeet',
  unconference: 'Unconference',
  workshop: 'Workshop',
  discussion: 'Discussion',
};

export const MAX_CPD_HOURS = 24;
export const MAX_LEARNING_OUTCOMES = 5;
export const MAX_OUTCOME_LENGTH = 200;
/** The schemes' reflective statements and journal entries: CILIP's and LIANZA's 250 words. */
export const REFLECTION_WORDS = 250;
export const REFLECTION_MAX_CHARS = 5000;
export const REFLECTION_PROMPTS = {
  what: 'What? What happened, and what did you learn?',
  soWhat: 'So what? Why does it matter to you and your work?',
  nowWhat: 'Now what? What will you do differently, or next?',
} as const;

/** Hours as whole quarters: 1.75 h is 7. Undefined unless 0 to 24 in steps of a quarter hour. */
export function quartersOf(hours: number): number | undefined {
  if (!Number.isFinite(hours) || hours < 0 || hours > MAX_CPD_HOURS) return undefined;
  const quarters = Math.round(hours * 4);
  return Math.abs(quarters - hours * 4) < 1e-9 ? quarters : undefined;
}
export const hoursOf = (quarters: number) => quarters / 4;

/**
 * A meetup's CPD hours unless the organiser sets them: its length in real time (so a meetup across a clock change
 * counts the hour the clocks moved, or not), to the nearest quarter hour, at most 24.
 */
export function defaultQuarters(startUtc: string, endUtc: string): number {
  const minutes = (Date.parse(endUtc) - Date.parse(startUtc)) / 60_000;
  return Math.max(0, Math.min(MAX_CPD_HOURS * 4, Math.round(minutes / 15)));
}

/** "1 hour", "1.5 hours", "2.25 hours", "45 minutes". */
export function hoursText(quarters: number): string {
  if (quarters > 0 && quarters < 4) return `${quarters * 15} minutes`;
  const hours = hoursOf(quarters);
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone: a record is dated as it was on the meetup's wall clock. */
export function localDate(utc: string | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(utc));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** How a person counts their CPD year: the calendar year, or 1 July to 30 June (ALIA's). */
export const CPD_YEAR_KINDS = ['calendar', 'july'] as const;
export type CpdYearKind = (typeof CPD_YEAR_KINDS)[number];

export interface CpdYear {
  /** "2026", or "2026–27" for 1 July 2026 to 30 June 2027. */
  label: string;
  /** First and last days, YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
}

/** The CPD year a date (YYYY-MM-DD) falls in. */
export function cpdYearOf(date: string, kind: CpdYearKind): CpdYear {
  const year = Number(date.slice(0, 4));
  if (kind === 'calendar') return { label: String(year), from: `${year}-01-01`, to: `${year}-12-31` };
  const first = date.slice(5) >= '07-01' ? year : year - 1;
  return { label: `${first}–${String(first + 1).slice(-2)}`, from: `${first}-07-01`, to: `${first + 1}-06-30` };
}

export interface YearTotal extends CpdYear {
  quarters: number;
  activities: number;
}

/** Hours per CPD year, the latest year first. */
export function totalsByYear(activities: readonly { date: string; quarters: number }[], kind: CpdYearKind): YearTotal[] {
  const years = new Map<string, YearTotal>();
  for (const a of activities) {
    const year = cpdYearOf(a.date, kind);
    const total = years.get(year.label) ?? { ...year, quarters: 0, activities: 0 };
    total.quarters += a.quarters;
    total.activities += 1;
    years.set(year.label, total);
  }
  return [...years.values()].sort((a, b) => b.from.localeCompare(a.from));
}

/** Words as a person counts them: runs of letters or digits, with apostrophes and hyphens inside a word. */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

// ---- The personal CPD log (functions/cpd): records of attendance and activities elsewhere ----

/**
 * A record of attendance, issued once to a person checked in at a meetup. It copies what it says, so it never
 * depends on the meetup (whose RSVPs go 30 days after it): it is the person's, kept until they delete it.
 */
export interface CpdRecord {
  id: string;
  personId: string;
  eventId: string;
  /** Their name as they gave it when they booked (or at the door). */
  name: string;
  title: string;
  networkName?: string;
  networkSlug?: string;
  /** The network's accent colour (#rrggbb), for the PDF. */
  accent?: string;
  organisers: string[];
  startUtc: string;
  endUtc: string;
  timezone: string;
  /** The day it happened on the meetup's wall clock (YYYY-MM-DD): what CPD years count by. */
  date: string;
  format?: CpdFormat;
  quarters: number;
  outcomes: string[];
  areas: PksbArea[];
  /** How they took part: 'presented' waits for talks. */
  role: 'attended';
  /** Feedback was asked of the attendees (some schemes count only activities with an evaluation). */
  feedbackCollected: boolean;
  /**
   * Set when this record's email offered no feedback form: a walk-in (an address the team typed, which its owner never
   * confirmed) or one of the meetup's team. Only people who booked and confirmed a place answer, so the team can't
   * make up the answers that would lift a meetup past the three that show them.
   */
  noFeedback?: true;
  issuedAt: string;
  /** Whether the verification link works; turning it on again gives a new link (a new nonce). */
  shared: boolean;
  shareNonce: string;
  /** Private to the person: organisers never see it, no public answer carries it. */
  reflection?: string;
  reflectionUpdatedAt?: string;
  /** They answered the anonymous feedback form (once per record; the answer itself is not linked to them). */
  feedbackGivenAt?: string;
}

/**
 * Who ran a record's meetup, as the log page, the CSV and the PDF summary all name it: the network's name; for a
 * meetup of no network, its organisers' names as the record shows them; Signpost when it shows none.
 */
export function recordProvider(record: Pick<CpdRecord, 'networkName' | 'organisers'>): string {
  const network = record.networkName?.trim();
  if (network) return network;
  const organisers = record.organisers.map((o) => o.trim()).filter(Boolean);
  return organisers.length ? organisers.join(', ') : 'Signpost';
}

/** Something the person did elsewhere (a conference, a webinar, reading), added by them so the log is complete. */
export interface CpdActivity {
  id: string;
  personId: string;
  date: string;
  title: string;
  provider?: string;
  quarters: number;
  areas: PksbArea[];
  reflection?: string;
  createdAt: string;
  updatedAt: string;
}

export interface CpdSettings {
  yearKind: CpdYearKind;
}
export const DEFAULT_CPD_SETTINGS: CpdSettings = { yearKind: 'calendar' };

/** Everything in a person's log. */
export interface CpdLog {
  records: CpdRecord[];
  activities: CpdActivity[];
  settings: CpdSettings;
}

export const MAX_ACTIVITY_TITLE = 200;
export const MAX_PROVIDER = 200;

/** What an assessor given the link sees: never the reflection, the person's id, an address or the meetup's id. */
export interface PublicRecord {
  id: string;
  name: string;
  title: string;
  networkName?: string;
  organisers: string[];
  date: string;
  startUtc: string;
  endUtc: string;
  timezone: string;
  format?: string;
  quarters: number;
  hours: number;
  outcomes: string[];
  areas: { id: string; name: string }[];
  role: 'attended';
  feedbackCollected: boolean;
  issuedAt: string;
}
