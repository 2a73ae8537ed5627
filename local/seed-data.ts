// Demo data: realistic upcoming meetups across networks, formats, time zones and tags, so a newcomer sees a lived-in app.
import { eventInputSchema, type EventInput } from '#functions/events/event.schema.ts';
import { createEvent, publishEvent } from '#functions/events/event.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { slugify } from '#functions/core/slug.ts';

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
}

const templates: Template[] = [
  { network: '#uklibchat', title: '#uklibchat: marketing your library on a shoestring', format: 'online', timezone: 'Europe/London', hour: 19, minutes: 60, tags: ['CPD', 'Networking', 'Marketing'],
    description: 'Our monthly chat, this time on promoting services with no budget.\nBring one thing that worked and one that did not.\n\nSummary and reading list afterwards: https://uklibchat.example.org/archive', accessibility: 'Text-based chat; a transcript is published afterwards.' },
  { network: 'Manchester NLPN', title: 'New professionals lunch club', format: 'in_person', timezone: 'Europe/London', hour: 12, minutes: 75, tags: ['New professionals', 'Networking'], venue: 'Central Library, St Peter\'s Square\nManchester M2 5PD', capacity: 20,
    description: 'An informal lunch for anyone new to library and information work. Bring your own lunch; tea and biscuits provided.', accessibility: 'Step-free access from the Mount Street entrance. Hearing loop in the meeting room.' },
  { network: 'Manchester NLPN', title: 'Chartership support session: reflective writing', format: 'hybrid', timezone: 'Europe/London', hour: 18, minutes: 90, tags: ['Chartership', 'CPD'], venue: 'Manchester Metropolitan University Library, Room 1.12\nAll Saints, Manchester M15 6BH', capacity: 25,
    description: 'Mentors share examples of reflective writing for your portfolio, then we work in small groups.\nJoin in the room or online.' },
  { network: 'Library Camp', title: 'Library Camp unconference', format: 'in_person', timezone: 'Europe/London', hour: 10, minutes: 420, tags: ['Unconference', 'Networking', 'CPD'], venue: 'The Library of Birmingham\nCentenary Square, Birmingham B1 2ND', capacity: 150,
    description: 'A free day of sessions pitched on the day by the people who come. Cake is traditional.\nSession ideas welcome beforehand.', accessibility: 'Quiet room available all day. Step-free throughout. Let us know about dietary needs.' },
  { network: 'TeachMeet Scotland', title: 'TeachMeet: school librarians and reading for pleasure', format: 'hybrid', timezone: 'Europe/London', hour: 16, minutes: 120, tags: ['TeachMeet', 'School libraries', 'Reading'], venue: 'Glasgow Women\'s Library\n23 Landressy Street, Glasgow G40 1BP', capacity: 40,
    description: 'Seven-minute and two-minute talks from school librarians and teachers. Sign up to speak on the night or just come and listen.' },
  { network: 'Library Information Network Ireland', title: 'Cataloguing cafe: RDA questions answered', format: 'online', timezone: 'Europe/Dublin', hour: 13, minutes: 60, tags: ['Cataloguing', 'Metadata', 'CPD'],
    description: 'Bring your trickiest records. Experienced cataloguers answer questions in a relaxed lunchtime session.' },
  { network: 'CILIP North West', title: 'Digital skills drop-in: getting started with Python for librarians', format: 'online', timezone: 'Europe/London', hour: 14, minutes: 120, tags: ['Digital skills', 'CPD'], capacity: 30,
    description: 'A gentle, hands-on introduction. No experience needed; we use a browser-based notebook, nothing to install.' },
  { network: 'Health Libraries Network', title: 'Evidence search clinic for health librarians', format: 'online', timezone: 'Europe/London', hour: 10, minutes: 90, tags: ['Health libraries', 'Evidence', 'CPD'],
    description: 'Peer support on search strategies for systematic reviews. Share a strategy you are proud of, or one that is stuck.' },
  { network: 'Info Pros International', title: 'International library chat: open access across borders', format: 'online', timezone: 'America/New_York', hour: 11, minutes: 60, tags: ['Open access', 'International', 'Networking'],
    description: 'Colleagues from North America and Europe compare open-access workflows. Scheduled for mornings in New York and afternoons in Europe.' },
  { network: 'ANZ Info Pros', title: 'Early-career meetup: Sydney', format: 'in_person', timezone: 'Australia/Sydney', hour: 17, minutes: 120, tags: ['New professionals', 'Networking'], venue: 'State Library of New South Wales\n1 Shakespeare Place, Sydney NSW 2000', capacity: 35,
    description: 'Drinks and conversation for people in their first five years of library work.' },
  { title: 'Library lunch club: London', format: 'in_person', timezone: 'Europe/London', hour: 12, minutes: 60, tags: ['Networking', 'Lunch club'], venue: 'Wellcome Collection cafe\n183 Euston Road, London NW1 2BE',
    description: 'Monthly lunch for library and information people in London. Look for the Signpost sign on the table.' },
  { network: 'Cardiff Library Network', title: 'Bilingual services meetup / Cyfarfod gwasanaethau dwyieithog', format: 'hybrid', timezone: 'Europe/London', hour: 17, minutes: 90, tags: ['Welsh language', 'Networking'], venue: 'Cardiff Central Library\nThe Hayes, Caerdydd CF10 1FL',
    description: 'Sharing practice on Welsh and English services. Croeso i bawb – everyone welcome.' },
];

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
    organiserName: t.network ? `${t.network} organisers` : 'Signpost volunteers',
    organiserEmail: 'organisers@example.org',
    network: t.network,
    tags: t.tags,
    openToAll: 'Free and open to everyone, not just members.',
    accessibility: t.accessibility,
  });
}

/** Loads `count` published demo meetups spread over the coming months. Returns how many were written. */
export async function seedDemo(repo: EventsRepository, now: Date, count = 36, concurrency = 8): Promise<number> {
  const tomorrow = Math.floor(now.getTime() / 86_400_000 + 2) * 86_400_000;
  const jobs = Array.from({ length: count }, (_, i) => async () => {
    const t = templates[i % templates.length]!;
    const input = inputFor(t, tomorrow + ((Math.floor((i * 97) / templates.length) % 120) + (i % 3)) * 86_400_000);
    const draft = createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, now);
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
