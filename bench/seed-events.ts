// Bench helper: published events written the way the app writes them (create, then save(publishEvent), which bumps
// the feed versions in the same transaction). Most are the demo meetups (local/seed-data.ts); the rest have
// multibyte titles, across the same four time zones, so the feeds carry non-ASCII text and folded lines.
import { eventInputSchema, type EventInput } from '#functions/events/event.schema.ts';
import { createEvent, publishEvent } from '#functions/events/event.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import { seedDemo } from '#local/seed-data.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { slugify } from '#functions/core/slug.ts';

interface Extra {
  title: string;
  timezone: string;
  hour: number;
  network?: string;
  tags: string[];
  venue?: string;
}

const extras: Extra[] = [
  { title: 'Cyfarfod llyfrgellwyr: gwasanaethau dwyieithog – croeso i bawb', timezone: 'Europe/London', hour: 18, network: 'Cardiff Library Network', tags: ['Welsh language', 'Networking'], venue: 'Llyfrgell Ganolog Caerdydd\nYr Aes, Caerdydd CF10 1FL' },
  { title: 'Caifé leabharlainne: léitheoireacht ós ard, fáilte roimh chách', timezone: 'Europe/Dublin', hour: 13, network: 'Library Information Network Ireland', tags: ['Reading', 'Gaeilge'] },
  { title: 'Bibliothèques & métadonnées : « linked data » pour débutant·e·s', timezone: 'America/New_York', hour: 11, network: 'Info Pros International', tags: ['Metadata', 'International'] },
  { title: '図書館と地域 — libraries and community: a Japanese–English exchange', timezone: 'Australia/Sydney', hour: 17, tags: ['International', '日本語'] },
  { title: 'Ōtautahi ↔ Sydney: Indigenous knowledge in libraries 📚', timezone: 'Australia/Sydney', hour: 16, network: 'ANZ Info Pros', tags: ['Indigenous knowledge', 'CPD'], venue: 'State Library of New South Wales\n1 Shakespeare Place, Sydney NSW 2000' },
  { title: 'Читаем вместе: a Russian–English reading group for librarians', timezone: 'Europe/London', hour: 19, tags: [] },
];

function extraInput(e: Extra, day: number): EventInput {
  const start = day + e.hour * 3_600_000;
  const wall = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  return eventInputSchema.parse({
    title: e.title,
    description: `${e.title}.\nUn café, des questions, des réponses — ¿preguntas? 質問はどうぞ。 Croeso – fáilte – welcome.\n\nNotes afterwards: https://notes.example.org/${slugify(e.title)}`,
    start: wall(start),
    end: wall(start + 90 * 60_000),
    timezone: e.timezone,
    format: e.venue ? 'hybrid' : 'online',
    venue: e.venue,
    onlineUrl: `https://meet.example.org/${slugify(e.title)}`,
    organiserName: e.network ? `${e.network} organisers` : 'Signpost volunteers',
    organiserEmail: 'organisers@example.org',
    network: e.network,
    tags: e.tags,
  });
}

/**
 * `count` published events: three quarters demo meetups, the rest with multibyte titles, spread over the coming
 * four months. Written with `now` as their clock; pass a time in the past so feeds treat them as settled.
 */
export async function seedFeedEvents(repo: EventsRepository, now: Date, count = 1000, concurrency = 16): Promise<void> {
  const demo = Math.round(count * 0.75);
  await seedDemo(repo, now, demo, concurrency);
  const first = Math.floor(now.getTime() / 86_400_000 + 2) * 86_400_000;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count - demo; i = next++) {
        const input = extraInput(extras[i % extras.length]!, first + ((i * 7) % 120) * 86_400_000);
        const draft = createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, now);
        await repo.create(draft, [], []);
        await repo.save(publishEvent(draft, now), draft);
      }
    }),
  );
}
