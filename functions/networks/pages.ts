// Networks pages: create a network (filled in by issue 13).
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import type { NetworksDeps } from './deps.ts';

const route = routeOf<NetworksDeps>();
void route;

export const newNetworkPageRoutes: RouteGroup<NetworksDeps> = {
  base: '/networks/new',
  routes: [],
};

/** The team's manage page of a network: edit it, the team, invitations, activity. */
export const networkManagePageRoutes: RouteGroup<NetworksDeps> = {
  base: '/networks/:slug/manage',
  routes: [],
};
