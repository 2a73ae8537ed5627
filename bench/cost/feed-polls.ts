// Cost bench: the feed app's operations — public feed polls (304) and renders, personal feed polls (200 and 304).
import { gunzipSync } from 'node:zlib';
import type { Listed, Person } from './api-flows.ts';
import type { Stage } from './stage.ts';
import { MIN, NOW } from './workload.ts';

/** Polls and renders a minute after the last change, so answers carry validators; returns the public feed's gzip size. */
export async function feedPolls({ clock, feeds, feedApp, operation, http }: Stage, people: Person[], m1: Listed) {
  clock.set(new Date(Date.parse(NOW) + MIN).toISOString());
  const gzip = { 'accept-encoding': 'gzip' };
  const first = await http(feeds, 'GET', '/calendar.ics', 200, undefined, gzip);
  const etag = first.headers.get('etag');
  if (!etag) throw new Error('The public feed carries no ETag');
  const feedBytes = { publicGzip: first.bytes };
  const inFeed = gunzipSync(first.raw).toString('utf8').split('BEGIN:VEVENT').length - 1;
  for (let i = 0; i < 5; i++) {
    await operation('public feed poll reaching the function (304)', 'feeds', 'GET /calendar.ics, If-None-Match: version GetItem', (step) =>
      step(() => http(feeds, 'GET', '/calendar.ics', 304, undefined, { ...gzip, 'if-none-match': etag })));
  }
  for (let i = 0; i < 3; i++) {
    const fresh = feedApp(); // an empty render cache: a new instance, a new day or a changed feed
    await operation('public feed render', 'feeds', `GET /calendar.ics with ${inFeed} meetups, gzipped: version GetItem, a Query per month on GSI1, BatchGetItem of the meetups, render`, (step) =>
      step(() => http(fresh, 'GET', '/calendar.ics', 200, undefined, gzip)));
  }
  const person = people.filter((p) => p.eventId === m1.id)[2]!; // still going: the first two cancelled
  const personalPath = `/calendar/me/${person.feedToken}.ics`;
  for (let i = 0; i < 5; i++) {
    await operation('personal feed poll (200)', 'feeds', 'GET /calendar/me/…: a Query of the person\'s partition (record + RSVP links), BatchGetItem of RSVPs and meetups, render', (step) =>
      step(() => http(feeds, 'GET', personalPath, 200, undefined, gzip)));
  }
  const personalTag = (await http(feeds, 'GET', personalPath, 200, undefined, gzip)).headers.get('etag')!;
  for (let i = 0; i < 5; i++) {
    await operation('personal feed poll (304)', 'feeds', 'the same reads, no render', (step) =>
      step(() => http(feeds, 'GET', personalPath, 304, undefined, { ...gzip, 'if-none-match': personalTag })));
  }
  return feedBytes;
}
