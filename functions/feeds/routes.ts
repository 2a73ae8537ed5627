// Feeds HTTP: the .ics URLs calendar apps poll, and networks' Atom feeds for feed readers. Thin handlers over
// use-cases.ts; the HTTP caching rules (ETag, Last-Modified, 304, gzip, HEAD) live here, once for every feed.
import { Hono, type Context } from 'hono';
import { isNotModified, parseAlarm } from './feed.ts';
import { feedRoutes as paths } from '#functions/core/paths.ts';
import * as useCases from './use-cases.ts';
import type { FeedAnswer, FeedDeps } from './use-cases.ts';

const file = (c: Context, param = 'file') => c.req.param(param)!.replace(/\.(ics|atom)$/, '');

const CALENDAR = 'text/calendar; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';

/** gzip unless the client refused it (q=0) or never offered it. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

async function send(c: Context, answer: FeedAnswer, contentType = CALENDAR): Promise<Response> {
  const gzip = acceptsGzip(c.req.header('accept-encoding'));
  const headers: Record<string, string> = { 'Cache-Control': answer.cacheControl, Vary: 'Accept-Encoding' };
  if (answer.validators) {
    // A strong ETag names one representation, so the gzip bytes get their own (RFC 9110 §8.8.3).
    const etag = gzip ? answer.validators.etag.replace(/"$/, '-gz"') : answer.validators.etag;
    headers.ETag = etag;
    headers['Last-Modified'] = answer.validators.lastModified;
    const conditional = { ifNoneMatch: c.req.header('if-none-match'), ifModifiedSince: c.req.header('if-modified-since') };
    if (isNotModified(conditional, etag, answer.validators.lastModified)) return c.body(null, 304, headers);
  }
  const feed = await answer.body();
  const bytes = gzip ? feed.gzip : feed.text;
  // Buffers from Buffer.from and gzipSync sit on a plain ArrayBuffer; the cast only tells the types so.
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': String(bytes.byteLength),
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
}

const alarm = (c: Context) => parseAlarm(c.req.query('alarm'));

export default function feedRoutes(deps: FeedDeps) {
  const app = new Hono();
  // GET routes answer HEAD too (Hono runs the GET handler and drops the body, keeping the headers).
  app.get(paths.all, async (c) => send(c, await useCases.publicFeed(deps, { kind: 'all' }, alarm(c))));
  app.get(paths.network, async (c) =>
    send(c, await useCases.publicFeed(deps, { kind: 'network', slug: file(c) }, alarm(c))),
  );
  app.get(paths.networkAtom, async (c) => send(c, await useCases.networkAtom(deps, file(c)), ATOM));
  app.get(paths.tag, async (c) =>
    send(c, await useCases.publicFeed(deps, { kind: 'tag', slug: file(c) }, alarm(c))),
  );
  app.get(paths.event, async (c) => send(c, await useCases.eventFeed(deps, file(c), alarm(c))));
  app.get(paths.personal, async (c) =>
    send(c, await useCases.personalFeed(deps, file(c), alarm(c))),
  );
  return app;
}
