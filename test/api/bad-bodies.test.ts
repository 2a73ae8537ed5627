// API: bad input, every route. Each route that takes a body, read from the capability list the app mounts (so a new
// route is covered the day it is added), is sent bodies that are not what it expects: null, lists, numbers, a string,
// true, {}, invalid JSON, a wrong content type. A JSON route answers a 4xx JSON error naming the body or a field; a
// form route (`form: true`, or any POST outside /api/) a 4xx friendly page. Never a 5xx, never a cached answer,
// never a stack trace.
import { beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '#functions/core/paths.ts';
import { capabilities } from '#functions/apps/api/app.ts';
import type { Route } from '#functions/http/routes.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { baseApp } from '#functions/http/base-app.ts';
import { createLogger } from '#functions/core/log.ts';
import { validationError } from '#functions/core/errors.ts';
import { inMemoryApp, tokenFrom, validMeetup } from '../support/fakes.ts';

type Kind = 'json' | 'form';
interface BodyRoute {
  method: string;
  /** As declared, e.g. /api/events/:id/rsvps/:key/confirm */
  pattern: string;
  kind: Kind;
  /** Validated before the handler runs (`body:`), so a body that is not an object is refused naming `body`. */
  schema: boolean;
}

const fullPath = (base: string, path: string) => base + path || '/';

/** Every route of every capability that takes a body, with the kind of body its declaration says it reads. */
const bodyRoutes: BodyRoute[] = capabilities.flatMap(({ routes: group }) =>
  (group.routes as Route<unknown>[])
    .filter((r) => r.method !== 'get' || r.body || r.form)
    .map((r) => {
      const pattern = fullPath(group.base, r.path);
      const kind: Kind = r.form || (!r.body && !r.documentedBody && !pattern.startsWith(`${API_PREFIX}/`)) ? 'form' : 'json';
      return { method: r.method.toUpperCase(), pattern, kind, schema: Boolean(r.body) };
    }),
);

const JUNK_JSON: [string, string][] = [
  ['null', 'null'],
  ['an empty list', '[]'],
  ['a list', '[1]'],
  ['zero', '0'],
  ['a number', '42'],
  ['a string', '"a string"'],
  ['true', 'true'],
  ['an empty object', '{}'],
  ['invalid JSON', '{"token": '],
  ['nothing', ''],
];
const NOT_AN_OBJECT = new Set(['null', '[]', '[1]', '0', '42', '"a string"', 'true']);

const JUNK_FORMS: [string, string][] = [
  ['nothing', ''],
  ['null', 'null'],
  ['a JSON list', '[1]'],
  ['a bare word', 'a string'],
  ['broken percent-encoding', 'name=%E0%A4%A&email=%ZZ'],
  ['repeated fields', 'name=a&name=b&email=c&email=d'],
  ['unknown fields only', 'zzz=1&__proto__=x&constructor=y'],
];

let ctx: ReturnType<typeof inMemoryApp>;
let ids: Record<string, string>;
let queuedBefore = 0;

/** A published meetup, so routes under /events/:id reach their own checks rather than "no such meetup". */
beforeAll(async () => {
  ctx = inMemoryApp({ clock: fixedClock('2026-11-27T09:00:00Z'), operatorEmail: 'operator@example.org' });
  const post = (path: string, body: unknown) => ctx.app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  expect((await post('/api/events', validMeetup())).status).toBe(202);
  const { id, token } = tokenFrom(ctx.events.outbox[0]!);
  expect((await post(`/api/events/${id}/publish`, { token })).status).toBe(200);
  const canonical = (await ctx.app.request(`/events/${id}`)).headers.get('location') ?? '';
  const slug = canonical.split('/').at(-1) ?? 'x';
  ids = { id, slug, key: '0123456789abcdef01234567' };
  queuedBefore = ctx.events.outbox.length;
});

/** The route's path with plausible values for its parameters (`:id`, `:key`, `:slug?`, `:name{regex}`). */
const pathOf = (pattern: string) =>
  pattern.replace(/:(\w+)(\{[^}]*\})?\??/g, (_m, name: string) => ids[name] ?? 'x').replace(/\/$/, '') || '/';

const send = (route: BodyRoute, body: string, contentType?: string) =>
  ctx.app.request(pathOf(route.pattern), { method: route.method, body, headers: contentType ? { 'content-type': contentType } : {} });

function expectNoLeak(text: string) {
  expect(text).not.toMatch(/\n\s+at |node_modules|TypeError|Cannot read properties|ZodError/);
}

/** A 4xx, never cached, JSON `{ error, message, details? }` naming what was wrong. */
async function expectJsonError(res: Response, field?: string) {
  const text = await res.text();
  expect(res.status, text).toBeGreaterThanOrEqual(400);
  expect(res.status, text).toBeLessThan(500);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expectNoLeak(text);
  const body = JSON.parse(text) as { error: unknown; message: unknown; details?: { field: string; message: string }[] };
  expect(body.error).toEqual(expect.any(String));
  expect(body.message).toMatch(/^[A-Z].{10,}\.$/);
  if (res.status === 400 || res.status === 415) {
    expect(body.details?.length, text).toBeGreaterThan(0);
    for (const d of body.details!) expect(d.message.length).toBeGreaterThan(3);
    if (field) expect(body.details!.map((d) => d.field), text).toContain(field);
  }
}

/** A 4xx, never cached, friendly HTML page in the site's layout. */
async function expectErrorPage(res: Response) {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(res.status, text.slice(0, 300)).toBeLessThan(500);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(text).toContain('<html lang="en-GB">');
  expect(text).toMatch(/<h1[^>]*>[^<]+/);
  expectNoLeak(text);
}

describe('the routes that take a body', () => {
  it('are read from the capability list, cover every POST and PUT the app mounts, and include JSON routes', () => {
    const declared = new Set(bodyRoutes.map((r) => `${r.method} ${r.pattern}`));
    const mounted = ctx.app.routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method)).map((r) => `${r.method} ${r.path}`);
    for (const route of new Set(mounted)) expect(declared, route).toContain(route);
    expect(bodyRoutes.filter((r) => r.kind === 'json').length).toBeGreaterThan(10);
  });
});

describe.each(bodyRoutes.filter((r) => r.kind === 'json'))('JSON route $method $pattern', (route) => {
  it.each(JUNK_JSON)('answers %s with a 4xx naming the body or a field', async (_name, body) => {
    const res = await send(route, body, 'application/json');
    await expectJsonError(res, route.schema && (NOT_AN_OBJECT.has(body) || body === '' || body.startsWith('{"')) ? 'body' : undefined);
  });

  it.each([
    ['a form', 'token=x', 'application/x-www-form-urlencoded'],
    ['text', 'null', 'text/plain'],
    ['no content type', '{"token": "x"}', undefined],
  ])('answers %s instead of JSON with a 4xx naming what is wrong', async (_name, body, type) => {
    const res = await send(route, body, type);
    await expectJsonError(res, route.schema ? 'content-type' : undefined);
  });
});

const formRoutes = bodyRoutes.filter((r) => r.kind === 'form');
describe.each(formRoutes)('form route $method $pattern', (route) => {
  it.each(JUNK_FORMS)('answers %s with a 4xx page', async (_name, body) => {
    await expectErrorPage(await send(route, body, 'application/x-www-form-urlencoded'));
  });

  it.each([
    ['JSON null', 'null', 'application/json'],
    ['a JSON object', '{"name": "a"}', 'application/json'],
    ['text', 'name=a', 'text/plain'],
    ['a broken multipart body', '--x\r\nnot a part', 'multipart/form-data; boundary=x'],
  ])('answers %s instead of a form with a 4xx page', async (_name, body, type) => {
    await expectErrorPage(await send(route, body, type));
  });
});

describe('after all that', () => {
  it('logged no unhandled error and queued no email', () => {
    expect(ctx.logLines.filter((l) => l.includes('unhandled error'))).toEqual([]);
    expect(ctx.events.outbox.slice(queuedBefore)).toEqual([]);
  });
});

describe('errors, wherever they come from', () => {
  const logged: string[] = [];
  const app = baseApp(createLogger('info', (line) => logged.push(line)));
  app.get('/api/boom', () => {
    throw new TypeError("Cannot read properties of null (reading 'token')");
  });
  app.get('/events/boom', () => {
    throw new TypeError("Cannot read properties of null (reading 'token')");
  });
  app.get('/events/invalid', () => {
    throw validationError([{ field: 'email', message: 'Enter an email address like name@example.org' }]);
  });
  app.get('/events/own-404', (c) => c.html('<!doctype html><html lang="en-GB"><h1>Not here</h1></html>', 404, { 'Cache-Control': 'public, max-age=600' }));

  it('answer an unknown error with a generic 500, never its message or stack, and log it with the request id', async () => {
    for (const path of ['/api/boom', '/events/boom']) {
      const res = await app.request(path);
      expect(res.status).toBe(500);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const text = await res.text();
      expectNoLeak(text);
      expect(text).toContain('Something went wrong on our side');
      expect(res.headers.get('content-type')).toMatch(path.startsWith('/api/') ? /^application\/json/ : /^text\/html/);
      const line = logged.find((l) => l.includes('unhandled error') && l.includes(res.headers.get('x-request-id')!));
      expect(line).toContain('Cannot read properties of null');
    }
  });

  it('answer a page route\'s known error with a page in the site layout that says what was wrong', async () => {
    const res = await app.request('/events/invalid');
    await expectErrorPage(res);
    expect(res.status).toBe(400);
    expect(await (await app.request('/events/invalid')).text()).toContain('Enter an email address like name@example.org');
  });

  it('never let a 4xx be cached, even one a handler answers itself', async () => {
    const own = await app.request('/events/own-404');
    expect(own.status).toBe(404);
    expect(own.headers.get('cache-control')).toBe('no-store');
    const api = await app.request('/api/nothing-here');
    await expectJsonError(api);
    expect(api.status).toBe(404);
    const page = await app.request('/events/nothing/here/at-all');
    await expectErrorPage(page);
    expect(await (await app.request('/events/nothing/here/at-all')).text()).toContain('Page not found');
  });
});
