// Messages pages: write, preview and send a team's message as plain form posts, signed in (a meetup's owner or its
// network's organisers; a network's organisers for its followers), so it all works without JavaScript. One POST per
// page takes the button pressed (`action`): preview, edit (back to the form with what was typed) or send. Problems
// come back on the form with what was typed kept (4xx); over the day's limit it says when they can send again.
import type { Context } from 'hono';
import { viewerOf } from '#functions/auth/viewer.ts';
import { AppError, validationError } from '#functions/core/errors.ts';
import { ACCOUNT_PAGES, MESSAGE_PAGES, NETWORK_PAGES } from '#functions/core/paths.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { fieldIssues } from '#functions/http/schemas.ts';
import { renderMessageFormPage, renderMessagePreviewPage, renderMessageSentPage, type MessageTarget } from '#views/message-pages.ts';
import type * as z from 'zod';
import type { MessagesDeps } from './deps.ts';
import { attendeeMessageSchema, followerMessageSchema } from './message.schema.ts';
import * as messages from './use-cases.ts';

const route = routeOf<MessagesDeps>();
const noStore = { 'Cache-Control': 'no-store' };

const signInFirst = (c: Context) => c.redirect(`${ACCOUNT_PAGES.signIn}?next=${encodeURIComponent(c.req.path)}`, 303);

const STATUS = { validation: 400, conflict: 409, rate_limited: 429 } as const;

function parsed<S extends z.ZodType>(schema: S, values: Record<string, string>): z.output<S> {
  const result = schema.safeParse(values);
  if (!result.success) throw validationError(fieldIssues(result.error));
  return result.data;
}

/**
 * One POST of the message form: `edit` shows the form again, `preview` the email, `send` sends it. A refusal the
 * person can act on comes back on the form; anything else (not signed in, not theirs) is the site's error page.
 */
async function step<I>(
  c: Context, target: MessageTarget, form: URLSearchParams, read: (values: Record<string, string>) => I,
  run: { preview: (input: I) => Promise<messages.Preview>; send: (input: I) => Promise<messages.Sent> },
) {
  const values = Object.fromEntries(['audience', 'subject', 'body', 'sendKey'].flatMap((k) => (form.has(k) ? [[k, form.get(k) ?? '']] : [])));
  const action = form.get('action');
  if (action === 'edit') return c.html(renderMessageFormPage({ target, values }), 200, noStore);
  try {
    const input = read(values);
    if (action === 'send') return c.html(renderMessageSentPage(target, (await run.send(input)).recipients), 200, noStore);
    return c.html(renderMessagePreviewPage(target, values, await run.preview(input)), 200, noStore);
  } catch (error) {
    if (!(error instanceof AppError) || !(error.kind in STATUS)) throw error;
    const errors = error.details ?? [{ field: 'form', message: error.message }];
    return c.html(renderMessageFormPage({ target, values, errors }), STATUS[error.kind as keyof typeof STATUS], noStore);
  }
}

async function meetupTarget(deps: MessagesDeps, c: Context): Promise<MessageTarget> {
  const id = c.req.param('id')!;
  const { event, counts } = await messages.meetupMessageCounts(deps, id, { viewer: await viewerOf(deps, c) });
  return { kind: 'meetup', title: event.title, action: MESSAGE_PAGES.meetup(id), back: `/manage/${id}`, counts };
}

async function networkTarget(deps: MessagesDeps, c: Context): Promise<MessageTarget> {
  const slug = c.req.param('slug')!;
  const { network, stats } = await messages.networkMessageStats(deps, await viewerOf(deps, c), slug);
  return { kind: 'network', title: network.name, action: MESSAGE_PAGES.network(slug), back: NETWORK_PAGES.manage(slug), stats };
}

export const meetupMessagePageRoutes: RouteGroup<MessagesDeps> = {
  base: MESSAGE_PAGES.meetup(':id'),
  routes: [
    route({
      method: 'get', path: '',
      handle: async ({ deps, c }) => {
        if (!(await viewerOf(deps, c))) return signInFirst(c);
        return c.html(renderMessageFormPage({ target: await meetupTarget(deps, c) }), 200, noStore);
      },
    }),
    route({
      method: 'post', path: '', form: true,
      handle: async ({ deps, c, form }) => {
        const id = c.req.param('id')!;
        const caller = { viewer: await viewerOf(deps, c) };
        return step(c, await meetupTarget(deps, c), form, (v) => parsed(attendeeMessageSchema, v), {
          preview: (input) => messages.previewMeetupMessage(deps, id, caller, input),
          send: (input) => messages.sendMeetupMessage(deps, id, caller, input),
        });
      },
    }),
  ],
};

export const networkMessagePageRoutes: RouteGroup<MessagesDeps> = {
  base: MESSAGE_PAGES.network(':slug'),
  routes: [
    route({
      method: 'get', path: '',
      handle: async ({ deps, c }) => {
        if (!(await viewerOf(deps, c))) return signInFirst(c);
        return c.html(renderMessageFormPage({ target: await networkTarget(deps, c) }), 200, noStore);
      },
    }),
    route({
      method: 'post', path: '', form: true,
      handle: async ({ deps, c, form }) => {
        const slug = c.req.param('slug')!;
        const viewer = await viewerOf(deps, c);
        return step(c, await networkTarget(deps, c), form, (v) => parsed(followerMessageSchema, v), {
          preview: (input) => messages.previewNetworkMessage(deps, viewer, slug, input),
          send: (input) => messages.sendNetworkMessage(deps, viewer, slug, input),
        });
      },
    }),
  ],
};
