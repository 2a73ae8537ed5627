// Me: "Your meetups" (filled in by issue 13).
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import type { MeDeps } from './deps.ts';

const route = routeOf<MeDeps>();
void route;

export const mePageRoutes: RouteGroup<MeDeps> = {
  base: '/me',
  routes: [],
};
