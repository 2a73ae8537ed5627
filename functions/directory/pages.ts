// Directory pages: /networks and a network's own page /networks/<slug> (filled in by issue 13).
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import type { DirectoryDeps } from './deps.ts';

const route = routeOf<DirectoryDeps>();
void route;

export const directoryPageRoutes: RouteGroup<DirectoryDeps> = {
  base: '/networks',
  routes: [],
};
