// Unit: the emails a network's followers get (announcements, the weekly digest) and what makes them follower emails;
// and the in-memory sweep over the in-memory repositories (sealing a gathering once, a publish in between waiting).
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredFollower } from '#functions/core/follow.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { announcementEmail, digestEmail } from '#functions/follows/announcement-emails.ts';
import { dressForFollower } from '#functions/follows/follower-email.ts';
import { followerLinks } from '#functions/follows/follower-links.ts';
import { isoWeek } from '#functions/follows/digest.ts';
import { memoryAnnouncementsRepository } from '#functions/follows/memory-announcements.repository.ts';
import { memoryFollowersRepository } from '#functions/follows/memory-followers.repository.ts';
import { sweepFollows, type FollowSweepDeps } from '#functions/follows/sweep.ts';
import { memoryEventsRepository } from '#functions/events/memory-events.repository.ts';
import { memoryBroadcasts } from '#functions/mail/memory-broadcasts.ts';
import { memoryNetworksRepository } from '#functions/networks/memory-networks.repository.ts';
import { memorySuppressionsRepository } from '#functions/suppression/memory-suppressions.repository.ts';
import { JOIN_URL, SITE, sampleEvent } from '../support/email-samples.ts';
import { network as storedNetwork } from '../support/signed-in.ts';

const nlpn = storedNetwork('manchester-nlpn', { name: 'Manchester NLPN', contactEmail: 'hello@nlpn.example.org' });
const follower = (over: Partial<StoredFollower> = {}): StoredFollower => ({
  networkSlug: nlpn.slug, id: 'f1', email: 'reader@example.org', name: 'Sam', mode: 'each', status: 'active',
  createdAt: '2026-11-01T00:00:00Z', confirmedAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z', ...over,
});

/** Occurrence `i` of a monthly series at 12:30 London: 3 December, 7 January, 4 February (GMT throughout). */
const occurrence = (i: number): StoredEvent => {
  const days = ['2026-12-03', '2027-01-07', '2027-02-04'][i]!;
  return sampleEvent('in_person', {
    id: `occ${i}`, title: 'Lunch club', startLocal: `${days}T12:30`, endLocal: `${days}T13:30`,
    startUtc: `${days}T12:30:00.000Z`, endUtc: `${days}T13:30:00.000Z`, series: { id: 'ser1', repeat: 'monthly', index: i + 1, count: 3 },
  });
};

describe('an announcement of one meetup', () => {
  const event = sampleEvent('hybrid', { title: 'Cataloguing café' });

  it('says when in the meetup\'s zone and in the follower\'s own, where, places left and its page; carries the public .ics', () => {
    const email = announcementEmail(nlpn, [event], follower({ timezone: 'America/New_York' }), SITE);
    expect(email.subject).toBe('New meetup from Manchester NLPN: Cataloguing café');
    expect(email.text).toMatch(/When: Thursday,? 3 December 2026, 12:30 – 13:30 London time/);
    expect(email.text).toMatch(/Your time: Thursday,? 3 December 2026, 07:30 – 08:30 New York time/);
    expect(email.text).toContain('Where: Central Library');
    expect(email.text).toContain('and online');
    expect(email.text).toContain('Places: 17 of 20 left');
    expect(email.text).toContain(`${SITE}/events/evt123/cataloguing-cafe`);
    expect(email.text).toContain('Hello Sam,');
    expect(email.calendar).toMatchObject({ uid: 'evt123@signpost', startUtc: event.startUtc });
    // The private joining link is for people with a place: never in an announcement or its calendar entry.
    expect(JSON.stringify(email)).not.toContain(JOIN_URL);
  });

  it('shows one time when the follower\'s zone reads the same, or is unknown', () => {
    for (const f of [follower({ timezone: 'Europe/London' }), follower({ timezone: 'Europe/Lisbon' }), follower()]) {
      const email = announcementEmail(nlpn, [event], f, SITE);
      expect(email.text).toContain('London time');
      expect(email.text).not.toContain('Your time');
    }
  });

  it('says "Full" when no place is left', () => {
    expect(announcementEmail(nlpn, [{ ...event, confirmedCount: 20 }], follower(), SITE).text).toContain('Places: Full: the waitlist is open');
    expect(announcementEmail(nlpn, [{ ...event, capacity: undefined } as StoredEvent], follower(), SITE).text).toContain('Places: No limit on places');
  });
});

describe('an announcement of a series, and of several meetups', () => {
  it('lists a series\' dates in one entry, in both zones, with no .ics', () => {
    const email = announcementEmail(nlpn, [occurrence(2), occurrence(0), occurrence(1)], follower({ timezone: 'Australia/Sydney' }), SITE);
    expect(email.subject).toBe('New monthly series from Manchester NLPN: Lunch club');
    expect(email.text).toContain('A monthly series of 3 meetups');
    const dates = [...email.text.matchAll(/^(?:Thursday|Wednesday),? (\d+ \w+ \d{4}), 12:30 – 13:30 London time$/gm)].map((m) => m[1]);
    expect(dates).toEqual(['3 December 2026', '7 January 2027', '4 February 2027']);
    // 12:30 GMT is 23:30 in Sydney (summer time, UTC+11).
    expect(email.text).toMatch(/\(Thursday,? 3 December 2026, 23:30 – Friday,? 4 December 2026, 00:30 Sydney\s+time\)/);
    expect(email.text.match(/^Lunch club$/gm)).toHaveLength(1);
    expect(email.calendar).toBeUndefined();
  });

  it('counts each meetup and each series once in the subject', () => {
    const other = sampleEvent('online', { id: 'o1', slug: 'zine-swap', title: 'Zine swap' });
    const email = announcementEmail(nlpn, [occurrence(0), occurrence(1), other], follower(), SITE);
    expect(email.subject).toBe('2 new meetups from Manchester NLPN');
    expect(email.text).toContain('Zine swap');
    expect(email.text).toContain('Lunch club');
  });
});

describe('the weekly digest', () => {
  it('has "New this week" and "Coming up", and says how many of each in its subject', () => {
    const fresh = occurrence(1);
    const soon = sampleEvent('online', { id: 's1', slug: 'soon', title: 'Reading group' });
    const email = digestEmail(nlpn, { fresh: [fresh], coming: [soon] }, follower({ mode: 'digest' }), SITE);
    expect(email.subject).toBe('This week at Manchester NLPN: 1 new, 1 coming up');
    const text = email.text;
    expect(text.indexOf('New this week')).toBeLessThan(text.indexOf('Lunch club'));
    expect(text.indexOf('Coming up')).toBeGreaterThan(text.indexOf('Lunch club'));
    expect(text.indexOf('Reading group')).toBeGreaterThan(text.indexOf('Coming up'));
    expect(email.calendar).toBeUndefined();
  });

  it('names ISO weeks: Monday to Sunday, the year of the week\'s Thursday', () => {
    expect(isoWeek('2026-12-07')).toBe('2026-W50');
    expect(isoWeek('2026-12-13')).toBe('2026-W50');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
  });
});

describe('a follower email', () => {
  const secret = new TextEncoder().encode('follower-secret-0123456789abcdef');
  const dressed = dressForFollower(announcementEmail(nlpn, [sampleEvent('in_person')], follower(), SITE), { siteUrl: SITE, secret, network: nlpn, follower: follower() });
  const links = followerLinks(SITE, secret, nlpn.slug, 'f1');

  it('carries the one-click unsubscribe, the network\'s List-Id, and replies to the network', () => {
    expect(dressed.listUnsubscribe).toBe(links.oneClick);
    expect(dressed.listId).toEqual({ id: 'manchester-nlpn.followers.events.example.org', name: 'Manchester NLPN followers' });
    expect(dressed.replyTo).toBe('hello@nlpn.example.org');
  });

  it('ends saying why it came, with "Change how often" and "Unfollow", in both parts', () => {
    expect(dressed.text.replace(/\n/g, ' ')).toContain('You get this because you follow Manchester NLPN on Signpost (an email for each new meetup).');
    expect(dressed.text).toContain(`Change how often: ${links.settings}`);
    // "Unfollow" opens the one-click link's page, whose button unfollows (opening it changes nothing).
    expect(dressed.text).toContain(`Unfollow: ${links.oneClick}`);
    const footer = dressed.html.slice(dressed.html.indexOf('You get this because'));
    expect(footer).toContain(`href="${links.settings.replace(/&/g, '&amp;')}"`);
    expect(footer).toContain('>Change how often</a>');
    expect(footer).toContain(`<a href="${links.oneClick}" style="color:#1d70b8;text-decoration:underline">Unfollow</a>`);
    expect(dressed.html.trimEnd().endsWith('</html>')).toBe(true);
  });
});

describe('the sweep on the in-memory repositories', () => {
  it('seals a due gathering once; a publish that joined after it was read waits for the next sweep', async () => {
    const clock = fixedClock('2026-11-27T09:00:00Z');
    const events = memoryEventsRepository();
    const broadcasts = memoryBroadcasts();
    const followers = memoryFollowersRepository();
    const networks = memoryNetworksRepository();
    networks.networks.set(nlpn.slug, nlpn);
    const event = sampleEvent('in_person', { networkSlug: nlpn.slug });
    events.events.set(event.id, event);
    await followers.put(follower());
    await followers.put(follower({ id: 'f2', email: 'weekly@example.org', mode: 'digest' }));
    events.announcements.set(nlpn.slug, { networkSlug: nlpn.slug, eventIds: [event.id], dueAt: '2026-11-27T09:10:00.000Z', joins: 1 });
    const announcements = memoryAnnouncementsRepository({ announcements: events.announcements, broadcasts });
    const deps: FollowSweepDeps = {
      announcements, broadcasts, followers, events, networks, suppressions: memorySuppressionsRepository(), clock,
      logger: createLogger('silent'), siteUrl: SITE, feedSecret: async () => new Uint8Array(32),
    };

    expect((await sweepFollows(deps)).sealed).toBe(0);
    clock.set('2026-11-27T09:11:00Z');
    const [due] = await announcements.due(clock.now());
    events.announcements.set(nlpn.slug, { ...due!, joins: 2 });
    expect(await announcements.seal(due!, { id: 'b1', kind: 'announcement', createdAt: clock.now().toISOString(), status: 'open' })).toBe(false);

    expect(await sweepFollows(deps)).toMatchObject({ sealed: 1, broadcasts: 1, queued: 1 });
    expect(events.announcements.size).toBe(0);
    expect(broadcasts.outbox.map((m) => [m.to, m.purpose])).toEqual([['reader@example.org', 'announcement']]);
    expect(await sweepFollows(deps)).toMatchObject({ sealed: 0, broadcasts: 0, queued: 0 });
  });
});
