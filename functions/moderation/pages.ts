// Moderation: the operators' pages (filled in by issue 13).
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import type { ModerationDeps } from './deps.ts';

const route = routeOf<ModerationDeps>();
void route;

export const operatorPageRoutes: RouteGroup<ModerationDeps> = {
  base: '/operator',
  routes: [],
};
