// Feed use cases: the public feeds (everything, a network, a tag, one event) and a person's own feed. Each answers
// with its validators first and renders only when asked, so a poll that gets a 304 renders nothing.
import { AppError, notFound } from '#functions/core/errors.ts';
import type { Clock } from '#functions/core/clock.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import type { NetworksRepository } from '#functions/networks/networks.repository.ts';
import { isLive } from '#functions/events/event.ts';
import { calendarEntry } from '#functions/events/calendar-links.ts';
import { FEED_REFRESH_SECONDS, facetOf, feedEtag, feedWindow, httpDate, inWindow } from './feed.ts';
import { PERSONAL_FEED_NAME } from '#functions/core/paths.ts';
import { renderFeed } from '#functions/calendar/ics.ts';
import { atomMeetups, renderAtom } from './atom.ts';
import { renderedFeed, type RenderCache, type RenderedFeed } from './render-cache.ts';
import { newNonce, personalFeedToken, tokenMatches, tokenPerson } from './personal-token.ts';
import type { FeedSecret, FeedsRepository, PersonRecord } from './feeds.repository.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { personId } from '#functions/core/person.ts';
import { feedName, feedPaths, type FeedRef } from '#functions/core/paths.ts';

export interface FeedDeps {
  feeds: FeedsRepository;
  events: Pick<EventsRepository, 'get'>;
  /** A network's feed answers for the network: gone while it is hidden or pending, named as it is named now. */
  networks: Pick<NetworksRepository, 'get'>;
  feedSecret: FeedSecret;
  clock: Clock;
  siteUrl: string;
  renders: RenderCache;
}

export interface FeedAnswer {
  /** Absent just after a change, while the listing index may still be catching up: nothing may keep that answer. */
  validators?: { etag: string; lastModified: string };
  cacheControl: string;
  body(): Promise<RenderedFeed>;
}

/** Shared feeds: CloudFront and calendar clients may keep them five minutes, then revalidate. */
export const PUBLIC_CACHE = 'public, max-age=300';
/** A person's feed: never in a shared cache, so a replaced link stops working at once; revalidated every poll. */
export const PERSONAL_CACHE = 'private, no-cache';
/** How long after a write the listing index (eventually consistent) is given to catch up before answers are kept. */
export const SETTLE_MS = 5_000;

const DESCRIPTION = 'Free meetups for library and information people, from Signpost. Every one is free and open to everyone.';

function cachedBody(deps: FeedDeps, etag: string | undefined, render: () => Promise<string>): () => Promise<RenderedFeed> {
  return async () => {
    const hit = etag ? deps.renders.get(etag) : undefined;
    if (hit) return hit;
    const feed = renderedFeed(await render());
    if (etag) deps.renders.set(etag, feed);
    return feed;
  };
}

/** Validators for a feed version, worked out once: polls ask for the same few all day. */
const validatorMemo = new Map<string, { etag: string; lastModified: string }>();
function publicValidators(key: (string | number | undefined)[], lastModified: () => string) {
  const id = key.join('\u0000');
  let found = validatorMemo.get(id);
  if (!found) {
    found = { etag: feedEtag(key), lastModified: lastModified() };
    if (validatorMemo.size >= 500) validatorMemo.delete(validatorMemo.keys().next().value!);
    validatorMemo.set(id, found);
  }
  return found;
}

/** Public feeds: anyone may read them, so a private joining link is left out (calendarEntry's default audience). */
const entries = (deps: FeedDeps, events: StoredEvent[]) => events.map((e) => calendarEntry(e, deps.siteUrl, { audience: 'public' }));

export async function publicFeed(deps: FeedDeps, ref: FeedRef, alarm: number | undefined): Promise<FeedAnswer> {
  const facet = facetOf(ref);
  const [version, network] = await Promise.all([deps.feeds.version(facet), ref.kind === 'network' ? deps.networks.get(ref.slug) : undefined]);
  // A network's feed exists once the network does (empty until its first meetup), or, for a free-text network name
  // from before networks, once a meetup was listed under it. A hidden or pending network has none.
  if (network && (network.hidden || network.status === 'pending')) throw notFound('network');
  if (!version && !network && ref.kind !== 'all') throw notFound(ref.kind === 'network' ? 'network' : 'tag');
  const now = deps.clock.now();
  const window = feedWindow(now);
  const name = feedName(ref, network?.name ?? version?.title);
  const settled = !version || now.getTime() - Date.parse(version.changedAt) >= SETTLE_MS;
  const validators = publicValidators(['feed', facet, version?.version ?? 0, version?.changedAt, window.day, alarm, deps.siteUrl, name], () =>
    httpDate(`${window.day}T00:00:00.000Z`, version?.changedAt),
  );
  const render = async () => {
    const events = (await deps.feeds.events(facet, window)).filter((e) => inWindow(e, window));
    return renderFeed(entries(deps, events), { name, description: DESCRIPTION, refreshSeconds: FEED_REFRESH_SECONDS, ...(alarm ? { alarmMinutes: alarm } : {}) });
  };
  if (!settled) return { cacheControl: 'no-cache', body: cachedBody(deps, undefined, render) };
  return { validators, cacheControl: PUBLIC_CACHE, body: cachedBody(deps, validators.etag, render) };
}

/** A network's Atom feed of new meetups. Only a network's own (a free-text label from before networks has none). */
export async function networkAtom(deps: FeedDeps, slug: string): Promise<FeedAnswer> {
  const facet = facetOf({ kind: 'network', slug });
  const [version, network] = await Promise.all([deps.feeds.version(facet), deps.networks.get(slug)]);
  if (!network || network.hidden || network.status === 'pending') throw notFound('network');
  const now = deps.clock.now();
  const window = feedWindow(now);
  const today = `${window.day}T00:00:00.000Z`;
  const settled = !version || now.getTime() - Date.parse(version.changedAt) >= SETTLE_MS;
  const updated = version && version.changedAt > network.updatedAt ? version.changedAt : network.updatedAt;
  const validators = publicValidators(['atom', facet, version?.version ?? 0, version?.changedAt, window.day, deps.siteUrl, network.name, network.tagline, network.updatedAt], () =>
    httpDate(today, updated),
  );
  const render = async () => {
    const events = atomMeetups(await deps.feeds.events(facet, window), today);
    return renderAtom({ network, events, siteUrl: deps.siteUrl, updated });
  };
  if (!settled) return { cacheControl: 'no-cache', body: cachedBody(deps, undefined, render) };
  return { validators, cacheControl: PUBLIC_CACHE, body: cachedBody(deps, validators.etag, render) };
}

export async function eventFeed(deps: FeedDeps, id: string, alarm: number | undefined): Promise<FeedAnswer> {
  const event = await deps.events.get(id);
  // A meetup the operators hid leaves every feed with its page.
  if (!event || event.status === 'draft' || event.hidden || !isLive(event, deps.clock.now())) throw notFound();
  const etag = feedEtag(['event', id, event.version, event.updatedAt, alarm, deps.siteUrl]);
  return {
    validators: { etag, lastModified: httpDate(event.updatedAt) },
    cacheControl: PUBLIC_CACHE,
    body: cachedBody(deps, etag, async () =>
      renderFeed(entries(deps, [event]), { name: event.title, refreshSeconds: FEED_REFRESH_SECONDS, ...(alarm ? { alarmMinutes: alarm } : {}) }),
    ),
  };
}

// ---- A person's own feed ----

const linkGone = () =>
  new AppError('not_found', 'feed_link_replaced', 'This calendar link does not work (any more). Use the newest link from your Signpost emails.');

async function verifiedPerson(deps: Pick<FeedDeps, 'feeds' | 'feedSecret'>, token: string): Promise<{ id: string; person: PersonRecord }> {
  const id = tokenPerson(token);
  const person = id ? await deps.feeds.person(id) : undefined;
  if (!id || !person || !tokenMatches(await deps.feedSecret(), token, person.nonce)) throw linkGone();
  return { id, person };
}

export async function personalFeed(deps: FeedDeps, token: string, alarm: number | undefined): Promise<FeedAnswer> {
  const { id, person } = await verifiedPerson(deps, token);
  const now = deps.clock.now();
  const window = feedWindow(now);
  const all = await deps.feeds.rsvpEvents(person.rsvps);
  const going = all
    .filter((r) => (r.status === 'confirmed' || r.status === 'waitlisted') && r.event.status !== 'draft' && !r.event.hidden && inWindow(r.event, window))
    .sort((a, b) => a.event.id.localeCompare(b.event.id));
  const etag = feedEtag(['me', id, person.nonce, window.day, alarm, deps.siteUrl, ...going.map((r) => `${r.event.id}:${r.event.version}:${r.event.updatedAt}:${r.status}`)]);
  // Every RSVP counts, including cancelled ones: dropping an event out of the feed is a change too.
  const lastModified = httpDate(`${window.day}T00:00:00.000Z`, ...all.flatMap((r) => [r.event.updatedAt, r.updatedAt]));
  return {
    validators: { etag, lastModified },
    cacheControl: PERSONAL_CACHE,
    body: async () =>
      renderedFeed(
        renderFeed(
          // The joining link only for a confirmed place; a waitlisted meetup shows as tentative, without it.
          going.map((r) => calendarEntry(r.event, deps.siteUrl, r.status === 'confirmed' ? { audience: 'place' } : { waitlisted: true })),
          { name: PERSONAL_FEED_NAME, description: 'The Signpost meetups you have a place at or are on the waitlist for.', refreshSeconds: FEED_REFRESH_SECONDS, ...(alarm ? { alarmMinutes: alarm } : {}) },
        ),
      ),
  };
}

/** What the API's personal-feed routes and the RSVP emails need of feeds. */
export type PersonalDeps = Pick<FeedDeps, 'feeds' | 'feedSecret' | 'siteUrl'>;

const personalLinks = (siteUrl: string, token: string) => ({
  feedUrl: `${siteUrl}${feedPaths.personal(token)}`,
  pageUrl: `${siteUrl}${feedPaths.personalPage(token)}`,
});

/** What the "my calendar" page shows for a token. */
export async function personalFeedInfo(deps: PersonalDeps, token: string) {
  await verifiedPerson(deps, token);
  return personalLinks(deps.siteUrl, token);
}

/** Replaces the person's feed link: every old URL stops working at once, and the answer carries the new one. */
export async function replacePersonalFeedLink(deps: PersonalDeps, token: string) {
  const { id, person } = await verifiedPerson(deps, token);
  const nonce = newNonce();
  if (!(await deps.feeds.replaceNonce(id, person.nonce, nonce))) throw linkGone();
  return personalLinks(deps.siteUrl, personalFeedToken(await deps.feedSecret(), id, nonce));
}

/** For emails: the person's feed links, once their record exists (it comes with their first RSVP request). */
export async function personalFeedLinks(deps: PersonalDeps, email: string) {
  const id = personId(email);
  const person = await deps.feeds.person(id);
  return person ? personalLinks(deps.siteUrl, personalFeedToken(await deps.feedSecret(), id, person.nonce)) : undefined;
}
