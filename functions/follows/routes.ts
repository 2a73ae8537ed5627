// Follows routes: following a network (the network page's form), confirming, settings, one-click unsubscribe.
// TO BE WRITTEN (issue 14, follows helper).
import type { RouteGroup } from '#functions/http/routes.ts';
import type { FollowsDeps } from './deps.ts';

/** POST from the network page's "Follow by email" form. */
export const followFormRoutes: RouteGroup<FollowsDeps> = { base: '/networks/:slug/follow', routes: [] };
/** Confirm, settings and "unfollow" pages (FOLLOW_PAGES). */
export const followPageRoutes: RouteGroup<FollowsDeps> = { base: '/follows', routes: [] };
/** RFC 8058 one-click unsubscribe, and the JSON API. */
export const followApiRoutes: RouteGroup<FollowsDeps> = { base: '/api/follows', routes: [] };
