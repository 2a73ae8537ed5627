// Core: every path family the site answers and who answers it, written once. The API's mounts, the feed routes, the
// local server, the HTTP API's routes and CloudFront's behaviours all derive from these. Browser-safe (no imports),
// so pages build exactly the URLs the server answers.

/** The API function: JSON under /api/, and the server-rendered event pages. */
export const API_PREFIX = '/api';
export const EVENT_PAGES = '/events';

/** Site pages by name. `home` and `newMeetup` are server-rendered by the API function (SERVER_PAGES); the rest are static. */
export const SITE_PAGES = { home: '/', newMeetup: '/new', privacy: '/privacy', about: '/about' } as const;

/**
 * Exact paths the API function answers as HTML besides everything under EVENT_PAGES: the home page (its first page of
 * meetups rendered on the server, filters as a plain GET form) and the listing form (a plain HTML form POST works
 * without JavaScript). CloudFront gives each its own behaviour; the local server routes them to the API app.
 */
export const SERVER_PAGES = [SITE_PAGES.home, SITE_PAGES.newMeetup] as const;

/** Signing in by email, and a signed-in person's own pages. Server-rendered by the API function; never cached. */
export const ACCOUNT_PAGES = {
  /** GET: the address form; POST: sends the link and the 6-digit code, then shows the code form. */
  signIn: '/sign-in',
  /** GET `?token=` shows a "Sign in" button (mail scanners open links); its POST signs in. */
  signInLink: '/sign-in/link',
  /** POST: the 6-digit code typed on the device that asked. */
  signInCode: '/sign-in/code',
  /** POST only: signs this browser out; `everywhere=1` ends every session of the address. */
  signOut: '/sign-out',
  /** "Your meetups". */
  me: '/me',
} as const;

/**
 * The personal CPD log (functions/cpd), under "Your meetups" (so in the /me page family: signed in, never cached).
 * Every POST is a plain form post; `/api/me/cpd/…` answers the same as JSON.
 */
export const CPD_PAGES = {
  log: '/me/cpd',
  /** POST: add an activity from elsewhere. */
  activities: '/me/cpd/activities',
  /** GET: its edit form; POST: saves it. */
  activity: (id: string) => `/me/cpd/activities/${id}`,
  /** GET: "Delete this activity?"; POST: deletes it. */
  deleteActivity: (id: string) => `/me/cpd/activities/${id}/delete`,
  /** POST: a record's or an activity's reflection. */
  reflection: (kind: 'records' | 'activities', id: string) => `/me/cpd/${kind}/${id}/reflection`,
  /** POST: how the person counts their CPD year. */
  settings: '/me/cpd/settings',
  /** GET `?from=&to=` (YYYY-MM-DD, both optional): the log as CSV, or (functions/cpd/documents.ts) as a PDF summary. */
  exportCsv: '/me/cpd/export.csv',
  exportPdf: '/me/cpd/export.pdf',
  /** GET (functions/cpd/documents.ts): a record of attendance as a PDF. */
  recordPdf: (id: string) => `/me/cpd/records/${id}.pdf`,
  /** POST `shared=yes|no`: turns a record's verification link on (a new one) or off. */
  share: (id: string) => `/me/cpd/records/${id}/share`,
  /** GET: what goes; POST: deletes the whole log. */
  deleteLog: '/me/cpd/delete',
} as const;

/** Networks: the directory, a network's own page, creating one and its team's manage page. Server-rendered. */
export const NETWORK_PAGES = {
  directory: '/networks',
  create: '/networks/new',
  page: (slug: string) => `/networks/${slug}`,
  manage: (slug: string) => `/networks/${slug}/manage`,
} as const;

/** Where a meetup's network name links: the network's own page, or, for an older meetup's free-text label, the home page filtered by it. */
export const networkHref = (network: { slug: string; page?: string | undefined }) =>
  network.page ? NETWORK_PAGES.page(network.slug) : `${SITE_PAGES.home}?network=${encodeURIComponent(network.slug)}`;

/**
 * Following a network by email. The network page's form POSTs to `follow`; the emailed link opens `confirm` (GET
 * `?token=` shows a button, its POST confirms); every follower email links to `settings` (GET `?token=` shows "each
 * meetup" or "weekly digest" and "Unfollow"; POST changes it), and carries `oneClick` as RFC 8058's List-Unsubscribe.
 */
export const FOLLOW_PAGES = {
  follow: (slug: string) => `/networks/${slug}/follow`,
  confirm: (slug: string, followerId: string) => `/follows/${slug}/${followerId}/confirm`,
  settings: (slug: string, followerId: string) => `/follows/${slug}/${followerId}`,
  /** POST, signed in: unfollow from "Your meetups". */
  unfollowMine: (slug: string) => `/follows/${slug}/unfollow`,
  oneClick: (slug: string, followerId: string) => `/api/follows/${slug}/${followerId}/unsubscribe`,
} as const;

/** A team's messages, as pages that work without JavaScript: to a meetup's attendees, and to a network's followers. */
export const MESSAGE_PAGES = {
  meetup: (id: string) => `${EVENT_PAGES}/${id}/messages`,
  network: (slug: string) => `${NETWORK_PAGES.page(slug)}/messages`,
} as const;

/** An invitation to a network's team: GET `?token=` shows it, POST accepts it and signs the invitee in. */
export const invitationPath = (id: string) => `/invitations/${id}`;

/**
 * A record of attendance's verification link, `/records/<id>#<token>`: a static page whose script POSTs the fragment's
 * token to `verify`. `share` (signed in) turns a person's own record's link off, or on with a new link.
 */
export const RECORD_PAGES = {
  record: (id: string) => `/records/${id}`,
  verify: (id: string) => `${API_PREFIX}/records/${id}/verify`,
  share: (id: string) => `${API_PREFIX}/me/cpd/records/${id}/share`,
} as const;

/** The deployment's operators: reports, hidden meetups and networks, networks waiting for approval. */
export const OPERATOR_PAGES = { home: '/operator' } as const;

/**
 * Families of server-rendered pages besides SERVER_PAGES and EVENT_PAGES: each path is answered as itself and
 * everything under it ('/networks' and '/networks/<slug>'). They depend on the session cookie, so CloudFront forwards
 * it and caches none of them (the public network pages set their own short Cache-Control). The local server routes
 * them to the API app.
 */
export const SERVER_PAGE_FAMILIES = ['/sign-in', '/sign-out', '/me', '/networks', '/invitations', '/operator', '/follows'] as const;

/** Whether the API function answers `path` as a page (an exact SERVER_PAGES path or a SERVER_PAGE_FAMILIES one). */
export const isServerPage = (path: string) =>
  (SERVER_PAGES as readonly string[]).includes(path) || SERVER_PAGE_FAMILIES.some((p) => path === p || path.startsWith(`${p}/`));

export type CalendarProvider = 'google' | 'outlook';

/** Paths under an event page that the API function answers (forms that work without JavaScript, short links). */
export const eventPagePaths = {
  /** POST target of the RSVP form on the event page (application/x-www-form-urlencoded). */
  rsvp: (id: string) => `${EVENT_PAGES}/${id}/rsvp`,
  /** "Report this meetup": GET shows the form, POST sends it to the deployment's operator. */
  report: (id: string) => `${EVENT_PAGES}/${id}/report`,
  /** Short "add to Google / Outlook" links: a redirect to the provider's long URL, so emails carry no 700-character lines. */
  add: (id: string, provider: CalendarProvider) => `${EVENT_PAGES}/${id}/add/${provider}`,
  /** POST (signed in): cancel my own place or leave the waitlist, from "Your meetups" or the event page. */
  cancelMine: (id: string) => `${EVENT_PAGES}/${id}/rsvp/cancel`,
  /** The team's check-in page for the day (functions/attendance); signed in, or the manage link's token in its fragment. */
  checkIn: (id: string) => `${EVENT_PAGES}/${id}/check-in`,
  /** The "Still coming?" email's answers: GET shows the button, POST answers (functions/attendance). */
  stillComing: (id: string, key: string) => `${EVENT_PAGES}/${id}/still-coming/${key}`,
  /**
   * The anonymous feedback form a record of attendance's email links, `?token=` (functions/cpd): GET shows the form
   * and changes nothing (mail scanners open links), POST answers. Under the meetup, so the API function answers it
   * as it does every event page (/records/<id> is a static page).
   */
  feedback: (id: string, recordId: string) => `${EVENT_PAGES}/${id}/feedback/${recordId}`,
} as const;

/**
 * The door QR code's address (the RSVP page draws it, the "You're in" email attaches it, the check-in page reads it):
 * `${origin}/events/<id>/check-in#rsvp=<key>`. Only the RSVP's key, in the fragment, never a token: the key alone
 * gives no power, since only the team can check someone in, and a fragment never reaches a server's logs.
 */
export const CHECK_IN_QR = { eventId: /^[a-z0-9]{1,40}$/, key: /^[A-Za-z0-9_-]{1,64}$/ } as const;
export function checkInQrUrl(origin: string, eventId: string, key: string): string {
  if (!CHECK_IN_QR.eventId.test(eventId) || !CHECK_IN_QR.key.test(key)) throw new Error('Not a meetup id and RSVP key');
  return `${origin}${eventPagePaths.checkIn(eventId)}#rsvp=${key}`;
}

/**
 * An event page's slug (`/events/<id>/<slug>`): a title's slug, unless it is one of the paths the site answers under
 * an event itself (a meetup called "Messages" would otherwise open the team's message form).
 */
const EVENT_SUBPATHS = new Set(['rsvp', 'report', 'add', 'messages', 'series', 'check-in', 'still-coming']);
export const eventPageSlug = (slug: string) => (EVENT_SUBPATHS.has(slug) ? `${slug}-meetup` : slug);

/** The feeds function: the whole site's feed, and everything under /calendar/ (personal feeds under /calendar/me/). */
export const FEEDS = { whole: '/calendar.ics', under: '/calendar/', personal: '/calendar/me/' } as const;

export const isFeedPath = (path: string) => path === FEEDS.whole || path.startsWith(FEEDS.under);

/** Path prefixes, as CloudFront behaviours and API Gateway routes spell them. */
export const behaviour = (prefix: string) => `${prefix.replace(/\/$/, '')}/*`;
export const proxyRoute = (prefix: string) => `${prefix.replace(/\/$/, '')}/{proxy+}`;

export type FeedRef =
  | { kind: 'all' }
  | { kind: 'network'; slug: string }
  | { kind: 'tag'; slug: string };

/** Reminder choices offered in feed URLs (?alarm=minutes). A short list keeps CDN cache keys few. */
export const ALARM_CHOICES = [15, 30, 60, 120, 1440] as const;

const FEED_DIRS = { network: `${FEEDS.under}networks/`, tag: `${FEEDS.under}tags/`, event: `${FEEDS.under}events/` } as const;

export const feedPaths = {
  all: FEEDS.whole,
  network: (slug: string) => `${FEED_DIRS.network}${slug}.ics`,
  tag: (slug: string) => `${FEED_DIRS.tag}${slug}.ics`,
  event: (id: string) => `${FEED_DIRS.event}${id}.ics`,
  personal: (token: string) => `${FEEDS.personal}${token}.ics`,
  /** A network's new meetups for feed readers (Atom), beside its calendar feed; its page links it as rel=alternate. */
  networkAtom: (slug: string) => `${FEED_DIRS.network}${slug}.atom`,
  /** The page that shows a person their feed and lets them replace its link. */
  personalPage: (token: string) => `/my-calendar#token=${token}`,
} as const;

/** A route parameter `file` for "<name>.ics", the name checked against `name`. */
const icsFile = (name: string) => `:file{${name}\\.ics}`;

/** The feeds function's route patterns, one per path above. */
export const feedRoutes = {
  all: feedPaths.all,
  network: `${FEED_DIRS.network}${icsFile('[a-z0-9-]{1,60}')}`,
  tag: `${FEED_DIRS.tag}${icsFile('[a-z0-9-]{1,60}')}`,
  event: `${FEED_DIRS.event}${icsFile('[a-z0-9]{1,40}')}`,
  personal: `${FEEDS.personal}${icsFile('[0-9a-f]{24}[A-Za-z0-9_-]{43}')}`,
  networkAtom: `${FEED_DIRS.network}:file{[a-z0-9-]{1,60}\\.atom}`,
} as const;

export function feedName(ref: FeedRef, title?: string): string {
  if (ref.kind === 'all') return 'Signpost: free library and information meetups';
  return `Signpost: ${title ?? ref.slug}${ref.kind === 'tag' ? ' meetups' : ''}`;
}

/** A person's own feed: its X-WR-CALNAME, and what the page calls it. */
export const PERSONAL_FEED_NAME = 'Signpost: my meetups';
