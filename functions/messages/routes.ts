// Messages routes: preview and send a team's message to a meetup's attendees or a network's followers.
// TO BE WRITTEN (issue 14, messages helper).
import type { RouteGroup } from '#functions/http/routes.ts';
import type { MessagesDeps } from './deps.ts';

export const meetupMessageRoutes: RouteGroup<MessagesDeps> = { base: '/api/events/:id/messages', routes: [] };
export const networkMessageRoutes: RouteGroup<MessagesDeps> = { base: '/api/networks/:slug/messages', routes: [] };
