// Follows routes: following a network (the network page's form), confirming, settings, one-click unsubscribe.
// TO BE WRITTEN (issue 14, follows helper).
import type { RouteGroup } from '#functions/http/routes.ts';
import type { FollowsDeps } from './deps.ts';

export const followRoutes: RouteGroup<FollowsDeps> = { base: '', routes: [] };
