// Web: which static page answers which path. Used by the local server and by the CloudFront function in CDK.
import { SERVER_PAGES } from '#functions/core/paths.ts';
// The server pages (core/paths.ts SERVER_PAGES: the home page and the listing form; SERVER_PAGE_FAMILIES: sign-in, "your
// meetups", the network pages, invitations, the operators' pages) are the API function's, not here.
export const staticPages = [
  // '/new' is not here: the API function renders it (SERVER_PAGES), so the listing form works as a plain form post.
  { path: '/confirm/:id', pattern: /^\/confirm\/[a-z0-9]{1,40}\/?$/, file: 'confirm.html' },
  { path: '/manage/:id', pattern: /^\/manage\/[a-z0-9]{1,40}\/?$/, file: 'manage.html' },
  // Links in RSVP emails: the page shows a button; the token in the fragment goes only into the POST it makes.
  { path: '/rsvp/:id/:key', pattern: /^\/rsvp\/[a-z0-9]{1,40}\/[A-Za-z0-9_-]{1,64}\/?$/, file: 'rsvp.html' },
  { path: '/rsvp/:id/:key/cancel', pattern: /^\/rsvp\/[a-z0-9]{1,40}\/[A-Za-z0-9_-]{1,64}\/cancel\/?$/, file: 'rsvp-cancel.html' },
  // The "stop reminders" link in reminder emails: the same shape, and the same rule about the token.
  { path: '/reminders-off/:id/:key', pattern: /^\/reminders-off\/[a-z0-9]{1,40}\/[A-Za-z0-9_-]{1,64}\/?$/, file: 'reminders-off.html' },
  // The links about changing a meetup's organiser address (#token=… confirms, #stop=… stops): the same rule.
  { path: '/organiser-email/:id', pattern: /^\/organiser-email\/[a-z0-9]{1,40}\/?$/, file: 'organiser-email.html' },
  // A person's own calendar feed (the link in RSVP emails); its token, too, travels only in the fragment.
  { path: '/my-calendar', pattern: /^\/my-calendar\/?$/, file: 'my-calendar.html' },
  // A record of attendance's verification link (core/paths.ts RECORD_PAGES): its token, too, only in the fragment.
  { path: '/records/:id', pattern: /^\/records\/[a-z0-9]{26}\/?$/, file: 'record.html' },
  // The privacy notice and the about page (SITE_PAGES.privacy, SITE_PAGES.about in core/paths.ts).
  { path: '/privacy', pattern: /^\/privacy\/?$/, file: 'privacy.html' },
  { path: '/about', pattern: /^\/about\/?$/, file: 'about.html' },
] as const;

export const NOT_FOUND_PAGE = '404.html';

/**
 * A server page typed with a trailing slash ("/new/"), which CloudFront's exact-path behaviour doesn't match: the page
 * router (and the local server) redirect it to the page. Only the exact SERVER_PAGES need this: a page family
 * (core/paths.ts SERVER_PAGE_FAMILIES, "/networks/" included) goes to the API function whole, at CloudFront and locally.
 */
export const SLASHED_SERVER_PAGES: readonly string[] = SERVER_PAGES.filter((p) => p !== '/').map((p) => `${p}/`);

/** Maps a request path to a built file name, or undefined when the path is not a page. */
export function pageFor(path: string): string | undefined {
  return staticPages.find((p) => p.pattern.test(path))?.file;
}
