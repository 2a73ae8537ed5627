// Auth API: the session as the browser's scripts see it (filled in by issue 13).
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import type { AuthDeps } from './deps.ts';

const route = routeOf<AuthDeps>();
void route;

export const sessionRoutes: RouteGroup<AuthDeps> = {
  base: '/api/session',
  routes: [],
};
