// Integration: listing meetups on DynamoDB Local — partial and case-insensitive filters, the keyword search and dates
// through the listing index (never a Scan), pages across months that are never empty, and the places each card shows
// read in one BatchGetItem; the in-memory adapter gives the same answers to the same queries.
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#functions/core/clock.ts';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoClient, documentClient } from '#functions/table/client.ts';
import { MATCH_ATTRIBUTES, MATCH_FACET, listingKey } from '#functions/table/items/listing.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { memoryEventsRepository } from '#functions/events/memory-events.repository.ts';
import { listQuerySchema } from '#functions/events/event.schema.ts';
import * as events from '#functions/events/use-cases.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import { testStack } from '../support/stack.ts';
import { daysAfter, publishMeetup } from '../support/published.ts';
import { validMeetup } from '../support/fakes.ts';

const now = new Date('2026-11-27T09:00:00Z');
const clock = fixedClock(now.toISOString());
const siteUrl = 'https://events.example.org';
let stack: Awaited<ReturnType<typeof testStack>>;
let dynamo: EventsRepository;
const memory = memoryEventsRepository();
/** The DynamoDB commands each list call sends, by name, as the SDK's middleware sees them. */
let sent: string[] = [];

const list = (repo: EventsRepository, query: Record<string, string | number> = {}) =>
  events.list({ events: repo, clock, siteUrl }, listQuerySchema.parse(query));

/** Every page of a query, following cursors: the size of each page, and the titles in order (ids differ per adapter). */
async function allPages(repo: EventsRepository, query: Record<string, string | number>) {
  const sizes: number[] = [];
  const titles: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(repo, { ...query, ...(cursor ? { cursor } : {}) });
    sizes.push(page.items.length);
    titles.push(...page.items.map((e) => e.title));
    cursor = page.nextCursor;
  } while (cursor && sizes.length < 50);
  return { sizes, titles };
}

beforeAll(async () => {
  stack = await testStack(clock, siteUrl);
  const recorder = createDynamoClient({ region: 'eu-west-2', endpoint: stack.dynamoEndpoint });
  recorder.middlewareStack.add((next, context) => (args) => {
    sent.push(context.commandName ?? '');
    return next(args);
  }, { step: 'initialize', name: 'listingTestRecorder' });
  dynamo = dynamoEventsRepository(recorder, stack.tableName);

  // Eleven meetups over four months; some in a network whose name others contain, one full, one cancelled.
  const plan: [days: number, over: Record<string, unknown>, extra?: Parameters<typeof publishMeetup>[3]][] = [
    [1, { title: 'Lunch club one', network: 'CILIP North West', tags: ['Lunch club'], capacity: 10 }, { confirmedCount: 9 }],
    [3, { title: 'Cataloguing cafe', description: 'RDA and MARC questions, answered.', network: 'CILIP', tags: ['Cataloguing'], format: 'online', venue: undefined, onlineUrl: 'https://meet.example.org/c' }],
    [8, { title: 'TeachMeet Leeds', network: 'TeachMeet Yorkshire', tags: ['TeachMeet'], capacity: 2 }, { confirmedCount: 2, waitlistCount: 3 }],
    [20, { title: 'Lunch club two', network: 'CILIP North West', tags: ['Lunch club', 'CPD'] }],
    [33, { title: 'Winter social', network: 'Leeds Libraries', tags: ['Social'] }],
    [35, { title: 'Cancelled lunch', network: 'CILIP North West', tags: ['Lunch club'], capacity: 5 }, { cancelled: true }],
    [40, { title: 'Metadata clinic', description: 'Bring your trickiest records.', tags: ['Metadata'] }],
    [50, { title: 'Lunch club three', network: 'CILIP North West', tags: ['Lunch club'] }],
    [64, { title: 'Chartership drop-in', network: 'CILIP Scotland', tags: ['Chartership'] }],
    [70, { title: 'Lunch club four', network: 'CILIP North West', tags: ['Lunch club'] }],
    [95, { title: 'Spring TeachMeet', network: 'TeachMeet Scotland', tags: ['TeachMeet'], format: 'hybrid', onlineUrl: 'https://meet.example.org/t' }],
  ];
  for (const [days, over, extra] of plan) {
    const input = validMeetup({ ...over, start: daysAfter(now, days, '12:30'), end: daysAfter(now, days, '13:30') });
    await publishMeetup(stack.deps.events, input, now, extra);
    await publishMeetup(memory, input, now, extra);
  }
});

describe('listing on DynamoDB', () => {
  const queries: Record<string, string | number>[] = [
    {},
    { network: 'cilip' },
    { network: 'North West', tag: 'LUNCH' },
    { tag: 'teach' },
    { q: 'lunch' },
    { q: 'marc rda' },
    { q: 'records', network: 'cilip' },
    { format: 'online' },
    { when: 'week' },
    { when: 'month' },
    { from: '2026-12-20', to: '2027-01-10' },
    { from: '2027-01-01', network: 'Scotland' },
  ];

  it.each(queries)('answers %o as the in-memory adapter does, page after page', async (query) => {
    const [fromDynamo, fromMemory] = await Promise.all([allPages(dynamo, { ...query, limit: 3 }), allPages(memory, { ...query, limit: 3 })]);
    expect(fromDynamo).toEqual(fromMemory);
  });

  it('finds by part of a name or word, in any case', async () => {
    const titles = async (query: Record<string, string>) => (await list(dynamo, query)).items.map((e) => e.title);
    expect(await titles({ network: 'CILIP', tag: 'lunch club' })).toEqual(['Lunch club one', 'Lunch club two', 'Cancelled lunch', 'Lunch club three', 'Lunch club four']);
    expect(await titles({ network: 'leeds' })).toEqual(['Winter social']);
    expect(await titles({ q: 'TRICKIEST' })).toEqual(['Metadata clinic']);
    expect(await titles({ from: '2026-12-20', to: '2027-01-10' })).toEqual(['Winter social', 'Cancelled lunch', 'Metadata clinic']);
  });

  it('never hands out a cursor to an empty page, whatever the page size or filter', async () => {
    for (const limit of [1, 4, 10, 11]) {
      const { sizes, titles } = await allPages(dynamo, { limit });
      expect(sizes.every((n) => n > 0), `limit ${limit}: ${sizes.join(', ')}`).toBe(true);
      expect(titles).toHaveLength(11);
      expect(new Set(titles).size).toBe(11);
    }
    // Five lunch clubs across four months, two to a page: 2, 2, 1, and no fourth page.
    expect((await allPages(dynamo, { tag: 'lunch', limit: 2 })).sizes).toEqual([2, 2, 1]);
    expect((await allPages(dynamo, { q: 'club', limit: 5 })).sizes).toEqual([5]);
  });

  it('reads pages from the listing index and the places in one BatchGetItem, never a Scan', async () => {
    sent = [];
    const page = await list(dynamo, { limit: 20 });
    expect(sent.filter((c) => c === 'BatchGetItemCommand')).toHaveLength(1);
    expect(sent.every((c) => c === 'QueryCommand' || c === 'BatchGetItemCommand'), sent.join(', ')).toBe(true);
    const by = (title: string) => page.items.find((e) => e.title === title)!;
    expect(by('Lunch club one').places).toEqual({ capacity: 10, confirmed: 9, left: 1, waitlist: 0 });
    expect(by('TeachMeet Leeds').places).toEqual({ capacity: 2, confirmed: 2, left: 0, waitlist: 3 });
    expect(by('Cancelled lunch').places).toBeUndefined();
    expect(by('Winter social').places).toBeUndefined();

    // A page of meetups with no capacity reads no counts at all; a filtered search still only queries.
    sent = [];
    await list(dynamo, { q: 'social' });
    expect(sent).toEqual(expect.arrayContaining(['QueryCommand']));
    expect(sent).not.toContain('BatchGetItemCommand');
    expect(sent).not.toContain('ScanCommand');
  });

  it('gives entries written by an older version their match text once, so filters and search find them again', async () => {
    const old = await publishMeetup(dynamo, validMeetup({ title: 'Heritage zine workshop', start: daysAfter(now, 12), end: daysAfter(now, 12, '14:00'), tags: ['Zines'] }), now);
    // As an older version wrote it: the "all" entry without the match attributes.
    const db = documentClient(createDynamoClient({ region: 'eu-west-2', endpoint: stack.dynamoEndpoint }));
    await db.send(new UpdateCommand({
      TableName: stack.tableName, Key: listingKey(old.id, MATCH_FACET),
      UpdateExpression: 'REMOVE #n, #t, #w',
      ExpressionAttributeNames: { '#n': MATCH_ATTRIBUTES.network, '#t': MATCH_ATTRIBUTES.tags, '#w': MATCH_ATTRIBUTES.words },
    }));
    expect((await list(dynamo, { q: 'zine' })).items.map((e) => e.title)).toEqual([]);
    expect((await list(dynamo)).items.map((e) => e.title)).toContain('Heritage zine workshop');

    expect(await events.backfillListingMatch({ events: dynamo, clock })).toBe(1);
    expect((await list(dynamo, { q: 'zine' })).items.map((e) => e.title)).toEqual(['Heritage zine workshop']);
    expect((await list(dynamo, { tag: 'zines' })).items.map((e) => e.title)).toEqual(['Heritage zine workshop']);
    // Nothing left to do the second time.
    expect(await events.backfillListingMatch({ events: dynamo, clock })).toBe(0);
  });
});
