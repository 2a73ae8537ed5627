// Test support: in-memory stand-ins for the ports we own (mailer, repository), and an app wired with them.
import { memoryCpdLog } from '#functions/cpd/memory-log.ts';
import { memoryFeedback } from '#functions/cpd/memory-feedback.ts';
import { createApp } from '#functions/apps/api/app.ts';
import type { AppDeps } from '#functions/apps/api/deps.ts';
import { memoryEventsRepository } from '#functions/events/memory-events.repository.ts';
import { memoryRsvpsRepository } from '#functions/rsvps/memory-rsvps.repository.ts';
import { memoryFeedsRepository } from '#functions/feeds/memory-feeds.repository.ts';
import { configuredFeedSecret } from '#functions/feeds/secret.ts';
import { createFeedApp } from '#functions/apps/feeds/app.ts';
import { renderCache } from '#functions/feeds/render-cache.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { memorySuppressionsRepository } from '#functions/suppression/memory-suppressions.repository.ts';
import { createLogger } from '#functions/core/log.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import { memorySessionsRepository } from '#functions/auth/memory-sessions.repository.ts';
import { memoryNetworksRepository } from '#functions/networks/memory-networks.repository.ts';
import { memoryReportsRepository } from '#functions/events/memory-reports.repository.ts';
import { memoryMyPlacesRepository } from '#functions/me/memory-my-places.ts';
import { memoryHiddenMeetupsRepository } from '#functions/moderation/memory-hidden-meetups.repository.ts';
import { memoryFollowersRepository } from '#functions/follows/memory-followers.repository.ts';
import { memoryBroadcasts } from '#functions/mail/memory-broadcasts.ts';
import { memoryAttendeeClaims } from '#functions/messages/memory-attendee-claims.ts';
import { memoryCheckIns, memoryCodeAttempts } from '#functions/attendance/memory-check-ins.ts';
import { memoryStillComingRepository } from '#functions/attendance/still-coming-memory.repository.ts';

export function inMemoryApp(overrides: Partial<AppDeps> = {}) {
  const logLines: string[] = [];
  const networks = memoryNetworksRepository();
  // A meetup's changes go on its network's activity list, as they do in the table.
  const events = memoryEventsRepository({ activities: networks.activities });
  const rsvps = memoryRsvpsRepository(events.events, events.outbox, networks.activities);
  const suppressions = memorySuppressionsRepository();
  const sessions = memorySessionsRepository(events.outbox);
  const reports = memoryReportsRepository(events.outbox);
  const hiddenMeetups = memoryHiddenMeetupsRepository();
  const followers = memoryFollowersRepository(events.outbox);
  const broadcasts = memoryBroadcasts({ outbox: events.outbox, activities: networks.activities });
  const attendeeClaims = memoryAttendeeClaims(broadcasts, rsvps.rsvps);
  const deps: AppDeps = {
    sessions,
    reports,
    hiddenMeetups,
    followers,
    broadcasts,
    attendeeClaims,
    checkIns: memoryCheckIns(events.events, rsvps.rsvps),
    cpdLog: memoryCpdLog(rsvps.rsvps, events.outbox),
    feedback: memoryFeedback(() => deps.cpdLog, (id) => events.events.has(id)),
    codeAttempts: memoryCodeAttempts(),
    stillComing: memoryStillComingRepository(events.events, rsvps.rsvps, events.outbox),
    myPlaces: memoryMyPlacesRepository({ events: events.events, rsvps: rsvps.rsvps }),
    networks,
    operators: ['operator@example.org'],
    networkApproval: false,
    suppressions,
    events,
    rsvps,
    feeds: memoryFeedsRepository({ events: events.events, feedVersions: events.feedVersions, rsvps: rsvps.rsvps, people: rsvps.people }),
    feedSecret: configuredFeedSecret(TEST_FEED_SECRET),
    clock: fixedClock('2026-11-27T09:00:00Z'),
    logger: createLogger('info', (line) => logLines.push(line)),
    siteUrl: 'https://events.example.org',
    clientIp: () => '192.0.2.1',
    ...overrides,
  };
  const feedApp = createFeedApp({ ...deps, renders: renderCache() });
  return { app: createApp(deps), feedApp, deps, events, suppressions, sessions, networks, reports, hiddenMeetups, followers, broadcasts, logLines };
}

export const TEST_FEED_SECRET = 'test-feed-secret-0123456789abcdefghijklmnop';

export const validMeetup = (over: Record<string, unknown> = {}) => ({
  title: 'New professionals lunch club',
  description: 'Bring your own lunch.\nMore: https://example.org/lunch',
  start: '2026-12-03T12:30',
  end: '2026-12-03T13:30',
  timezone: 'Europe/London',
  format: 'in_person',
  venue: "Central Library\nSt Peter's Square, Manchester",
  organiserName: 'Sam',
  organiserEmail: 'sam.organiser@example.org',
  network: '',
  tags: ['CPD', 'Networking'],
  openToAll: 'Free and open to everyone, not just members.',
  accessibility: 'Step-free access.',
  ...over,
});

export const tokenFrom = (email: OutboxMessage) => {
  const m = /\/confirm\/([a-z0-9]+)#token=([A-Za-z0-9_-]{43})/.exec(email.text);
  if (!m) throw new Error('no confirm link in email');
  return { id: m[1]!, token: m[2]! };
};
