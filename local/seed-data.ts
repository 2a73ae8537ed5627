// Demo data: realistic upcoming meetups across networks, formats, time zones and tags, and the networks they belong to
// (local/demo-networks.ts) with their teams and past meetups, so a newcomer sees a lived-in app. Meetups of a demo
// network are listed under it (networkSlug); the others keep a free-text network name, as meetups stored before
// networks do, so the "existing data" rule has something to work on. With DemoAttendance, attendance too: past
// meetups with check-ins and their numbers kept, one later today with people checked in and a walk-in, and one
// coming up whose people have answered "Still coming?". With its records too, a lived-in CPD log: the past meetups with
// check-ins have CPD details and their people records of attendance (the demo organiser among them, with a reflection
// and an activity from elsewhere, so /me/cpd has something to show), and a few upcoming ones (a TeachMeet, a
// Chartership workshop, a digital skills drop-in) have CPD details, so their pages say "Counts towards your CPD".
import type { SessionsRepository } from '#functions/auth/sessions.repository.ts';
import { eventInputSchema, type EventInput } from '#functions/events/event.schema.ts';
import { createEvent, publishEvent } from '#functions/events/event.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import type { NetworksRepository } from '#functions/networks/networks.repository.ts';
import type { RsvpsRepository } from '#functions/rsvps/rsvps.repository.ts';
import type { FollowersRepository } from '#functions/follows/followers.repository.ts';
import type { StoredFollower } from '#functions/core/follow.ts';
import { newRsvpFields, RSVP_RETENTION_DAYS_AFTER_END } from '#functions/rsvps/rsvp.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { CheckInBy, StoredRsvp } from '#functions/core/rsvp.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { DEFAULT_CHECK_HOURS, DEFAULT_RELEASE_HOURS } from '#functions/core/attendance.ts';
import type { CheckInsRepository } from '#functions/attendance/check-ins.repository.ts';
import { refreshSummary } from '#functions/attendance/summary.ts';
import type { StoredNetwork, TeamMember } from '#functions/core/network.ts';
import { personId } from '#functions/core/person.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { slugify } from '#functions/core/slug.ts';
import { seriesIdFor, seriesOf } from '#functions/events/series.ts';
import type { CpdFormat, CpdRecord, PksbArea } from '#functions/core/cpd.ts';
import type { FeedbackAnswer } from '#functions/core/feedback.ts';
import type { FeedbackRepository } from '#functions/cpd/feedback.repository.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { codeWindow } from '#functions/core/attendance.ts';
import type { CpdLogRepository } from '#functions/cpd/log.repository.ts';
import { recordEmail } from '#functions/cpd/emails.ts';
import { feedbackUrl, recordFor, verifyUrl } from '#functions/cpd/records.ts';
import { dueRecord } from '#functions/cpd/records-sweep.ts';
import type { FeedSecret } from '#functions/feeds/feeds.repository.ts';
import { replyToFor } from '#functions/networks/reply-to.ts';
import { ATTENDEE_NAMES, DEMO_ORGANISER, DEMO_ORGANISER_FOLLOWS, demoNetworks, type DemoNetwork } from './demo-networks.ts';

interface Template {
  network?: string;
  title: string;
  format: EventInput['format'];
  timezone: string;
  hour: number;
  minutes: number;
  tags: string[];
  venue?: string;
  capacity?: number;
  description: string;
  accessibility?: string;
  cpd?: { hours?: number; outcomes: string[]; areas: PksbArea[]; format?: CpdFormat };
}

const templates: Template[] = [
  { network: '#uklibchat', title: '#uklibchat: marketing your library on a shoestring', format: 'online', timezone: 'Europe/London', hour: 19, minutes: 60, tags: ['CPD', 'Networking', 'Marketing'],
    description: 'Our monthly chat, this time on promoting services with no budget.\nBring one thing that worked and one that did not.\n\nSummary and reading list afterwards: https://uklibchat.example.org/archive', accessibility: 'Text-based chat; a transcript is published afterwards.' },
  { network: 'Manchester NLPN', title: 'New professionals lunch club', format: 'in_person', timezone: 'Europe/London', hour: 12, minutes: 75, tags: ['New professionals', 'Networking'], venue: 'Central Library, St Peter\'s Square\nManchester M2 5PD', capacity: 20,
    description: 'An informal lunch for anyone new to library and information work. Bring your own lunch; tea and biscuits provided.', accessibility: 'Step-free access from the Mount Street entrance. Hearing loop in the meeting room.' },
  { network: 'Manchester NLPN', title: 'Chartership support session: reflective writing', format: 'hybrid', timezone: 'Europe/London', hour: 18, minutes: 90, tags: ['Chartership', 'CPD'], venue: 'Manchester Metropolitan University Library, Room 1.12\nAll Saints, Manchester M15 6BH', capacity: 25,
    description: 'Mentors share examples of reflective writing for your portfolio, then we work in small groups.\nJoin in the room or online.',
    cpd: { hours: 1.5, outcomes: ['Say what makes a piece of reflective writing work as portfolio evidence', 'Draft a reflective paragraph about a recent piece of your own work'], areas: ['literacies-learning', 'leadership-advocacy'], format: 'workshop' } },
  { network: 'Library Camp', title: 'Library Camp unconference', format: 'in_person', timezone: 'Europe/London', hour: 10, minutes: 420, tags: ['Unconference', 'Networking', 'CPD'], venue: 'The Library of Birmingham\nCentenary Square, Birmingham B1 2ND', capacity: 150,
    description: 'A free day of sessions pitched on the day by the people who come. Cake is traditional.\nSession ideas welcome beforehand.', accessibility: 'Quiet room available all day. Step-free throughout. Let us know about dietary needs.' },
  { network: 'North West TeachMeet', title: 'TeachMeet: school librarians and reading for pleasure', format: 'hybrid', timezone: 'Europe/London', hour: 16, minutes: 120, tags: ['TeachMeet', 'School libraries', 'Reading'], venue: 'Manchester Central Library, Performance Space\nSt Peter\'s Square, Manchester M2 5PD', capacity: 40,
    description: 'Seven-minute and two-minute talks from school librarians and teachers across the North West. Sign up to speak on the night or just come and listen.',
    cpd: { hours: 2, outcomes: ['Take one reading-for-pleasure idea from another school back to your own library', 'Describe how colleagues measure the difference a reading scheme makes'], areas: ['literacies-learning', 'customer-focus'], format: 'teachmeet' } },
  { network: 'TeachMeet Scotland', title: 'TeachMeet Scotland: school libraries and the curriculum', format: 'hybrid', timezone: 'Europe/London', hour: 16, minutes: 120, tags: ['TeachMeet', 'School libraries', 'Reading'], venue: 'Glasgow Women\'s Library\n23 Landressy Street, Glasgow G40 1BP', capacity: 40,
    description: 'Seven-minute and two-minute talks from school librarians and teachers. Sign up to speak on the night or just come and listen.' },
  { network: 'Library Information Network Ireland', title: 'Cataloguing cafe: RDA questions answered', format: 'online', timezone: 'Europe/Dublin', hour: 13, minutes: 60, tags: ['Cataloguing', 'Metadata', 'CPD'],
    description: 'Bring your trickiest records. Experienced cataloguers answer questions in a relaxed lunchtime session.' },
  { network: 'CILIP North West', title: 'Digital skills drop-in: getting started with Python for librarians', format: 'online', timezone: 'Europe/London', hour: 14, minutes: 120, tags: ['Digital skills', 'CPD'], capacity: 30,
    description: 'A gentle, hands-on introduction. No experience needed; we use a browser-based notebook, nothing to install.',
    cpd: { hours: 2, outcomes: ['Run and change a short Python script in a browser notebook', 'Tidy a spreadsheet of catalogue data with a few lines of code'], areas: ['it-communication', 'knowledge-management'], format: 'workshop' } },
  { network: 'Health Libraries Network', title: 'Evidence search clinic for health librarians', format: 'online', timezone: 'Europe/London', hour: 10, minutes: 90, tags: ['Health libraries', 'Evidence', 'CPD'],
    description: 'Peer support on search strategies for systematic reviews. Share a strategy you are proud of, or one that is stuck.' },
  { network: 'Info Pros International', title: 'International library chat: open access across borders', format: 'online', timezone: 'America/New_York', hour: 11, minutes: 60, tags: ['Open access', 'International', 'Networking'],
    description: 'Colleagues from North America and Europe compare open-access workflows. Scheduled for mornings in New York and afternoons in Europe.' },
  { network: 'ANZ Info Pros', title: 'Early-career meetup: Sydney', format: 'in_person', timezone: 'Australia/Sydney', hour: 17, minutes: 120, tags: ['New professionals', 'Networking'], venue: 'State Library of New South Wales\n1 Shakespeare Place, Sydney NSW 2000', capacity: 35,
    description: 'Drinks and conversation for people in their first five years of library work.' },
  { network: 'London Library Lunch Club', title: 'Library lunch club: London', format: 'in_person', timezone: 'Europe/London', hour: 12, minutes: 60, tags: ['Networking', 'Lunch club'], venue: 'Wellcome Collection cafe\n183 Euston Road, London NW1 2BE',
    description: 'Monthly lunch for library and information people in London. Look for the Signpost sign on the table.' },
  { network: 'Cardiff Library Network', title: 'Bilingual services meetup / Cyfarfod gwasanaethau dwyieithog', format: 'hybrid', timezone: 'Europe/London', hour: 17, minutes: 90, tags: ['Welsh language', 'Networking'], venue: 'Cardiff Central Library\nThe Hayes, Caerdydd CF10 1FL',
    description: 'Sharing practice on Welsh and English services. Croeso i bawb – everyone welcome.' },
];

const networkNamed = (name: string | undefined) => demoNetworks.find((n) => n.name === name);

/** A meetup's network: the demo network of that name (listed under it), else the name alone (as before networks). */
const withNetwork = (event: StoredEvent, name: string | undefined): StoredEvent => {
  if (!name) return event;
  const network = networkNamed(name);
  return { ...event, network: name, ...(network ? { networkSlug: network.slug } : {}) };
};

/** Wall-clock readings, written as if UTC: adding minutes to them is plain arithmetic. */
const wallClock = (ms: number) => new Date(ms).toISOString().slice(0, 16);

function inputFor(t: Template, day: number): EventInput {
  const start = day + t.hour * 3_600_000;
  return eventInputSchema.parse({
    title: t.title,
    description: t.description,
    start: wallClock(start),
    end: wallClock(start + t.minutes * 60_000),
    timezone: t.timezone,
    format: t.format,
    venue: t.venue,
    onlineUrl: t.format === 'in_person' ? undefined : `https://meet.example.org/${slugify(t.title)}`,
    capacity: t.capacity,
    // A demo network's meetups are listed by its first organiser, in their own name (as the signed-in form fills it
    // in); a free-text network's keep a label, as meetups listed before networks often do.
    organiserName: networkNamed(t.network)?.team[0]!.name ?? (t.network ? `${t.network} organisers` : 'Signpost volunteers'),
    // A demo network's meetups are its first organiser's; the rest an address nobody signs in as.
    organiserEmail: networkNamed(t.network)?.team[0]!.email ?? 'organisers@example.org',
    tags: t.tags,
    openToAll: 'Free and open to everyone, not just members.',
    accessibility: t.accessibility,
    cpd: t.cpd,
  });
}

/** Loads `count` published demo meetups spread over the coming months. Returns how many were written. */
export async function seedDemo(repo: EventsRepository, now: Date, count = 36, concurrency = 8): Promise<number> {
  const tomorrow = Math.floor(now.getTime() / 86_400_000 + 2) * 86_400_000;
  const jobs = Array.from({ length: count }, (_, i) => async () => {
    const t = templates[i % templates.length]!;
    const input = inputFor(t, tomorrow + ((Math.floor((i * 97) / templates.length) % 120) + (i % 3)) * 86_400_000);
    const draft = withNetwork(createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, now), t.network);
    const created = await repo.create(draft, [], []);
    const saved = created.ok ? await repo.save(publishEvent(draft, now), draft) : created;
    // The repository answers outcomes; a demo meetup that could not be stored is a failed seed, not a silent gap.
    if (!saved.ok) throw new Error(`Could not store demo meetup ${draft.id}: ${saved.reason}`);
  });
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
  return count;
}

export interface DemoRepositories {
  events: EventsRepository;
  networks: NetworksRepository;
  rsvps: RsvpsRepository;
  /** The team's names, as if each had given theirs once: signed in, the RSVP form comes filled in. */
  sessions: Pick<SessionsRepository, 'rememberName'>;
  followers: Pick<FollowersRepository, 'put'>;
  /** Without it, the demo has no check-ins, answers or kept numbers. */
  attendance?: DemoAttendance;
}

/** What the demo's attendance is written with (local/demo-attendance.ts on DynamoDB). */
export interface DemoAttendance {
  checkIns: Pick<CheckInsRepository, 'checkIn' | 'addWalkIn' | 'saveSummary'>;
  /** Writes "Still coming?" fields straight onto an RSVP, as the question's sweep and the answer would. */
  answer(eventId: string, key: string, fields: Pick<StoredRsvp, 'stillComingAskedAt'> & Partial<Pick<StoredRsvp, 'stillComing' | 'stillComingAnsweredAt' | 'releaseDeadline'>>): Promise<void>;
  /** Without it, no records of attendance: issuing one queues its email, whose verification link needs the site and the secret. */
  records?: DemoRecords;
}

/** What the demo's records of attendance are issued with: the real CPD log, and what the record email's link needs. */
export interface DemoRecords {
  cpdLog: Pick<CpdLogRepository, 'issue' | 'updateRecord' | 'putActivity'>;
  /** Without it, no feedback: most of the other attendees have answered the record email's form. */
  feedback?: Pick<FeedbackRepository, 'give'>;
  feedSecret: FeedSecret;
  siteUrl: string;
}

const DAY_MS = 86_400_000;

/** A demo network as stored, created `createdAt`, with its team. */
export function storedDemoNetwork(n: DemoNetwork, createdAt: Date): { network: StoredNetwork; team: TeamMember[] } {
  const at = createdAt.toISOString();
  const creator = n.team[0]!;
  const network: StoredNetwork = {
    slug: n.slug, name: n.name, tagline: n.tagline, description: n.description, accent: n.accent, where: n.where, links: n.links,
    contactEmail: creator.email, topics: n.topics, status: 'active', createdAt: at, updatedAt: at, createdBy: creator.email, version: 1,
  };
  const team = n.team.map((m): TeamMember => ({ slug: n.slug, personId: personId(m.email), email: m.email, name: m.name, role: m.role, showName: m.showName, joinedAt: at }));
  return { network, team };
}

/** Stores a demo meetup of network `n`, listed (and published) at `listedAt`. */
async function storeMeetup(repos: DemoRepositories, n: DemoNetwork, input: EventInput, listedAt: Date, over: Partial<StoredEvent> = {}): Promise<StoredEvent> {
  const draft = { ...withNetwork(createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, listedAt), n.name), ...over };
  const created = await repos.events.create(draft, [], []);
  const published = publishEvent(draft, listedAt);
  const saved = created.ok ? await repos.events.save(published, draft) : created;
  if (!saved.ok) throw new Error(`Could not store the demo meetup "${input.title}": ${saved.reason}`);
  return published;
}

/**
 * Gives `count` people places (confirmed through the RSVP repository as the confirm link does, so the counts are the
 * real ones; past the capacity they join the waitlist), a minute apart from `at`. No email is queued. Their keys.
 */
async function givePlaces(
  repos: DemoRepositories, n: DemoNetwork, published: StoredEvent, count: number, index: number, at: Date, who: (i: number) => { name: string; email: string } | undefined = () => undefined,
): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const { name, email } = who(i) ?? { name: `${ATTENDEE_NAMES[(i + index * 7) % ATTENDEE_NAMES.length]} ${String.fromCharCode(65 + (i % 26))}.`, email: `attendee-${n.slug}-${index}-${i}@example.org` };
    const confirmTokenHash = hashSecret(newToken());
    const when = new Date(at.getTime() + i * 60_000);
    const rsvp = newRsvpFields(published, { name, email }, confirmTokenHash, when);
    const asked = await repos.rsvps.request(rsvp, [], undefined);
    const event = (await repos.events.get(published.id)) ?? published;
    const noEmails = { confirmed: [], waitlisted: [] };
    const confirmed = asked.ok
      ? await repos.rsvps.confirm({ event, key: rsvp.key, confirmTokenHash, cancelTokenHash: hashSecret(newToken()), now: when, emails: noEmails })
      : asked;
    if (!confirmed.ok) throw new Error(`Could not give a demo place at "${published.title}": ${confirmed.reason}`);
    keys.push(rsvp.key);
  }
  return keys;
}

/** Checks the people of `keys` in from `at`, a minute apart, and adds `walkIns` people who came without booking. */
async function checkInPeople(attendance: DemoAttendance, event: StoredEvent, keys: string[], by: (i: number) => CheckInBy, at: Date, walkIns = 0) {
  for (const [i, key] of keys.entries()) {
    const outcome = await attendance.checkIns.checkIn({ eventId: event.id, key, by: by(i), now: new Date(at.getTime() + i * 60_000) });
    if (!outcome.ok) throw new Error(`Could not check a demo attendee in at "${event.title}": ${outcome.reason}`);
  }
  for (let i = 0; i < walkIns; i++) {
    const added = await attendance.checkIns.addWalkIn({
      eventId: event.id, name: `${ATTENDEE_NAMES[(i + 11) % ATTENDEE_NAMES.length]} (walk-in)`, by: by(i), now: new Date(at.getTime() + (keys.length + i) * 60_000),
      expiresAt: Math.floor(Date.parse(event.endUtc) / 1000) + RSVP_RETENTION_DAYS_AFTER_END * 86_400, requestId: `demo-walk-in-${event.id}-${i}`,
    });
    if (!added.ok) throw new Error(`Could not add a demo walk-in at "${event.title}": ${added.reason}`);
  }
}

/** The team member who checks people in at the door of a network's meetups: its helper, else its first organiser. */
const doorTeam = (n: DemoNetwork): CheckInBy => ({ via: 'team', name: (n.team.find((m) => m.role === 'helper') ?? n.team[0]!).name });

/** The CPD details of a past meetup with check-ins: a talk in person, a discussion online. */
const pastCpd = (online: boolean): NonNullable<Template['cpd']> =>
  online
    ? { outcomes: ['Name one change to support your own wellbeing at work', 'Share a wellbeing idea with your team'], areas: ['customer-focus', 'leadership-advocacy'], format: 'discussion' }
    : { hours: 1.5, outcomes: ['Describe how a research library cares for its special collections'], areas: ['using-knowledge', 'collection-management'], format: 'talk' };

/** The demo organiser, who took part in their networks' past meetups that kept check-ins: first on the list. */
const DEMO_ORGANISER_PLACE = { name: 'Sam Okafor', email: DEMO_ORGANISER };

/**
 * A past meetup of a network, listed a month before it happened, with `had` people who had a place. With attendance,
 * those it names were checked in (by the team, or by the code of the day online), and its numbers are kept; with
 * records, each of them with an address has their record of attendance, issued as the window closed.
 */
async function seedPastMeetup(repos: DemoRepositories, n: DemoNetwork, past: DemoNetwork['past'][number], now: Date, index: number): Promise<void> {
  const day = Math.floor(now.getTime() / DAY_MS - past.daysAgo) * DAY_MS;
  const online = n.where.kind === 'online';
  const template: Template = {
    network: n.name, title: past.title, format: online ? 'online' : 'in_person', timezone: 'Europe/London', hour: online ? 19 : 12, minutes: 90,
    tags: n.topics.slice(0, 3), ...(past.capacity ? { capacity: past.capacity } : {}),
    ...(online ? {} : { venue: `${n.where.kind === 'place' ? n.where.place : ''} Central Library` }),
    description: `${n.tagline}.\n\nNotes from the day: ${n.links.website ?? 'https://example.org'}/notes`,
    ...(past.checkedIn === undefined ? {} : { cpd: pastCpd(online) }),
  };
  const listedAt = new Date(day - 30 * DAY_MS);
  const published = await storeMeetup(repos, n, inputFor(template, day), listedAt);
  const organiserCame = past.checkedIn !== undefined && n.team.some((m) => m.email === DEMO_ORGANISER);
  const keys = await givePlaces(repos, n, published, past.came, index, new Date(listedAt.getTime() + DAY_MS), (i) => (organiserCame && i === 0 ? DEMO_ORGANISER_PLACE : undefined));
  const { attendance } = repos;
  if (!attendance || past.checkedIn === undefined) return;
  const by = (): CheckInBy => (online ? { via: 'code' } : doorTeam(n));
  await checkInPeople(attendance, published, keys.slice(0, past.checkedIn), by, new Date(Date.parse(published.startUtc) - 10 * 60_000), past.walkIns);
  await refreshSummary({ rsvps: repos.rsvps, checkIns: attendance.checkIns, clock: fixedClock(now.toISOString()) }, published);
  if (attendance.records) await issueRecords(repos, attendance.records, n, published);
}

/**
 * Issues the records of attendance of a past meetup as the sweep did when its check-in window closed (recordFor and
 * the CPD log's one transaction, its email queued: locally, the inbox shows them). The demo organiser's first record
 * has a reflection written a day later.
 */
async function issueRecords(repos: DemoRepositories, records: DemoRecords, n: DemoNetwork, event: StoredEvent): Promise<void> {
  const at = new Date(codeWindow(event).closes.getTime() + 5 * 60_000);
  const network = { name: n.name, slug: n.slug, accent: n.accent, team: await repos.networks.team(n.slug) };
  const [replyTo, secret] = await Promise.all([replyToFor(repos, event), records.feedSecret()]);
  let answered = 0;
  for (const rsvp of (await repos.rsvps.list(event.id)).filter(dueRecord)) {
    const record = recordFor(event, rsvp, network, at);
    const email = recordEmail(event, records.siteUrl, rsvp, record, { verifyUrl: verifyUrl(records.siteUrl, secret, record), feedbackUrl: feedbackUrl(records.siteUrl, secret, record) });
    const message = outboxMessage(replyTo ? { ...email, replyTo } : email, 'cpd-record', at);
    if (!(await records.cpdLog.issue({ record, rsvp: { eventId: event.id, key: rsvp.key }, email: message }))) throw new Error(`Could not issue a demo record of attendance at "${event.title}"`);
    // Asked of those who booked (not walk-ins or the team: the demo organiser's own link isn't offered).
    if (!record.noFeedback && records.feedback) await giveDemoFeedback(records.feedback, record, at, answered++);
    if (rsvp.email === DEMO_ORGANISER && event.format === 'in_person') {
      const written = new Date(at.getTime() + DAY_MS).toISOString();
      const reflection = 'What: the conservation studio and how they decide what to digitise first. So what: our local studies photos need the same triage. Now what: draft a priority list with the archivist next month.';
      await records.cpdLog.updateRecord(record.personId, record.id, { reflection, reflectionUpdatedAt: written });
    }
  }
}

/** What the demo's attendees answered, in turn: mostly pleased, some with words, one in four not at all. */
const DEMO_FEEDBACK: (FeedbackAnswer | undefined)[] = [
  { rating: 5, worked: 'Meeting people at the same stage as me.' },
  { rating: 4, better: 'A little more time for questions at the end.' },
  { rating: 5 },
  undefined,
  { rating: 4, worked: 'Practical examples I can use at work on Monday.' },
  { rating: 3, better: 'It was hard to hear at the back.' },
  { rating: 5, worked: 'Friendly, and nobody minded first-timers.' },
  undefined,
  { rating: 4 },
  { rating: 5, worked: 'The small-group discussion.', better: 'Name badges would help.' },
  { rating: 4, better: 'Slides shared afterwards, please.' },
  undefined,
  { rating: 5, worked: 'Hearing how other services tackle the same problems.' },
  { rating: 3 },
  { rating: 4, worked: 'A good mix of sectors in the room.' },
  undefined,
  { rating: 5, better: 'Start a little later so people can get there after work.' },
  { rating: 4, worked: 'Clear, and it kept to time.' },
  { rating: 5 },
  undefined,
];

/** The anonymous answer to a demo record's feedback form, as the form stores it, a day after the record came. */
async function giveDemoFeedback(feedback: Pick<FeedbackRepository, 'give'>, record: CpdRecord, issuedAt: Date, turn: number): Promise<void> {
  const answer = DEMO_FEEDBACK[turn % DEMO_FEEDBACK.length];
  if (!answer) return;
  const given = await feedback.give({
    record: { personId: record.personId, id: record.id, eventId: record.eventId }, answer, answerId: newId(26), at: new Date(issuedAt.getTime() + DAY_MS).toISOString(),
  });
  if (!given) throw new Error(`Could not store the demo feedback for "${record.title}"`);
}

/** The demo organiser's activity from elsewhere in their CPD log: a webinar a fortnight ago. */
async function seedOrganiserActivity(records: DemoRecords, now: Date): Promise<void> {
  const at = new Date(now.getTime() - 14 * DAY_MS);
  await records.cpdLog.putActivity({
    id: newId(16), personId: personId(DEMO_ORGANISER), date: at.toISOString().slice(0, 10), title: 'Webinar: copyright and digitisation, an update', provider: 'CILIP',
    quarters: 5, areas: ['information-governance'], reflection: 'Useful on orphan works; check our takedown policy.', createdAt: at.toISOString(), updatedAt: at.toISOString(),
  });
}

/**
 * Manchester NLPN's attendance on the day and before it: a CV clinic starting within the hour with people checked in
 * (by the team and by code) and a walk-in, and a Chartership evening in two days whose people were asked "Still
 * coming?" a day ago (most answered yes; unanswered places go to its waitlist at the deadline). Meetups it stored.
 */
async function seedDemoAttendance(repos: DemoRepositories, attendance: DemoAttendance, now: Date): Promise<number> {
  const n = demoNetworks.find((d) => d.slug === 'manchester-nlpn')!;
  const base = templates.find((t) => t.network === n.name && t.capacity)!;
  const index = 40;
  // Within the hour, on London's wall clock (the template's zone): its check-in window is open now.
  const soon = Math.ceil((now.getTime() + 30 * 60_000) / (15 * 60_000)) * 15 * 60_000;
  const clinic = await storeMeetup(repos, n, inputFor({ ...base, title: 'CV clinic: applying for your first professional post', hour: 0, minutes: 120, capacity: 12 }, londonWallMs(soon)), new Date(now.getTime() - 14 * DAY_MS));
  const clinicKeys = await givePlaces(repos, n, clinic, 8, index, new Date(now.getTime() - 10 * DAY_MS));
  const by = (i: number): CheckInBy => (i % 4 === 3 ? { via: 'code' } : doorTeam(n));
  await checkInPeople(attendance, clinic, clinicKeys.slice(0, 4), by, new Date(now.getTime() - 10 * 60_000), 1);

  // Two days ahead at 18:00: asked DEFAULT_CHECK_HOURS before, with the default deadline.
  const day = Math.floor(now.getTime() / DAY_MS + 2) * DAY_MS;
  const evening = await storeMeetup(repos, n, inputFor({ ...base, title: 'Chartership evening: portfolio feedback', hour: 18, minutes: 90, capacity: 10 }, day), new Date(now.getTime() - 20 * DAY_MS), {
    attendance: { check: true, release: true },
  });
  const eveningKeys = await givePlaces(repos, n, evening, 12, index + 1, new Date(now.getTime() - 15 * DAY_MS));
  const start = Date.parse(evening.startUtc);
  const askedAt = new Date(Math.min(now.getTime() - 60_000, start - DEFAULT_CHECK_HOURS * 3_600_000)).toISOString();
  const releaseDeadline = new Date(start - DEFAULT_RELEASE_HOURS * 3_600_000).toISOString();
  for (const [i, key] of eveningKeys.slice(0, evening.capacity).entries()) {
    const answered = i < 6 ? { stillComing: 'yes' as const, stillComingAnsweredAt: new Date(Date.parse(askedAt) + (i + 1) * 3_600_000).toISOString() } : {};
    await attendance.answer(evening.id, key, { stillComingAskedAt: askedAt, releaseDeadline, ...answered });
  }
  return 2;
}

/** The wall clock in London at `ms`, written as if UTC (as inputFor reads its day). */
function londonWallMs(ms: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms)).map((p) => [p.type, p.value]),
  );
  return Date.parse(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:00Z`);
}

/**
 * A network's followers by email, confirmed since it was created (more of them lately, as a network grows), so
 * the team's follower count and growth have something to show. Their addresses are @example.org and never emailed:
 * the demo's announcements reach them only in the local inbox.
 */
async function seedFollowers(repos: DemoRepositories, n: DemoNetwork, createdAt: Date, now: Date): Promise<void> {
  // Since the network was created (never before), a day at the least.
  const age = Math.max(1, Math.floor((now.getTime() - createdAt.getTime()) / DAY_MS) - 1);
  for (let i = 0; i < n.followers; i++) {
    const email = `follower-${n.slug}-${i}@example.org`;
    // i / followers in [0, 1): the square root puts more of them in recent months.
    const daysAgo = Math.floor(age * (1 - Math.sqrt((i + 0.5) / n.followers)));
    const at = new Date(now.getTime() - daysAgo * DAY_MS).toISOString();
    const follower: StoredFollower = {
      networkSlug: n.slug, id: personId(email), email, mode: i % 4 === 0 ? 'digest' : 'each', status: 'active', createdAt: at, confirmedAt: at, updatedAt: at,
    };
    await repos.followers.put(follower);
  }
  const mine = DEMO_ORGANISER_FOLLOWS.find((f) => f.slug === n.slug);
  if (mine) {
    const at = new Date(now.getTime() - 20 * DAY_MS).toISOString();
    await repos.followers.put({
      networkSlug: n.slug, id: personId(DEMO_ORGANISER), email: DEMO_ORGANISER, name: 'Sam Okafor', mode: mine.mode, status: 'active', createdAt: at, confirmedAt: at, updatedAt: at,
    });
  }
}

/**
 * Creates the demo networks with their teams (one that exists already is left as it is, so seeding twice is harmless)
 * and, for each new one, its past meetups with the people who came. Returns how many networks it created.
 */
export async function seedDemoNetworks(repos: DemoRepositories, now: Date): Promise<number> {
  let created = 0;
  for (const [index, n] of demoNetworks.entries()) {
    const createdAt = new Date(now.getTime() - (120 - index * 9) * DAY_MS);
    const { network, team } = storedDemoNetwork(n, createdAt);
    const creator = n.team[0]!;
    const activity = [{ slug: n.slug, id: newId(12), at: createdAt.toISOString(), actor: { email: creator.email, name: creator.name, via: 'session' as const }, action: 'network.created', summary: `Created the network “${n.name}”` }];
    const outcome = await repos.networks.create(network, team, { activity });
    if (!outcome.ok) continue;
    created++;
    for (const m of team) await repos.sessions.rememberName(m.personId, m.name);
    for (const past of n.past) await seedPastMeetup(repos, n, past, now, index);
    await seedFollowers(repos, n, createdAt, now);
  }
  return created;
}

/**
 * A monthly series: the London Library Lunch Club on the first Thursday of the next six months, 12:30 London time
 * through the clock changes, each occurrence its own meetup. Seeding again makes the same ids, so it is stored once.
 */
export async function seedDemoSeries(repo: EventsRepository, now: Date): Promise<number> {
  const template = templates.find((t) => t.network === 'London Library Lunch Club')!;
  // The first Thursday of next month.
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  while (first.getUTCDay() !== 4) first.setUTCDate(first.getUTCDate() + 1);
  const input = inputFor({ ...template, hour: 12.5, title: 'Library lunch club: London (first Thursdays)' }, first.getTime());
  const draft = withNetwork(createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, now), template.network);
  const series = seriesOf(publishEvent(draft, now), 'monthly', 6, seriesIdFor(draft.organiserEmail, 'demo-lunch-club'));
  if (await repo.get(series[0]!.id)) return 0;
  const created = await repo.createSeries(series, []);
  if (!created.ok) throw new Error(`Could not store the demo series: ${created.reason}`);
  return series.length;
}

/** The whole demo: the networks (with their past meetups), then `count` upcoming meetups. What `npm start` and `npm run seed` load. */
export async function seedEverything(repos: DemoRepositories, now: Date, count = 36): Promise<{ networks: number; meetups: number }> {
  const networks = await seedDemoNetworks(repos, now);
  // With the networks, once: a second seeding finds them there and adds none of this again.
  const attendance = networks && repos.attendance ? await seedDemoAttendance(repos, repos.attendance, now) : 0;
  if (networks && repos.attendance?.records) await seedOrganiserActivity(repos.attendance.records, now);
  const meetups = (await seedDemo(repos.events, now, count)) + (await seedDemoSeries(repos.events, now)) + attendance;
  return { networks, meetups };
}

/** What the terminal says after seeding. */
export const seededLine = ({ networks, meetups }: { networks: number; meetups: number }) =>
  `Loaded ${meetups} demo meetups${networks ? ` and ${networks} demo networks with their teams and past meetups` : ''}.`;
