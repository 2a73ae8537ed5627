// API: the record of attendance's routes on the in-memory app. The verification check answers 400 for a body that
// is not an object with a token, and the same 404 for every way a link fails; turning a link off or on needs the
// owner's session (401 without one, 404 for someone else's record or none); "Make a new link" pressed twice at once
// makes one link, which both answers carry.
import { beforeEach, describe, expect, it } from 'vitest';
import type { CpdRecord } from '#functions/core/cpd.ts';
import { personId } from '#functions/core/person.ts';
import { memoryCpdLog } from '#functions/cpd/memory-log.ts';
import { recordToken, RECORD_NOT_SHOWN } from '#functions/cpd/records.ts';
import { readsTogether } from '../support/cpd-races.ts';
import { inMemoryApp, TEST_FEED_SECRET } from '../support/fakes.ts';
import { signIn, SITE, type Ctx } from '../support/signed-in.ts';

const SECRET = Buffer.from(TEST_FEED_SECRET, 'utf8');
const ID = 'abcdefghijkmnpqrstuvwxyz23';
const OWNER = 'owner@example.org';

const record = (over: Partial<CpdRecord> = {}): CpdRecord => ({
  id: ID, personId: personId(OWNER), eventId: 'evt1', name: 'Siân', title: 'Cataloguing café', organisers: ['Aoife'],
  startUtc: '2026-11-20T12:30:00.000Z', endUtc: '2026-11-20T13:30:00.000Z', timezone: 'Europe/London', date: '2026-11-20',
  quarters: 4, outcomes: [], areas: ['research-skills'], role: 'attended', feedbackCollected: true, issuedAt: '2026-11-20T15:00:00.000Z',
  shared: true, shareNonce: 'nonce-one', reflection: 'Private reflection', ...over,
});

const json = (ctx: Ctx, path: string, body: unknown, headers: Record<string, string> = {}) =>
  ctx.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: SITE, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

let ctx: Ctx;
let log: ReturnType<typeof memoryCpdLog>;
beforeEach(() => {
  log = memoryCpdLog(new Map(), []);
  ctx = inMemoryApp({ cpdLog: log }) as unknown as Ctx;
  log.records.set(ID, record());
});

describe('POST /api/records/:id/verify', () => {
  const verify = (body: unknown, id = ID) => json(ctx, `/api/records/${id}/verify`, body);

  it.each([['null', null], ['an array', []], ['a string', '"token"'], ['no token', {}], ['a short token', { token: 'abc' }]])('answers 400 for %s', async (_what, body) => {
    const res = await verify(body);
    expect(res.status).toBe(400);
  });

  it('answers the public fields for the right token, no-store, never the reflection, person, address or meetup id', async () => {
    const res = await verify({ token: recordToken(SECRET, ID, 'nonce-one') });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id: ID, name: 'Siân', title: 'Cataloguing café', hours: 1, areas: [{ id: 'research-skills', name: 'Research skills' }] });
    for (const key of ['reflection', 'personId', 'eventId', 'email', 'shareNonce']) expect(body).not.toHaveProperty(key);
  });

  it('answers the same 404 for a wrong token, an unknown id, a link turned off and a deleted record', async () => {
    const answers = [
      await verify({ token: recordToken(SECRET, ID, 'another-nonce') }),
      await verify({ token: recordToken(SECRET, 'zzzzzzzzzzzzzzzzzzzzzzzzzz', 'nonce-one') }, 'zzzzzzzzzzzzzzzzzzzzzzzzzz'),
      await verify({ token: recordToken(SECRET, 'short', 'nonce-one') }, 'short'),
    ];
    log.records.set(ID, record({ shared: false }));
    answers.push(await verify({ token: recordToken(SECRET, ID, 'nonce-one') }));
    log.records.delete(ID);
    answers.push(await verify({ token: recordToken(SECRET, ID, 'nonce-one') }));
    const bodies = await Promise.all(answers.map(async (r) => ({ status: r.status, body: await r.json() })));
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(bodies[0]!.status).toBe(404);
    expect((bodies[0]!.body as { message: string }).message).toBe(RECORD_NOT_SHOWN);
  });

  it('refuses an IP that keeps trying wrong links (429), even with a right one', async () => {
    for (let i = 0; i < 30; i++) expect((await verify({ token: recordToken(SECRET, ID, `wrong-${i}`) })).status).toBe(404);
    const res = await verify({ token: recordToken(SECRET, ID, 'nonce-one') });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});

describe('POST /api/me/cpd/records/:id/share', () => {
  const share = (body: unknown, cookie?: string, id = ID) => json(ctx, `/api/me/cpd/records/${id}/share`, body, cookie ? { Cookie: cookie } : {});

  it.each([['null', null], ['an array', [true]], ['a string', '"off"'], ['no shared', {}], ['shared not a boolean', { shared: 'false' }]])('answers 400 for %s', async (_what, body) => {
    expect((await share(body, signIn(ctx, OWNER))).status).toBe(400);
  });

  it('answers 401 without a session, and 404 for someone else’s record or none', async () => {
    expect((await share({ shared: false })).status).toBe(401);
    expect((await share({ shared: false }, signIn(ctx, 'someone@example.org'))).status).toBe(404);
    expect((await share({ shared: false }, signIn(ctx, OWNER), 'zzzzzzzzzzzzzzzzzzzzzzzzzz')).status).toBe(404);
    expect(log.records.get(ID)!.shared).toBe(true);
  });

  it('turns the link off, then on again with a new link (the old one stays dead)', async () => {
    const cookie = signIn(ctx, OWNER);
    const off = await share({ shared: false }, cookie);
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ shared: false });
    const on = await share({ shared: true }, cookie);
    const { url } = (await on.json()) as { url: string };
    expect(url).toMatch(new RegExp(`^${SITE}/records/${ID}#[A-Za-z0-9_-]{43}$`));
    const token = url.split('#')[1]!;
    expect(token).not.toBe(recordToken(SECRET, ID, 'nonce-one'));
    expect((await json(ctx, `/api/records/${ID}/verify`, { token })).status).toBe(200);
    expect((await json(ctx, `/api/records/${ID}/verify`, { token: recordToken(SECRET, ID, 'nonce-one') })).status).toBe(404);
    // Asking for "on" again keeps the same link.
    expect(((await (await share({ shared: true }, cookie)).json()) as { url: string }).url).toBe(url);
  });

  it('pressed twice at once, makes one link: both answers carry it, and it works', async () => {
    log.records.set(ID, record({ shared: false }));
    // Both presses read the record (link off) before either writes.
    const both = inMemoryApp({ cpdLog: readsTogether(log, 2) }) as unknown as Ctx;
    const cookie = signIn(both, OWNER);
    const press = () => json(both, `/api/me/cpd/records/${ID}/share`, { shared: true }, { Cookie: cookie });
    const answers = await Promise.all([press(), press()]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const [first, second] = (await Promise.all(answers.map((a) => a.json()))) as { shared: boolean; url: string }[];
    expect(second).toEqual(first);
    expect(first).toMatchObject({ shared: true });
    const token = first!.url.split('#')[1]!;
    expect(token).toBe(recordToken(SECRET, ID, log.records.get(ID)!.shareNonce));
    expect((await json(ctx, `/api/records/${ID}/verify`, { token })).status).toBe(200);
  });
});
