// CPD use cases: a record of attendance. `recordFor` copies what the record says from the meetup, the RSVP and the
// network when it is issued, so it never depends on them again. The verification link is `/records/<id>#<token>`: the
// token is an HMAC of the record's id and its share nonce with the feed secret (as personal feed links are), never
// stored, so turning the link off and on again (a new nonce) kills every earlier link. `verifyRecord` answers the
// public fields only, and the same 404 for every way a link can fail, so nothing about a record leaks.
import type { PublicRecord } from '#functions/core/cpd.ts';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { defaultQuarters, localDate, pksbName, type CpdRecord } from '#functions/core/cpd.ts';
import type { Clock } from '#functions/core/clock.ts';
import { AppError } from '#functions/core/errors.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { newId } from '#functions/core/ids.ts';
import { firstName, networkSlugOf, type StoredNetwork, type TeamMember } from '#functions/core/network.ts';
import { personId } from '#functions/core/person.ts';
import { eventPagePaths, RECORD_PAGES } from '#functions/core/paths.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { CodeAttempts } from '#functions/attendance/check-in-attempts.ts';
import type { FeedSecret } from '#functions/feeds/feeds.repository.ts';
import { claimFor, type RateRule } from '#functions/ratelimit/rate-limit.ts';
import type { CpdLogRepository } from './log.repository.ts';

/** 26 characters of a 32-letter alphabet: 130 random bits, url-safe, and no listing finds one. */
export const RECORD_ID_LENGTH = 26;
export const RECORD_ID_PATTERN = /^[a-z0-9]{26}$/;
export const newRecordId = () => newId(RECORD_ID_LENGTH);
export const newShareNonce = () => randomBytes(16).toString('base64url');

/** The network a meetup was listed under, with its team: organisers who chose to show their name are on the record. */
export type RecordNetwork = Pick<StoredNetwork, 'name' | 'slug' | 'accent'> & { team: readonly TeamMember[] };

/**
 * Words that make a meetup's organiser field a group's label ("Manchester NLPN organisers", "the committee", "Signpost
 * volunteers") rather than a person's name. The field asks for "Your name", but meetups listed before networks, and the
 * demo's, often carry a label.
 */
const GROUP_WORDS = /\b(organi[sz]ers|team|volunteers|committee|group|network|society|association|members|staff|collective|club)\b/i;
/** Words that are a label only in lower case ("Manchester branch", "the events crew"): capitalised, they are surnames ("Taylor Branch"). */
const LOWER_CASE_GROUP_WORDS = /\b(branch|crew)\b/;

/** Whether a meetup's organiser field names a person: not a group's label, nor the network's own name. */
export function isPersonName(organiser: string, networkName?: string): boolean {
  const label = organiser.trim();
  const network = networkName?.trim().toLowerCase();
  if (!label || /[#@\d]/.test(label) || GROUP_WORDS.test(label) || LOWER_CASE_GROUP_WORDS.test(label)) return false;
  return !network || !label.toLowerCase().includes(network);
}

/**
 * The organisers' names a record shows ("Organised by …"), each once:
 * - the meetup's organiser as listed, when it is a person's name ("Priya Shah");
 * - then the network's organisers who agreed to their name being shown, by first name only (as the network page
 *   shows them), in the order they joined; "Priya" is already there when the meetup's organiser is "Priya Shah";
 * - a group's label ("Signpost volunteers") only when there is no name at all to show, and never one that names the
 *   record's network ("Manchester NLPN organisers"), which the record already says it is a meetup of.
 */
export function organiserNames(
  event: Pick<StoredEvent, 'organiserName'> & { network?: string | undefined }, team: readonly TeamMember[] = [], networkName = event.network,
): string[] {
  const label = event.organiserName.trim();
  const person = isPersonName(label, networkName);
  const shown = [...team]
    .filter((m) => m.role === 'organiser' && m.showName)
    .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.personId.localeCompare(b.personId))
    .map((m) => firstName(m.name));
  const names: string[] = [];
  for (const name of [person ? label : '', ...shown]) {
    if (name && !names.some((n) => n === name || firstName(n) === name)) names.push(name);
  }
  if (names.length || !label) return names;
  const network = networkName?.trim().toLowerCase();
  return network && label.toLowerCase().includes(network) ? [] : [label];
}

/**
 * Whether the record's email offers the anonymous feedback form: only to someone who booked and confirmed their own
 * place (not a walk-in the team typed in), and who is neither the meetup's lister nor on its network's team.
 */
export function offersFeedback(event: Pick<StoredEvent, 'organiserEmail'>, rsvp: Pick<StoredRsvp, 'email' | 'status'>, team: readonly Pick<TeamMember, 'personId'>[] = []): boolean {
  const who = personId(rsvp.email);
  return rsvp.status === 'confirmed' && who !== personId(event.organiserEmail) && !team.some((m) => m.personId === who);
}

/** The record of attendance for a checked-in RSVP, as issued now: everything it says is copied. */
export function recordFor(event: StoredEvent, rsvp: Pick<StoredRsvp, 'name' | 'email' | 'status'>, network: RecordNetwork | undefined, now: Date): CpdRecord {
  const slug = network?.slug ?? networkSlugOf(event);
  const networkName = network?.name ?? event.network;
  return {
    id: newRecordId(),
    personId: personId(rsvp.email),
    eventId: event.id,
    name: rsvp.name,
    title: event.title,
    ...(networkName ? { networkName } : {}),
    ...(slug ? { networkSlug: slug } : {}),
    ...(network?.accent ? { accent: network.accent } : {}),
    organisers: organiserNames(event, network?.team, networkName),
    startUtc: event.startUtc,
    endUtc: event.endUtc,
    timezone: event.timezone,
    date: localDate(event.startUtc, event.timezone),
    ...(event.cpd?.format ? { format: event.cpd.format } : {}),
    quarters: event.cpd?.quarters ?? defaultQuarters(event.startUtc, event.endUtc),
    outcomes: [...(event.cpd?.outcomes ?? [])],
    areas: [...(event.cpd?.areas ?? [])],
    role: 'attended',
    // The meetup's attendees are asked for feedback; this person too unless they are a walk-in or on the team.
    feedbackCollected: true,
    ...(offersFeedback(event, rsvp, network?.team) ? {} : { noFeedback: true as const }),
    issuedAt: now.toISOString(),
    shared: true,
    shareNonce: newShareNonce(),
  };
}

// ---- The verification link ----

const MAC_LENGTH = 43; // 256 bits, base64url

/** The link's token: HMAC-SHA256 over (purpose, id, nonce) with the feed secret, a different purpose from feeds'. */
export function recordToken(secret: Uint8Array, id: string, nonce: string): string {
  return createHmac('sha256', secret).update(`cpd-record:${id}:${nonce}`).digest('base64url');
}

export function recordTokenMatches(secret: Uint8Array, id: string, nonce: string, token: string): boolean {
  const given = Buffer.from(token);
  const expected = Buffer.from(recordToken(secret, id, nonce));
  return given.length === MAC_LENGTH && timingSafeEqual(expected, given);
}

/** `${siteUrl}/records/<id>#<token>`: the token only in the fragment, so it never reaches a server's logs. */
export const verifyUrl = (siteUrl: string, secret: Uint8Array, record: Pick<CpdRecord, 'id' | 'shareNonce'>) =>
  `${siteUrl}${RECORD_PAGES.record(record.id)}#${recordToken(secret, record.id, record.shareNonce)}`;

/**
 * The feedback link's token: HMAC-SHA256 over its own purpose and the record's id, with no nonce, so turning the
 * verification link off (or making a new one) leaves the feedback link working.
 */
export function feedbackToken(secret: Uint8Array, id: string): string {
  return createHmac('sha256', secret).update(`cpd-feedback:${id}`).digest('base64url');
}

export function feedbackTokenMatches(secret: Uint8Array, id: string, token: string): boolean {
  const given = Buffer.from(token);
  return given.length === MAC_LENGTH && timingSafeEqual(Buffer.from(feedbackToken(secret, id)), given);
}

/** `${siteUrl}/events/<meetup>/feedback/<id>?token=<token>`: in the query, since the form's page is rendered on the server. */
export const feedbackUrl = (siteUrl: string, secret: Uint8Array, record: Pick<CpdRecord, 'id' | 'eventId'>) =>
  `${siteUrl}${eventPagePaths.feedback(record.eventId, record.id)}?token=${feedbackToken(secret, record.id)}`;

export type { PublicRecord } from '#functions/core/cpd.ts';

export function publicRecord(r: CpdRecord): PublicRecord {
  return {
    id: r.id,
    name: r.name,
    title: r.title,
    ...(r.networkName ? { networkName: r.networkName } : {}),
    organisers: [...r.organisers],
    date: r.date,
    startUtc: r.startUtc,
    endUtc: r.endUtc,
    timezone: r.timezone,
    ...(r.format ? { format: r.format } : {}),
    quarters: r.quarters,
    hours: r.quarters / 4,
    outcomes: [...r.outcomes],
    areas: r.areas.map((id) => ({ id, name: pksbName(id) })),
    role: r.role,
    feedbackCollected: r.feedbackCollected,
    issuedAt: r.issuedAt,
  };
}

export interface RecordsDeps {
  cpdLog: Pick<CpdLogRepository, 'recordById' | 'updateRecord'>;
  feedSecret: FeedSecret;
  /** Wrong verification tokens, counted per IP (the rate-limit counters the self check-in codes use). */
  codeAttempts: CodeAttempts;
  clock: Clock;
  siteUrl: string;
}

/** Wrong tokens per IP: no one guesses 256 bits, but a script trying links is slowed. */
export const recordVerifyRule: RateRule = { scope: 'record-verify-ip', limit: 30, windowSeconds: 3600 };

export const RECORD_NOT_SHOWN = "This record can't be shown: the link may be wrong or turned off.";
const notShown = () => new AppError('not_found', 'record_not_found', RECORD_NOT_SHOWN);

/**
 * The record behind a verification link, as anyone may see it. A wrong token, an unknown id, a link turned off and a
 * deleted record are all the same 404; each counts against the IP, and an IP over its limit is refused (429).
 */
export async function verifyRecord(deps: RecordsDeps, id: string, token: string, ip: string): Promise<PublicRecord> {
  const claims = [claimFor(recordVerifyRule, ip, deps.clock.now())];
  const full = await deps.codeAttempts.over(claims);
  if (full) throw tooMany(full.retryAfterSeconds);
  const record = RECORD_ID_PATTERN.test(id) ? await deps.cpdLog.recordById(id) : undefined;
  if (record?.shared && recordTokenMatches(await deps.feedSecret(), record.id, record.shareNonce, token)) return publicRecord(record);
  const counted = await deps.codeAttempts.count(claims);
  if (!counted.ok) throw tooMany(counted.claim.retryAfterSeconds);
  throw notShown();
}

const tooMany = (retryAfterSeconds: number) =>
  new AppError('rate_limited', 'rate_limited', 'Too many record links tried from here. Please wait a while and try again.', undefined, retryAfterSeconds);

const notYours = () => new AppError('not_found', 'record_not_found', 'There is no such record in your CPD log.');

/**
 * Turns a person's own record's link off, or on again with a new nonce (so links given out before stay dead). The
 * answer carries the link when on. Turning on holds only while the link is still off, so "Make a new link" pressed
 * twice at once makes one link, and both answers carry it (the one refused reads the record again).
 */
export async function shareRecord(deps: RecordsDeps, owner: string, id: string, shared: boolean): Promise<{ shared: boolean; url?: string }> {
  const linkOf = async (record: Pick<CpdRecord, 'id' | 'shareNonce'>) => ({ shared: true, url: verifyUrl(deps.siteUrl, await deps.feedSecret(), record) });
  const ownRecord = async () => {
    const record = RECORD_ID_PATTERN.test(id) ? await deps.cpdLog.recordById(id) : undefined;
    if (!record || record.personId !== owner) throw notYours();
    return record;
  };
  let record = await ownRecord();
  if (!shared) {
    if (record.shared && !(await deps.cpdLog.updateRecord(owner, id, { shared: false }))) throw notYours();
    return { shared: false };
  }
  // Already on: the same link (asking twice changes nothing). Turned off again between tries: another go.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt) record = await ownRecord();
    if (record.shared) return linkOf(record);
    const shareNonce = newShareNonce();
    if (await deps.cpdLog.updateRecord(owner, id, { shared: true, shareNonce }, { shared: false })) return linkOf({ id, shareNonce });
  }
  throw new AppError('conflict', 'record_share_conflict', 'The link was changed at the same time elsewhere. Please try again.');
}
