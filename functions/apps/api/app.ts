// API: the one Hono app that serves the API and the server-rendered pages, in Lambda and locally. Every capability's
// routes are in one list below: createApp mounts it and apiDocument (openapi.ts) documents it. The calendar feeds
// are their own app (apps/feeds) and function.
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { API_PREFIX } from '#functions/core/paths.ts';
import { baseApp } from '#functions/http/base-app.ts';
import { mount, type RouteGroup } from '#functions/http/routes.ts';
import type { EventsDeps } from '#functions/events/deps.ts';
import { eventRoutes } from '#functions/events/routes.ts';
import { addToCalendarRoutes } from '#functions/events/add-to-calendar.ts';
import { eventPageRoutes } from '#functions/events/pages.ts';
import { homePageRoutes } from '#functions/events/home-page.ts';
import { reportPageRoutes } from '#functions/events/report-page.ts';
import { newMeetupPageRoutes } from '#functions/events/new-page.ts';
import { personalFeedRoutes } from '#functions/feeds/personal-routes.ts';
import { rsvpRoutes } from '#functions/rsvps/routes.ts';
import { rsvpPageRoutes } from '#functions/rsvps/pages.ts';
import { fillFreedPlaces } from '#functions/rsvps/use-cases.ts';
import { remindersOffRoutes } from '#functions/reminders/routes.ts';
import { sessionRoutes } from '#functions/auth/routes.ts';
import { signInPageRoutes, signOutPageRoutes } from '#functions/auth/pages.ts';
import { newNetworkPageRoutes, networkManagePageRoutes } from '#functions/networks/pages.ts';
import { invitationPageRoutes } from '#functions/networks/invitation-pages.ts';
import { directoryApiRoutes } from '#functions/directory/routes.ts';
import { directoryPageRoutes } from '#functions/directory/pages.ts';
import { mePageRoutes } from '#functions/me/pages.ts';
import { meApiRoutes } from '#functions/me/routes.ts';
import { operatorPageRoutes } from '#functions/moderation/pages.ts';
import { cpdLogApiRoutes, cpdLogPageRoutes } from '#functions/cpd/pages.ts';
import { followApiRoutes, followFormRoutes, followPageRoutes } from '#functions/follows/routes.ts';
import { meetupMessageRoutes, networkMessageRoutes } from '#functions/messages/routes.ts';
import { meetupMessagePageRoutes, networkMessagePageRoutes } from '#functions/messages/pages.ts';
import { checkInRoutes } from '#functions/attendance/check-in-routes.ts';
import { checkInPageRoutes } from '#functions/attendance/check-in-pages.ts';
import { stillComingApiRoutes, stillComingPageRoutes } from '#functions/attendance/still-coming-routes.ts';
import { recordRoutes } from '#functions/cpd/routes.ts';
import { feedbackPageRoutes } from '#functions/cpd/feedback-routes.ts';
import { networkFeedback } from '#functions/cpd/feedback.ts';
import { originGuard } from '#functions/http/origin.ts';
import type { AppDeps } from './deps.ts';

export const MAX_BODY_BYTES = 64 * 1024;

/** The one link between capabilities: an edit that adds places gives them to the waitlist (the RSVP room's rule). */
const withFreedPlaces = (deps: AppDeps): EventsDeps => ({ ...deps, fillFreedPlaces: (before, after) => fillFreedPlaces(deps, before, after) });

/** A capability's routes and how its Deps come from the app's. */
const capability = <D>(routes: RouteGroup<D>, deps: (app: AppDeps) => D) => ({ routes, deps }) as { routes: RouteGroup<unknown>; deps: (app: AppDeps) => unknown };

/** Everything the API function answers, in one list: who answers what is read here. */
export const capabilities = [
  capability(eventRoutes, withFreedPlaces),
  capability(rsvpRoutes, (deps) => deps),
  capability(remindersOffRoutes, (deps) => deps),
  // "Still coming?": its answers as JSON, and the pages the email's links open (under /events/:id/still-coming/).
  capability(stillComingApiRoutes, (deps) => deps),
  capability(stillComingPageRoutes, (deps) => deps),
  capability(personalFeedRoutes, (deps) => deps),
  // Before the event page's '/:id/:slug?': the short "add to calendar" links under /events/:id/add/.
  capability(addToCalendarRoutes, (deps) => deps),
  // Before the event page's '/:id/:slug?' too, which would take 'report' for a slug: "Report this meetup".
  capability(reportPageRoutes, withFreedPlaces),
  // And a team's message to a meetup's attendees, written and previewed as form pages (the network's: its followers).
  capability(meetupMessagePageRoutes, (deps) => deps),
  capability(networkMessagePageRoutes, (deps) => deps),
  // And the check-in page at the door (the team's list, or an attendee's code of the day), and its API.
  capability(checkInPageRoutes, (deps) => deps),
  capability(checkInRoutes, (deps) => deps),
  capability(feedbackPageRoutes, (deps) => deps), // the anonymous feedback form a record's email links (/events/<id>/feedback/<record>)
  capability(eventPageRoutes, withFreedPlaces),
  // The home page (/): its first page of meetups, search and filters as a plain GET form.
  capability(homePageRoutes, withFreedPlaces),
  // Forms that work without JavaScript: the listing form (/new) and the event page's RSVP form, answered as pages.
  capability(newMeetupPageRoutes, withFreedPlaces),
  capability(rsvpPageRoutes, (deps) => deps),
  // Signing in by email (/sign-in, /sign-out) and the session as scripts see it (/api/session).
  capability(sessionRoutes, (deps) => deps),
  capability(signInPageRoutes, (deps) => deps),
  capability(signOutPageRoutes, (deps) => deps),
  // Networks: creating one (before the directory's '/networks/:slug', which would take 'new'), the team's manage
  // page, invitations; then the directory and each network's own page.
  capability(newNetworkPageRoutes, (deps) => deps),
  // The manage page shows the follower numbers, which are the follows room's, and the meetups' feedback (cpd's).
  capability(networkManagePageRoutes, (deps) => ({
    ...deps, followerStats: (slug: string) => deps.followers.stats(slug, 12, deps.clock.now()), networkFeedback: (slug: string) => networkFeedback(deps, slug),
  })),
  capability(invitationPageRoutes, (deps) => deps),
  // Following a network by email (the form on its page, before the directory's '/networks/:slug'), and a team's
  // messages to its followers and its meetups' attendees.
  capability(followFormRoutes, (deps) => deps),
  capability(followPageRoutes, (deps) => deps),
  capability(followApiRoutes, (deps) => deps),
  capability(meetupMessageRoutes, (deps) => deps),
  capability(networkMessageRoutes, (deps) => deps),
  capability(directoryApiRoutes, (deps) => deps),
  capability(directoryPageRoutes, (deps) => deps),
  // "Your meetups" and the operators' pages.
  capability(mePageRoutes, (deps) => deps),
  capability(meApiRoutes, (deps) => deps),
  capability(cpdLogPageRoutes, (deps) => deps), capability(cpdLogApiRoutes, (deps) => deps), // the personal CPD log (/me/cpd, /api/me/cpd)
  capability(operatorPageRoutes, (deps) => deps),
  // Records of attendance: the verification link's check, and turning a record's link off or on (functions/cpd).
  capability(recordRoutes, (deps) => deps),
];

export function createApp(deps: AppDeps) {
  const app = baseApp(deps.logger);
  app.use(
    `${API_PREFIX}/*`,
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HTTPException(413);
      },
    }),
  );
  // A state-changing request made by another site's page is refused before any route sees it.
  app.use('*', originGuard(deps.siteUrl));
  for (const { routes, deps: depsOf } of capabilities) mount(app, routes, depsOf(deps));
  return app;
}
