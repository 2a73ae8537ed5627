// Infra: the server-rendered paths CloudFront sends to the API function, as path patterns in the order CloudFront tries
// them, and how each is cached. Derived from core/paths.ts, written once: infra/site.ts makes them behaviours, and the
// tests check every page family is covered (the local server routes the same families with core/paths.ts isServerPage).
import { EVENT_PAGES, MESSAGE_PAGES, NETWORK_PAGES, SERVER_PAGE_FAMILIES, SITE_PAGES, behaviour, eventPagePaths } from '#functions/core/paths.ts';

/**
 * - `home`: shared briefly, keyed on the filters it reads (cache-policies.ts homePageCachePolicyProps); GET and HEAD.
 * - `event`: shared briefly, keyed on nothing, forwarding nothing viewer-specific; GET and HEAD.
 * - `uncached`: never cached, every method, with the session cookie (a form post, or a page that acts as the person).
 * - `origin`: kept only as long as the origin's own Cache-Control says (networkPagesCachePolicyProps), every method, the
 *   session cookie forwarded but never keyed on.
 */
export type PageCaching = 'home' | 'event' | 'uncached' | 'origin';

/**
 * A page family as one pattern: "/networks*" is /networks, /networks/<slug> and everything under them. One behaviour
 * a family, not two ("/me" and "/me/*"), keeps the distribution well inside CloudFront's default quota of 25 cache
 * behaviours. The price: "/me*" would also take a future "/meetups"; test/infra/server-pages.test.ts checks that no
 * static page falls under a family.
 */
export const familyPattern = (family: string) => `${family}*`;

export interface ServerPageBehaviour {
  pattern: string;
  caching: PageCaching;
}

/** In CloudFront's order: the first pattern that matches a path wins, so the narrower come first. */
export const serverPageBehaviours: readonly ServerPageBehaviour[] = [
  { pattern: SITE_PAGES.home, caching: 'home' },
  // The listing form: a plain HTML form POSTs here; signed in, it offers your networks.
  { pattern: SITE_PAGES.newMeetup, caching: 'uncached' },
  // The event page's form posts ahead of the cached, GET-only /events/*: the RSVP form and "cancel my place"
  // (/events/<id>/rsvp, /events/<id>/rsvp/cancel), where the session makes it one tap, and "Report this meetup".
  { pattern: `${eventPagePaths.rsvp('*')}*`, caching: 'uncached' },
  { pattern: eventPagePaths.report('*'), caching: 'uncached' },
  // The pages under a meetup that act for someone, ahead of the cached /events/* too: the team's check-in page and
  // message form (the session, form posts), and the pages an email's link opens with its token in the query and
  // answers by a post ("Still coming?", the feedback form of a record of attendance).
  { pattern: `${eventPagePaths.checkIn('*')}*`, caching: 'uncached' },
  { pattern: `${MESSAGE_PAGES.meetup('*')}*`, caching: 'uncached' },
  { pattern: eventPagePaths.stillComing('*', '*'), caching: 'uncached' },
  { pattern: eventPagePaths.feedback('*', '*'), caching: 'uncached' },
  { pattern: behaviour(EVENT_PAGES), caching: 'event' },
  // Creating a network and its team's manage page read the session: never cached, whatever they answer, ahead of
  // /networks*, whose public pages may be shared.
  { pattern: NETWORK_PAGES.create, caching: 'uncached' },
  { pattern: `${NETWORK_PAGES.manage('*')}*`, caching: 'uncached' },
  // Sign-in, sign-out, "your meetups", invitations and the operators' pages are never cached; the network pages as
  // long as the origin says.
  ...SERVER_PAGE_FAMILIES.map((family): ServerPageBehaviour => ({
    pattern: familyPattern(family),
    caching: family === NETWORK_PAGES.directory ? 'origin' : 'uncached',
  })),
];

/** CloudFront's default quota of cache behaviours per distribution (not counting the default behaviour). */
export const CLOUDFRONT_BEHAVIOUR_QUOTA = 25;

/**
 * Whether a CloudFront path pattern matches a path: `*` is any run of characters (slashes too), `?` one character,
 * the rest literal and case-sensitive. What the tests use to check which behaviour a path lands in.
 */
export function patternMatches(pattern: string, path: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(path);
}
