// Attendance pages: the check-in page (/events/<id>/check-in) as plain forms, signed in, so the door works without
// JavaScript: each button POSTs back to the page, which answers with the list and what changed said at the top; the
// search is a GET ?q=. Someone signed in with a place (not on the team) gets the self check-in form instead. Signed
// out, the page says how to get in; its script uses the manage link's token from the fragment (web/src/check-in.ts).
import type { Context } from 'hono';
import { viewerOf } from '#functions/auth/viewer.ts';
import { codeWindow } from '#functions/core/attendance.ts';
import { AppError, signInNeeded } from '#functions/core/errors.ts';
import { newToken } from '#functions/core/ids.ts';
import { eventPagePaths } from '#functions/core/paths.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { nameMatches, renderCheckInPage, type CheckInPage, type CheckInView } from '#views/check-in-page.ts';
import { rsvpKey } from '#functions/rsvps/rsvp.ts';
import type { CheckInDeps } from './check-in-deps.ts';
import { personBodySchema, walkInBodySchema } from './check-in.schema.ts';
import * as checkIns from './check-in-use-cases.ts';

const route = routeOf<CheckInDeps>();
const noStore = { 'Cache-Control': 'no-store' };
const STATUS = { validation: 400, not_found: 404, conflict: 409, rate_limited: 429 } as const;

const view = (q: string | undefined, more: Partial<CheckInView> = {}): CheckInView => ({ q: q?.trim() || undefined, requestId: newToken().slice(0, 22), ...more });

async function teamPage(deps: CheckInDeps, id: string, viewer: Viewer, v: CheckInView): Promise<CheckInPage> {
  const list = await checkIns.checkInList(deps, id, { viewer });
  return { kind: 'team', title: list.title, list, view: v };
}

/** Signed in but not on the team: someone with a place checks themselves in here; anyone else is refused. */
async function selfPage(deps: CheckInDeps, id: string, viewer: Viewer, more: Partial<Extract<CheckInPage, { kind: 'self' }>> = {}): Promise<CheckInPage | undefined> {
  const [event, rsvp] = await Promise.all([deps.events.get(id), deps.rsvps.get(id, rsvpKey(id, viewer.email))]);
  if (!event || rsvp?.status !== 'confirmed') return undefined;
  // Said before the code is typed, not only after: the form is there from the day they book.
  const { opens, closes } = codeWindow(event);
  const now = deps.clock.now();
  const window = now < opens ? { state: 'before' as const, at: opens.toISOString(), timezone: event.timezone }
    : now > closes ? { state: 'after' as const, at: closes.toISOString(), timezone: event.timezone } : undefined;
  return { kind: 'self', eventId: id, title: event.title, checkedIn: Boolean(rsvp.checkedInAt), window, ...more };
}

const refusedHere = (error: unknown) => error instanceof AppError && error.kind === 'forbidden';

/** What a tap changed, in words, for the top of the page; and a walk-in's name, which the list must show. */
async function act(deps: CheckInDeps, id: string, viewer: Viewer, form: URLSearchParams): Promise<string | { flash: string; walkIn: string }> {
  const caller = { viewer };
  const action = form.get('action');
  if (action === 'rotate') return `New code: ${(await checkIns.rotateCode(deps, id, caller)).code}. The old one no longer works.`;
  if (action === 'walk-in') {
    const parsed = walkInBodySchema.safeParse({ name: form.get('name') ?? '', email: form.get('email') ?? '', requestId: form.get('requestId') || undefined });
    // Said at the top of the page, far from the form: name what was refused.
    if (!parsed.success) throw new AppError('validation', 'validation_failed', `Not added as a walk-in: ${parsed.error.issues.map((i) => i.message).join('. ')}.`);
    const { person } = await checkIns.addWalkIn(deps, id, caller, parsed.data);
    return { flash: `${person.name} is added as a walk-in, and checked in.`, walkIn: person.name };
  }
  const key = personBodySchema.safeParse({ key: form.get('key') ?? undefined });
  if (!key.success) throw new AppError('validation', 'validation_failed', 'Choose someone on the list.');
  if (action === 'check-in') {
    const { person, already } = await checkIns.checkIn(deps, id, caller, key.data.key);
    return already ? `${person.name} was already checked in.` : `${person.name} is checked in.`;
  }
  if (action === 'undo') {
    const { person, already } = await checkIns.undoCheckIn(deps, id, caller, key.data.key);
    return already ? `${person.name} was not checked in.` : `Undone: ${person.name} is not checked in.`;
  }
  if (action === 'remove-walk-in') {
    const { name, already } = await checkIns.removeWalkIn(deps, id, caller, key.data.key);
    return already ? 'That walk-in was removed already.' : `${name ?? 'The walk-in'} is removed, and their place is free.`;
  }
  throw new AppError('validation', 'validation_failed', 'Choose what to do: that button is not one of this page’s.');
}

export const checkInPageRoutes: RouteGroup<CheckInDeps> = {
  base: eventPagePaths.checkIn(':id'),
  routes: [
    route({
      method: 'get', path: '',
      handle: async ({ deps, c }) => {
        const id = c.req.param('id')!;
        const viewer = await viewerOf(deps, c);
        if (!viewer) return c.html(renderCheckInPage({ kind: 'signed-out', eventId: id }, false), 200, noStore);
        try {
          return c.html(renderCheckInPage(await teamPage(deps, id, viewer, view(c.req.query('q'))), true), 200, noStore);
        } catch (error) {
          const self = refusedHere(error) ? await selfPage(deps, id, viewer) : undefined;
          if (!self) throw error;
          return c.html(renderCheckInPage(self, true), 200, noStore);
        }
      },
    }),
    route({
      method: 'post', path: '', form: true,
      handle: async ({ deps, c, form }) => {
        const id = c.req.param('id')!;
        const viewer = await viewerOf(deps, c);
        // Without JavaScript only a session acts here (the manage link's token never reaches a form).
        if (!viewer) throw signInNeeded();
        if (form.get('action') === 'self') return self(deps, c, id, viewer, form.get('code') ?? '');
        const q = form.get('q') ?? undefined;
        try {
          const done = await act(deps, id, viewer, form);
          const { flash, walkIn } = typeof done === 'string' ? { flash: done, walkIn: undefined } : done;
          // A search for someone else would hide the walk-in just added: the list answers unsearched then.
          const shownQ = walkIn !== undefined && !nameMatches(walkIn, q ?? '') ? undefined : q;
          return c.html(renderCheckInPage(await teamPage(deps, id, viewer, view(shownQ, { flash })), true), 200, noStore);
        } catch (error) {
          if (!(error instanceof AppError) || !(error.kind in STATUS)) throw error;
          // A refused walk-in keeps what was typed (the requestId is fresh, so it can be sent again).
          const walkIn = form.get('action') === 'walk-in' ? { name: form.get('name') ?? '', email: form.get('email') ?? '' } : undefined;
          const page = await teamPage(deps, id, viewer, view(q, { error: error.message, walkIn }));
          return c.html(renderCheckInPage(page, true), STATUS[error.kind as keyof typeof STATUS], noStore);
        }
      },
    }),
  ],
};

async function self(deps: CheckInDeps, c: Context, id: string, viewer: Viewer, code: string) {
  try {
    const done = await checkIns.selfCheckIn(deps, id, { viewer }, code, deps.clientIp(c));
    const page = await selfPage(deps, id, viewer, { message: done.already ? 'You were already checked in. Enjoy the meetup!' : 'You’re checked in. Enjoy the meetup!' });
    return c.html(renderCheckInPage(page!, true), 200, noStore);
  } catch (error) {
    if (!(error instanceof AppError) || !(error.kind in STATUS)) throw error;
    const page = await selfPage(deps, id, viewer, { error: error.details?.[0]?.message ?? error.message, value: code });
    if (!page) throw error;
    const headers = error.retryAfterSeconds ? { ...noStore, 'Retry-After': String(error.retryAfterSeconds) } : noStore;
    return c.html(renderCheckInPage(page, true), STATUS[error.kind as keyof typeof STATUS], headers);
  }
}
