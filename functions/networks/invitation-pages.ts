// Networks: an invitation to a team, GET shows it and POST accepts (filled in by issue 13).
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import type { NetworksDeps } from './deps.ts';

const route = routeOf<NetworksDeps>();
void route;

export const invitationPageRoutes: RouteGroup<NetworksDeps> = {
  base: '/invitations',
  routes: [],
};
