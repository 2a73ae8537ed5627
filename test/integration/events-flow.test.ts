// Integration: the whole listing journey through the Hono app, on DynamoDB Local and the SES emulator.
import { beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand, ScanCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { hashSecret } from '#functions/core/ids.ts';
import { inbox, linkFrom, testStack } from '../support/stack.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;
const commands: string[] = [];

const meetup = (overrides: Record<string, unknown> = {}) => ({
  title: 'Cataloguing cafe',
  description: 'Bring your trickiest records.\nhttps://example.org/notes',
  start: '2026-12-10T13:00',
  end: '2026-12-10T14:00',
  timezone: 'Europe/London',
  format: 'online',
  onlineUrl: 'https://meet.example.org/cafe',
  organiserName: 'Aoife',
  organiserEmail: 'aoife@example.org',
  network: 'Library Information Network Ireland',
  tags: ['Cataloguing', 'CPD'],
  ...overrides,
});

/** A JSON request; a body naming a network is sent by that network's team (stack.asTeam), as only a team may list under it. */
async function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const team = body && typeof body === 'object' && !Array.isArray(body) ? await stack.asTeam(body as Record<string, unknown>) : { body, headers: {} };
  return app.request(path, { method, body: JSON.stringify(team.body), headers: { 'content-type': 'application/json', ...team.headers, ...headers } });
}
const post = (path: string, body: unknown, headers: Record<string, string> = {}) => send('POST', path, body, headers);

async function listAndConfirm(overrides: Record<string, unknown> = {}) {
  const email = (overrides.organiserEmail as string | undefined) ?? `org-${Math.random().toString(36).slice(2)}@example.org`;
  const res = await post('/api/events', meetup({ ...overrides, organiserEmail: email }));
  expect(res.status).toBe(202);
  await stack.deliver();
  const [mail] = await inbox(stack.sesEndpoint, email);
  const { id, token } = linkFrom(mail!, 'confirm');
  const published = await post(`/api/events/${id}/publish`, { token });
  expect(published.status).toBe(200);
  return { id, token, email };
}

beforeAll(async () => {
  stack = await testStack(clock);
  // Record every command the app sends, through the SDK's own middleware stack (not a mock).
  stack.dynamo.middlewareStack.add((next, context) => (args) => {
    commands.push(context.commandName as string);
    return next(args);
  }, { step: 'initialize', name: 'recordCommands' });
  app = createApp(stack.deps);
});

describe('listing a meetup', () => {
  it('stores an unpublished draft and emails the organiser a confirm link carrying the token in the fragment', async () => {
    const res = await post('/api/events', meetup({ organiserEmail: 'first@example.org' }));
    expect(res.status).toBe(202);
    const body = (await res.json()) as { id: string; status: string };
    expect(body.status).toBe('draft');
    expect(JSON.stringify(body)).not.toMatch(/token|hash|first@example/i);

    expect(await stack.deliver()).toEqual({ sent: 1, failed: 0 });
    const mails = await inbox(stack.sesEndpoint, 'first@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.from).toContain('events@signpost.test');
    expect(mails[0]!.body.text).toContain('Confirm and publish');
    expect(mails[0]!.body.html).toContain('Confirm and publish');
    const { id, token, url } = linkFrom(mails[0]!, 'confirm');
    expect(id).toBe(body.id);
    expect(token).toHaveLength(43);
    expect(url).toMatch(/^http:\/\/localhost:3000\/confirm\/[a-z0-9]+#token=/);

    // The draft is not public, and the token is stored only as a hash.
    expect((await app.request(`/api/events/${id}`)).status).toBe(404);
    const item = await stack.dynamo.send(new GetItemCommand({ TableName: stack.tableName, Key: { PK: { S: `EVENT#${id}` }, SK: { S: 'EVENT' } } }));
    expect(item.Item?.manageTokenHash?.S).toBe(hashSecret(token));
    expect(JSON.stringify(item.Item)).not.toContain(token);
    expect(Number(item.Item?.expiresAt?.N)).toBeGreaterThan(Date.parse('2026-11-27T09:00:00Z') / 1000);

    // Opening the link (GET) changes nothing; only the POST publishes.
    expect((await app.request(`/confirm/${id}`)).status).toBe(404); // page is served by the web front end, not the API
    expect((await app.request(`/api/events/${id}`)).status).toBe(404);
    const publish = await post(`/api/events/${id}/publish`, { token });
    expect(publish.status).toBe(200);
    const again = await post(`/api/events/${id}/publish`, { token });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { version: number }).version).toBe(2);

    const pub = await app.request(`/api/events/${id}`);
    expect(pub.status).toBe(200);
    const text = await pub.text();
    expect(text).not.toMatch(/first@example|manageTokenHash|expiresAt/);
  });

  it('refuses a wrong token and stores nothing for invalid input', async () => {
    const { id } = await listAndConfirm();
    const wrong = await post(`/api/events/${id}/cancel`, { token: 'A'.repeat(43) });
    expect(wrong.status).toBe(403);
    const before = (await stack.dynamo.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': { S: `EVENT#${id}` } } }))).Count;
    const bad = await post('/api/events', meetup({ end: '2026-12-10T12:00', organiserEmail: 'nobody@example.org' }));
    expect(bad.status).toBe(400);
    expect(await inbox(stack.sesEndpoint, 'nobody@example.org')).toHaveLength(0);
    const after = (await stack.dynamo.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': { S: `EVENT#${id}` } } }))).Count;
    expect(after).toBe(before);
  });

  it('rate-limits listings per organiser address with 429 and Retry-After, counting only stored listings', async () => {
    const address = 'busy@example.org';
    for (let i = 0; i < 5; i++) expect((await post('/api/events', meetup({ organiserEmail: address }), {})).status).toBe(202);
    const sixth = await post('/api/events', meetup({ organiserEmail: address }));
    await stack.deliver();
    expect(sixth.status).toBe(429);
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await inbox(stack.sesEndpoint, address)).toHaveLength(5);
  });

  it('rate-limits listings per IP, whatever address they are for', async () => {
    stack.ip.pin('203.0.113.99');
    try {
      for (let i = 0; i < 10; i++) expect((await post('/api/events', meetup({ organiserEmail: `stranger${i}@example.org` }))).status).toBe(202);
      const res = await post('/api/events', meetup({ organiserEmail: 'stranger-10@example.org' }));
      expect(res.status).toBe(429);
      await stack.deliver();
      expect(((await res.json()) as { error: string }).error).toBe('rate_limited');
      expect(await inbox(stack.sesEndpoint, 'stranger-10@example.org')).toHaveLength(0);
    } finally {
      stack.ip.pin(undefined);
    }
  });
});

describe('finding meetups', () => {
  it('lists upcoming published events in start order with cursor pagination and filters, using Query and never Scan', async () => {
    const later = await listAndConfirm({ title: 'Later meetup', start: '2027-02-03T18:00', end: '2027-02-03T19:00', tags: ['TeachMeet'], network: 'TeachMeet Scotland', format: 'in_person', venue: 'Glasgow' });
    const sooner = await listAndConfirm({ title: 'Sooner meetup', start: '2026-12-01T18:00', end: '2026-12-01T19:00', tags: ['TeachMeet'] });
    const ny = await listAndConfirm({ title: 'New York chat', start: '2027-01-15T11:00', end: '2027-01-15T12:00', timezone: 'America/New_York', tags: ['International'], network: 'Info Pros' });
    commands.length = 0;

    const all: { id: string; start: { utc: string } }[] = [];
    let cursor: string | undefined;
    do {
      const res = await app.request(`/api/events?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: typeof all; nextCursor?: string };
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const starts = all.map((e) => e.start.utc);
    expect(starts).toEqual([...starts].sort());
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.map((e) => e.id)).toEqual(expect.arrayContaining([later.id, sooner.id, ny.id]));

    const teachmeet = (await (await app.request('/api/events?tag=teachmeet')).json()) as { items: { id: string }[] };
    expect(teachmeet.items.map((e) => e.id)).toEqual([sooner.id, later.id]);
    const scotland = (await (await app.request('/api/events?tag=teachmeet&network=teachmeet-scotland')).json()) as { items: { id: string }[] };
    expect(scotland.items.map((e) => e.id)).toEqual([later.id]);
    const inPerson = (await (await app.request('/api/events?format=in_person')).json()) as { items: { id: string }[] };
    expect(inPerson.items.map((e) => e.id)).toEqual([later.id]);
    const network = (await (await app.request('/api/events?network=info-pros')).json()) as { items: { id: string; start: { utc: string } }[] };
    expect(network.items.map((e) => e.id)).toEqual([ny.id]);
    expect(network.items[0]!.start.utc).toBe('2027-01-15T16:00:00.000Z');

    expect(commands).toContain('QueryCommand');
    expect(commands).not.toContain('ScanCommand');
    expect(ScanCommand).toBeDefined();
  });

  it('edits move the event between listings and keep it consistent; cancelling keeps it visible as cancelled', async () => {
    const { id, token } = await listAndConfirm({ title: 'Movable', tags: ['Moving'], network: 'Old Network' });
    const managed = (await (await post(`/api/events/${id}/manage`, { token })).json()) as { version: number };
    const edit = await send('PUT', `/api/events/${id}`, { ...meetup({ title: 'Moved', tags: ['Moved'], network: 'New Network', start: '2027-03-01T10:00', end: '2027-03-01T11:00' }), token, version: managed.version });
    expect(edit.status).toBe(200);
    const byTag = async (tag: string) => ((await (await app.request(`/api/events?tag=${tag}`)).json()) as { items: { id: string; title: string; status: string }[] }).items;
    expect(await byTag('moving')).toEqual([]);
    expect((await byTag('moved')).map((e) => e.title)).toEqual(['Moved']);
    expect(((await (await app.request('/api/events?network=old-network')).json()) as { items: unknown[] }).items).toEqual([]);

    const stale = await send('PUT', `/api/events/${id}`, { ...meetup(), token, version: managed.version });
    expect(stale.status).toBe(409);

    expect((await post(`/api/events/${id}/cancel`, { token })).status).toBe(200);
    expect((await byTag('moved'))[0]!.status).toBe('cancelled');
    const page = await app.request(`/events/${id}/moved`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('This meetup has been cancelled');
  });

  it('leaves the DynamoDB listing items free of private data', async () => {
    const { id } = await listAndConfirm({ organiserEmail: 'private-person@example.org' });
    const items = await stack.dynamo.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :l)', ExpressionAttributeValues: { ':pk': { S: `EVENT#${id}` }, ':l': { S: 'LIST#' } } }));
    expect(items.Count).toBeGreaterThan(0);
    expect(JSON.stringify(items.Items)).not.toMatch(/private-person|manageTokenHash/);
  });
});

describe('when email delivery fails', () => {
  it('keeps the listing and its queued email; delivery later sends it exactly once', async () => {
    const { freePort } = await import('#local/local-stack.ts');
    const { createSesClient, sesMailer } = await import('#functions/mail/ses-mailer.ts');
    const { deliverPending } = await import('#functions/mail/deliver.ts');
    const deadSes = createSesClient({ region: 'eu-west-2', endpoint: `http://127.0.0.1:${await freePort()}` });
    const outage = { ...stack.delivery, mailer: sesMailer(deadSes, 'Signpost <events@signpost.test>') };

    const res = await post('/api/events', meetup({ organiserEmail: 'patient@example.org' }));
    expect(res.status).toBe(202);
    expect(await deliverPending(outage)).toMatchObject({ sent: 0, failed: 1 });
    expect(await inbox(stack.sesEndpoint, 'patient@example.org')).toHaveLength(0);

    expect(await stack.deliver()).toEqual({ sent: 1, failed: 0 });
    expect(await stack.deliver()).toEqual({ sent: 0, failed: 0 });
    expect(await inbox(stack.sesEndpoint, 'patient@example.org')).toHaveLength(1);

    // Once sent, the stored message keeps no body, so no copy of the link token lingers.
    const outbox = await stack.dynamo.send(new ScanCommand({ TableName: stack.tableName, FilterExpression: '#t = :o', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':o': { S: 'outbox' } } }));
    for (const item of outbox.Items ?? []) {
      expect(item.status?.S).toBe('sent');
      expect(item.text).toBeUndefined();
      expect(item.html).toBeUndefined();
    }
  });
});
