// Feeds: the Hono app for the calendar feed function. It carries the calendar library, so the API function doesn't.
import { baseApp } from '#functions/http/base-app.ts';
import type { Logger } from '#functions/core/log.ts';
import feedRoutes from '#functions/feeds/routes.ts';
import type { FeedDeps } from '#functions/feeds/use-cases.ts';

export function createFeedApp(deps: FeedDeps & { logger: Logger }) {
  const app = baseApp(deps.logger);
  app.route('/', feedRoutes(deps));
  return app;
}
