// Auth pages: /sign-in, the emailed link's page and the code form (filled in by issue 13).
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import type { AuthDeps } from './deps.ts';

const route = routeOf<AuthDeps>();
void route;

export const signInPageRoutes: RouteGroup<AuthDeps> = {
  base: '/sign-in',
  routes: [],
};

/** POST /sign-out: this browser, or (everywhere=1) every session of the address. */
export const signOutPageRoutes: RouteGroup<AuthDeps> = {
  base: '/sign-out',
  routes: [],
};
