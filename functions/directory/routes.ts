// Directory API: the networks and one network, public fields only (filled in by issue 13).
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import type { DirectoryDeps } from './deps.ts';

const route = routeOf<DirectoryDeps>();
void route;

export const directoryApiRoutes: RouteGroup<DirectoryDeps> = {
  base: '/api/networks',
  routes: [],
};
