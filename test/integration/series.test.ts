// Integration: a series of meetups on DynamoDB Local and the SES emulator. Listed once by its network's team, each
// date is its own meetup stored at the right instant through clock changes (London, Sydney); an edit of "this and
// all later ones" moves only the later ones and their people get the change notice; cancelling one leaves the rest;
// the network's followers get one announcement for the whole series.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import type { StoredFollower } from '#functions/core/follow.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { createLogger } from '#functions/core/log.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { personId } from '#functions/core/person.ts';
import { slugify } from '#functions/core/slug.ts';
import { dynamoAnnouncementsRepository } from '#functions/follows/dynamo-announcements.repository.ts';
import { sweepFollows, type FollowSweepDeps } from '#functions/follows/sweep.ts';
import { sweepReminders, type ReminderDeps } from '#functions/reminders/sweep.ts';
import { newRsvpFields } from '#functions/rsvps/rsvp.ts';
import { seriesIdFor, seriesIds } from '#functions/events/series.ts';
import { inbox, sweepDepsFor, testStack } from '../support/stack.ts';

const clock = fixedClock('2027-02-01T09:00:00Z');
const SITE = 'http://localhost:3000';
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;
let reminders: ReminderDeps;

beforeAll(async () => {
  stack = await testStack(clock, SITE);
  app = createApp(stack.deps);
  reminders = sweepDepsFor(stack, clock);
});

interface Listed { id: string; status: string; url: string }

/** A series listed by `network`'s team, signed in with the organiser address: published at once. */
async function listSeries(network: string, over: Record<string, unknown>) {
  const slug = slugify(network);
  const team = await stack.asTeam({ network });
  const send = (body: Record<string, unknown>) =>
    app.request('/api/events', { method: 'POST', headers: { 'content-type': 'application/json', ...team.headers }, body: JSON.stringify(body) });
  const body = {
    title: `Lunch club ${newId(4)}`, description: 'Sandwiches and cataloguing.', timezone: 'Europe/London', format: 'in_person',
    venue: 'Central Library', capacity: 10, organiserName: 'Team', repeat: 'monthly', times: 3, seriesKey: newToken(),
    ...over, network: slug, organiserEmail: `team.${slug}@example.org`,
  };
  const res = await send(body);
  expect(res.status).toBe(201);
  const first = (await res.json()) as Listed;
  const event = (await stack.deps.events.get(first.id))!;
  const all = await Promise.all(seriesIds(event.series!).map((id) => stack.deps.events.get(id)));
  return { first, all: all.map((e) => e!), headers: team.headers, slug, send, body };
}

/** A confirmed place at a meetup, through the confirm endpoint with a token we know. */
async function attendee(eventId: string, name: string) {
  const event = (await stack.deps.events.get(eventId))!;
  const token = newToken();
  const email = `${name.toLowerCase()}-${newId(6)}@example.org`;
  const fields = newRsvpFields(event, { name, email }, hashSecret(token), clock.now());
  await stack.deps.rsvps.request(fields, [], outboxMessage({ to: email, subject: 's', text: 't', html: 'h' }, 'rsvp-confirm-link', clock.now()));
  const res = await app.request(`/api/events/${eventId}/rsvps/${fields.key}/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  expect(res.status).toBe(200);
  return email;
}

const changesTo = async (email: string) => {
  await stack.deliver();
  return (await inbox(stack.sesEndpoint, email)).filter((m) => m.subject.startsWith('Changed:'));
};

describe('a series', () => {
  it('in Sydney keeps 12:30 local across the April change: each its own meetup at the right UTC instant', async () => {
    const { all } = await listSeries('Sydney Series Network', { timezone: 'Australia/Sydney', start: '2027-03-02T12:30', end: '2027-03-02T13:30', times: 3 });
    expect(all.map((e) => e.startLocal)).toEqual(['2027-03-02T12:30', '2027-04-06T12:30', '2027-05-04T12:30']);
    expect(all.map((e) => e.startUtc)).toEqual(['2027-03-02T01:30:00.000Z', '2027-04-06T02:30:00.000Z', '2027-05-04T02:30:00.000Z']);
    expect(new Set(all.map((e) => e.id)).size).toBe(3);
    expect(all.map((e) => e.series)).toEqual([1, 2, 3].map((index) => ({ id: all[0]!.series!.id, repeat: 'monthly', index, count: 3 })));
    expect(all.every((e) => e.status === 'published' && e.capacity === 10 && !e.confirmedCount)).toBe(true);
  });

  let london: Awaited<ReturnType<typeof listSeries>>;

  it('in London keeps 12:30 local across the October change, and sending it again lists it once', async () => {
    clock.set('2027-09-01T09:00:00Z');
    london = await listSeries('London Series Network', { start: '2027-10-05T12:30', end: '2027-10-05T13:30', times: 4 });
    expect(london.all.map((e) => e.startUtc)).toEqual(['2027-10-05T11:30:00.000Z', '2027-11-02T12:30:00.000Z', '2027-12-07T12:30:00.000Z', '2028-01-04T12:30:00.000Z']);
    expect(london.all.map((e) => e.endUtc)).toEqual(['2027-10-05T12:30:00.000Z', '2027-11-02T13:30:00.000Z', '2027-12-07T13:30:00.000Z', '2028-01-04T13:30:00.000Z']);
    // Each in its own network feed and listing.
    const listed = await (await app.request(`/api/events?network=London+Series&limit=10`)).json() as { items: { id: string }[] };
    expect(listed.items.map((i) => i.id)).toEqual(london.all.map((e) => e.id));

    // A retry (the same series key) completes the series rather than listing it again.
    const again = await london.send(london.body);
    expect(again.status).toBe(201);
    expect(((await again.json()) as Listed).id).toBe(london.first.id);
    const relisted = await (await app.request(`/api/events?network=London+Series&limit=10`)).json() as { items: unknown[] };
    expect(relisted.items).toHaveLength(4);
    expect(london.all[0]!.series!.id).toBe(seriesIdFor(london.body.organiserEmail, london.body.seriesKey));

    // The same key with another listing (the form re-sent after a change) is refused, not silently skipped.
    const changed = await london.send({ ...london.body, title: `${london.body.title} (moved)` });
    expect(changed.status).toBe(409);
    expect(((await changed.json()) as { error: string }).error).toBe('series_listed');
    expect(((await (await app.request(`/api/events?network=London+Series&limit=10`)).json()) as { items: unknown[] }).items).toHaveLength(4);
  });

  it('sends the network’s followers one announcement listing its dates', async () => {
    const at = clock.now().toISOString();
    const email = `f-${newId(8)}@example.org`;
    const follower: StoredFollower = { networkSlug: london.slug, id: personId(email), email, mode: 'each', status: 'active', createdAt: at, confirmedAt: at, updatedAt: at };
    await stack.deps.followers.put(follower);
    const deps: FollowSweepDeps = {
      announcements: dynamoAnnouncementsRepository(stack.dynamo, stack.tableName), broadcasts: stack.deps.broadcasts, followers: stack.deps.followers,
      events: stack.deps.events, networks: stack.deps.networks, suppressions: stack.suppressions, clock, logger: createLogger('silent'),
      siteUrl: SITE, feedSecret: stack.deps.feedSecret, concurrency: 2,
    };
    clock.set('2027-09-01T09:11:00Z');
    // The Sydney series' network is due too, and has no followers: one email in all.
    expect(await sweepFollows(deps)).toMatchObject({ sealed: 2, queued: 1 });
    await stack.deliver();
    const mails = await inbox(stack.sesEndpoint, email);
    expect(mails.map((m) => m.subject)).toEqual([`New monthly series from London Series Network: ${london.body.title}`]);
    const text = mails[0]!.body.text!.replace(/\s+/g, ' ');
    for (const day of ['5 October 2027', '2 November 2027', '7 December 2027', '4 January 2028']) expect(text).toContain(day);
    expect(text).toContain(`${SITE}/events/${london.first.id}/`);
  });

  it('edits "this and all later ones": only the later ones move, and their people get the change notice', async () => {
    const [first, second, third, fourth] = london.all;
    const people = await Promise.all([first!, second!, third!, fourth!].map((e, i) => attendee(e.id, `Person${i}`)));
    const second0 = (await stack.deps.events.get(second!.id))!;
    const res = await app.request(`/api/events/${second!.id}`, {
      method: 'PUT', headers: { 'content-type': 'application/json', ...london.headers },
      body: JSON.stringify({
        title: second0.title, description: 'Now with cake.', start: '2027-11-02T13:00', end: '2027-11-02T14:00', timezone: 'Europe/London',
        format: 'in_person', venue: 'Room 2, Central Library', capacity: 10, organiserName: 'Team', organiserEmail: second0.organiserEmail,
        network: london.slug, tags: [], version: second0.version, applyTo: 'later',
      }),
    });
    expect(res.status).toBe(200);
    const after = await Promise.all(london.all.map((e) => stack.deps.events.get(e.id)));
    expect(after.map((e) => e!.startUtc)).toEqual(['2027-10-05T11:30:00.000Z', '2027-11-02T13:00:00.000Z', '2027-12-07T13:00:00.000Z', '2028-01-04T13:00:00.000Z']);
    expect(after.map((e) => e!.venue)).toEqual(['Central Library', 'Room 2, Central Library', 'Room 2, Central Library', 'Room 2, Central Library']);
    expect(after.map((e) => e!.description)).toEqual(['Sandwiches and cataloguing.', 'Now with cake.', 'Now with cake.', 'Now with cake.']);
    // Each keeps its own date and its own places.
    expect(after.map((e) => e!.confirmedCount)).toEqual([1, 1, 1, 1]);
    // The activity list names each date edited, since they share a title.
    const edits = (await stack.deps.networks.activity(london.slug, 20)).filter((a) => a.action === 'meetup.edited').map((a) => a.summary);
    expect(edits.sort()).toEqual(['Tue, 2 Nov 2027', 'Tue, 4 Jan 2028', 'Tue, 7 Dec 2027'].map((d) => `Edited “${second0.title}” (${d})`).sort());

    clock.set('2027-09-01T09:20:00Z');
    await sweepReminders(reminders);
    expect(await changesTo(people[0]!)).toEqual([]);
    for (const [i, email] of people.slice(1).entries()) {
      const mails = await changesTo(email);
      expect(mails).toHaveLength(1);
      const text = mails[0]!.body.text!.replace(/\s+/g, ' ');
      expect(text).toContain('Room 2, Central Library');
      expect(text).toContain(['2 November 2027', '7 December 2027', '4 January 2028'][i]!);
      expect(text).toContain('13:00');
    }
  });

  it('cancelling one leaves the others, and its page still lists the series', async () => {
    const third = london.all[2]!;
    const res = await app.request(`/api/events/${third.id}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json', ...london.headers }, body: '{}' });
    expect(res.status).toBe(200);
    const after = await Promise.all(london.all.map((e) => stack.deps.events.get(e.id)));
    expect(after.map((e) => e!.status)).toEqual(['published', 'published', 'cancelled', 'published']);

    const series = (await (await app.request(`/api/events/${london.all[0]!.id}/series`)).json()) as { repeat: string; dates: { id: string; cancelled: boolean }[] };
    expect(series.repeat).toBe('monthly');
    expect(series.dates.map((d) => [d.id, d.cancelled])).toEqual(london.all.map((e, i) => [e.id, i === 2]));
    const page = await (await app.request(`/events/${london.all[0]!.id}/${london.all[0]!.slug}`)).text();
    expect(page).toContain('Part of a monthly series; next: <a href="');
    expect(page).toContain('2 November 2027, 13:00');
    expect(page).toContain('(cancelled)');
  });

  it('of twelve with eight tags, more than one transaction holds, is stored whole', async () => {
    const tags = ['Lunch', 'CPD', 'Cataloguing', 'Metadata', 'Archives', 'Schools', 'Health', 'Law'];
    const { all } = await listSeries('Big Series Network', { start: '2027-10-07T12:30', end: '2027-10-07T13:30', repeat: 'weekly', times: 12, tags });
    expect(all).toHaveLength(12);
    expect(all.map((e) => e.startLocal.slice(11))).toEqual(Array(12).fill('12:30'));
    const tagged = (await (await app.request('/api/events?tag=Metadata&limit=20')).json()) as { items: { id: string }[] };
    expect(tagged.items.map((i) => i.id)).toEqual(all.map((e) => e.id));
  });

  it('refuses an unknown rule, a count outside 2..12 and a series without a date, naming the field, storing nothing', async () => {
    const team = await stack.asTeam({ network: 'Refused Series Network' });
    const send = async (over: Record<string, unknown>) => {
      const res = await app.request('/api/events', {
        method: 'POST', headers: { 'content-type': 'application/json', ...team.headers },
        body: JSON.stringify({
          title: 'Refused series', description: 'No.', start: '2027-10-07T12:30', end: '2027-10-07T13:30', format: 'online', onlineUrl: 'https://meet.example.org/x',
          organiserName: 'Team', organiserEmail: 'team.refused-series-network@example.org', network: 'refused-series-network', repeat: 'weekly', times: 3, ...over,
        }),
      });
      expect(res.status).toBe(400);
      return ((await res.json()) as { details: { field: string }[] }).details.map((d) => d.field);
    };
    expect(await send({ repeat: 'daily' })).toEqual(['repeat']);
    expect(await send({ times: 13 })).toEqual(['times']);
    expect(await send({ times: 1 })).toEqual(['times']);
    expect(await send({ times: undefined })).toEqual(['times']);
    expect(await send({ start: undefined })).toContain('start');
    const listed = (await (await app.request('/api/events?q=Refused&limit=20')).json()) as { items: unknown[] };
    expect(listed.items).toEqual([]);
  });
});
