// CPD routes: the personal CPD log at /me/cpd as pages that work without JavaScript (each POST answers with a
// redirect back to the log, or the form again with its problems as a 400), and the same as JSON under /api/me/cpd.
// Signed in only, never cached. Signed out, a page sends them to sign in and back; a form post or an API call is a 401.
import type { Context } from 'hono';
import type * as z from 'zod';
import { requireViewer, viewerOf } from '#functions/auth/viewer.ts';
import { AppError, validationError } from '#functions/core/errors.ts';
import { hoursOf, type CpdActivity } from '#functions/core/cpd.ts';
import { ACCOUNT_PAGES, API_PREFIX, CPD_PAGES } from '#functions/core/paths.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import { formValues } from '#functions/http/form.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { errorSchema, fieldIssues } from '#functions/http/schemas.ts';
import { jsonObject } from '#functions/http/validation.ts';
import { formHours } from '#functions/networks/cpd.schema.ts';
import { renderActivityEditPage, renderDeleteActivityPage, renderDeleteLogPage, renderLogDeletedPage, type CpdFormState } from '#views/cpd-log-page.ts';
import * as cpd from './log.ts';
import { cpdLogPageHtml } from './log-page.ts';
import { shareRecord } from './records.ts';
import { activityInputSchema, cpdSettingsSchema, periodQuerySchema, reflectionBodySchema } from './log.schema.ts';

const route = routeOf<cpd.CpdLogDeps>();
const noStore = { 'Cache-Control': 'no-store' };
const privateJson = { 'Cache-Control': 'no-store', Vary: 'Cookie' };

/**
 * To sign in and come back to the same page, its query too (`?record=<id>` from the record's email, an export's
 * period): `next` is one query value, so its own ? & = are escaped (slashes left readable). Sign-in keeps only a path
 * on this site (functions/auth/sign-in.ts safeNext).
 */
const signInFirst = (c: Context) => {
  const here = new URL(c.req.url);
  const next = encodeURIComponent(here.pathname + here.search).replace(/%2F/gi, '/');
  return c.redirect(`${ACCOUNT_PAGES.signIn}?next=${next}`, 303);
};

function parsed<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(fieldIssues(result.error));
  return result.data;
}

/**
 * An activity as sent, by form or JSON, with every problem at once: the schema's, and "today or earlier" (the use case's
 * rule, which needs the clock), in the form's order (the date first).
 */
function parsedActivity(deps: cpd.CpdLogDeps, sent: Record<string, unknown>) {
  const result = activityInputSchema.safeParse(sent);
  const issues = [...cpd.futureDateIssues(deps, sent.date), ...(result.success ? [] : fieldIssues(result.error))];
  if (issues.length || !result.success) throw validationError(issues);
  return result.data;
}

/** Runs `act`; a refusal the person can fix comes back as `again(errors)` with a 400, anything else goes on up. */
async function orAgain(act: () => Promise<Response>, again: (errors: CpdFormState['errors']) => Promise<Response>): Promise<Response> {
  try {
    return await act();
  } catch (error) {
    if (error instanceof AppError && error.kind === 'validation') return again(error.details ?? [{ field: 'form', message: error.message }]);
    throw error;
  }
}

/** The activity form's fields as the schema takes them: hours as a number (a decimal comma allowed), areas ticked. */
const activityFromForm = (form: URLSearchParams) => ({
  date: form.get('date') ?? '',
  title: form.get('title') ?? '',
  provider: form.get('provider') ?? '',
  hours: formHours(form.get('hours') ?? ''),
  areas: form.getAll('areas').filter((a) => a.trim()),
  reflection: form.get('reflection') ?? '',
});

/** What was typed, to show the form again (the areas ticked, comma-joined). */
const typed = (form: URLSearchParams) => ({ ...formValues(form), areas: form.getAll('areas').join(',') });

const activityValues = (a: CpdActivity): Record<string, string> => ({
  date: a.date, title: a.title, provider: a.provider ?? '', hours: String(hoursOf(a.quarters)), areas: a.areas.join(','), reflection: a.reflection ?? '',
});

/** The log page (log-page.ts, which the documents function shows too), with ?done=, ?at= and ?record= from the address. */
const logPage = async (deps: cpd.CpdLogDeps, c: Context, viewer: Viewer, state?: CpdFormState, status: 200 | 400 = 200) =>
  c.html(await cpdLogPageHtml(deps, viewer, { done: c.req.query('done'), at: c.req.query('at'), record: c.req.query('record'), state }), status, noStore);

/**
 * Back to the log, its notice of what was done at `at` (an item's 'record-<id>' / 'activity-<id>'), where the person
 * is. No #fragment: the notice there takes the focus (autofocus), which a fragment would cancel.
 */
const backToLog = (c: Context, done: string, at = '') => c.redirect(`${CPD_PAGES.log}?done=${done}${at ? `&at=${encodeURIComponent(at)}` : ''}`, 303);

const kindOf = (kinds: 'records' | 'activities') => (kinds === 'records' ? 'record' : 'activity');

/** POST a reflection (records/:id or activities/:id): back to the log, or the log with the problem (400). */
const reflectionPage = (kinds: 'records' | 'activities') =>
  route({
    method: 'post', path: `/${kinds}/:id/reflection`, form: true,
    handle: async ({ deps, c, form }) => {
      const viewer = await requireViewer(deps, c);
      const kind = kindOf(kinds);
      const id = c.req.param('id')!;
      return orAgain(
        async () => {
          await cpd.saveReflection(deps, viewer, kind, id, parsed(reflectionBodySchema, { reflection: form.get('reflection') ?? '' }).reflection);
          return backToLog(c, 'reflection', `${kind}-${id}`);
        },
        (errors) => logPage(deps, c, viewer, { form: `${kind}:${id}`, values: { reflection: form.get('reflection') ?? '' }, errors }, 400),
      );
    },
  });

export const cpdLogPageRoutes: RouteGroup<cpd.CpdLogDeps> = {
  base: CPD_PAGES.log,
  routes: [
    route({
      method: 'post', path: '/records/:id/share', form: true,
      handle: async ({ deps, c, form }) => {
        const viewer = await requireViewer(deps, c);
        const id = c.req.param('id')!;
        await shareRecord(deps, viewer.personId, id, form.get('shared') === 'yes');
        return backToLog(c, form.get('shared') === 'yes' ? 'shared' : 'unshared', `record-${id}`);
      },
    }),
    route({
      method: 'get', path: '',
      handle: async ({ deps, c }) => {
        const viewer = await viewerOf(deps, c);
        if (!viewer) return signInFirst(c);
        return logPage(deps, c, viewer);
      },
    }),
    route({
      method: 'post', path: '/activities', form: true,
      handle: async ({ deps, c, form }) => {
        const viewer = await requireViewer(deps, c);
        return orAgain(
          async () => {
            const activity = await cpd.addActivity(deps, viewer, parsedActivity(deps, activityFromForm(form)));
            return backToLog(c, 'added', `activity-${activity.id}`);
          },
          (errors) => logPage(deps, c, viewer, { form: 'add', values: typed(form), errors }, 400),
        );
      },
    }),
    route({
      method: 'get', path: '/activities/:id',
      handle: async ({ deps, c }) => {
        const viewer = await viewerOf(deps, c);
        if (!viewer) return signInFirst(c);
        const activity = await cpd.findActivity(deps, viewer, c.req.param('id')!);
        return c.html(renderActivityEditPage({ id: activity.id, values: activityValues(activity), today: cpd.latestToday(deps) }), 200, noStore);
      },
    }),
    route({
      method: 'post', path: '/activities/:id', form: true,
      handle: async ({ deps, c, form }) => {
        const viewer = await requireViewer(deps, c);
        const id = c.req.param('id')!;
        await cpd.findActivity(deps, viewer, id);
        return orAgain(
          async () => {
            await cpd.editActivity(deps, viewer, id, parsedActivity(deps, activityFromForm(form)));
            return backToLog(c, 'saved', `activity-${id}`);
          },
          async (errors) => c.html(renderActivityEditPage({ id, values: typed(form), errors, today: cpd.latestToday(deps) }), 400, noStore),
        );
      },
    }),
    route({
      method: 'get', path: '/activities/:id/delete',
      handle: async ({ deps, c }) => {
        const viewer = await viewerOf(deps, c);
        if (!viewer) return signInFirst(c);
        return c.html(renderDeleteActivityPage(await cpd.findActivity(deps, viewer, c.req.param('id')!)), 200, noStore);
      },
    }),
    route({
      method: 'post', path: '/activities/:id/delete', form: true,
      handle: async ({ deps, c }) => {
        const viewer = await requireViewer(deps, c);
        await cpd.deleteActivity(deps, viewer, c.req.param('id')!);
        return backToLog(c, 'deleted');
      },
    }),
    ...(['records', 'activities'] as const).map((kinds) => reflectionPage(kinds)),
    route({
      method: 'post', path: '/settings', form: true,
      handle: async ({ deps, c, form }) => {
        const viewer = await requireViewer(deps, c);
        return orAgain(
          async () => {
            await cpd.saveSettings(deps, viewer, parsed(cpdSettingsSchema, { yearKind: form.get('yearKind') ?? undefined }));
            return backToLog(c, 'settings');
          },
          (errors) => logPage(deps, c, viewer, { form: 'settings', values: typed(form), errors }, 400),
        );
      },
    }),
    route({
      method: 'get', path: '/export.csv',
      handle: async ({ deps, c }) => {
        const viewer = await viewerOf(deps, c);
        if (!viewer) return signInFirst(c);
        const asked = { from: c.req.query('from') ?? '', to: c.req.query('to') ?? '' };
        return orAgain(
          async () => {
            const { csv, filename } = await cpd.logCsv(deps, viewer, parsed(periodQuerySchema, asked));
            return c.body(csv, 200, { ...noStore, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"` });
          },
          (errors) => logPage(deps, c, viewer, { form: 'export', values: asked, errors }, 400),
        );
      },
    }),
    route({
      method: 'get', path: '/delete',
      handle: async ({ deps, c }) => {
        const viewer = await viewerOf(deps, c);
        if (!viewer) return signInFirst(c);
        const { items } = await cpd.logView(deps, viewer);
        const records = items.filter((i) => i.kind === 'record').length;
        return c.html(renderDeleteLogPage({ records, activities: items.length - records }), 200, noStore);
      },
    }),
    route({
      method: 'post', path: '/delete', form: true,
      handle: async ({ deps, c }) => {
        const viewer = await requireViewer(deps, c);
        await cpd.deleteLog(deps, viewer);
        return c.html(renderLogDeletedPage(), 200, noStore);
      },
    }),
  ],
};

const signedOut = { description: 'Not signed in', schema: errorSchema };
const invalid = { description: 'A field is not valid: each named', schema: errorSchema };
const missing = { description: 'Not in your CPD log', schema: errorSchema };
const withoutPerson = ({ personId: _person, ...a }: CpdActivity) => a;

const reflectionApi = (kinds: 'records' | 'activities') =>
  route({
    method: 'put', path: `/${kinds}/:id/reflection`, body: reflectionBodySchema,
    summary: `Signed in: your reflection on ${kinds === 'records' ? 'a record of attendance' : 'an activity from elsewhere'} (private to you; blank removes it)`,
    responses: { 200: { description: 'Saved' }, 400: invalid, 401: signedOut, 404: missing },
    handle: async ({ deps, c, body }) => {
      await cpd.saveReflection(deps, await requireViewer(deps, c), kindOf(kinds), c.req.param('id')!, body.reflection);
      return c.json({ reflection: body.reflection ?? null }, 200, privateJson);
    },
  });

export const cpdLogApiRoutes: RouteGroup<cpd.CpdLogDeps> = {
  base: `${API_PREFIX}/me/cpd`,
  routes: [
    route({
      method: 'get', path: '',
      summary: 'Signed in: your CPD log: records of attendance, activities from elsewhere, your CPD year, hours per year and the PKSB areas covered',
      responses: { 200: { description: 'Your log' }, 401: signedOut },
      handle: async ({ deps, c }) => c.json(await cpd.logForApi(deps, await requireViewer(deps, c)), 200, privateJson),
    }),
    route({
      method: 'post', path: '/activities', documentedBody: activityInputSchema,
      summary: 'Signed in: add an activity from elsewhere to your CPD log (the date today or earlier); every problem is named at once',
      responses: { 201: { description: 'The activity, as stored' }, 400: invalid, 401: signedOut },
      handle: async ({ deps, c }) => {
        const body = parsedActivity(deps, await jsonObject(c));
        const activity = await cpd.addActivity(deps, await requireViewer(deps, c), body);
        return c.json({ activity: withoutPerson(activity) }, 201, privateJson);
      },
    }),
    route({
      method: 'put', path: '/activities/:id', documentedBody: activityInputSchema,
      summary: 'Signed in: change an activity of yours; every problem is named at once',
      responses: { 200: { description: 'The activity, as stored' }, 400: invalid, 401: signedOut, 404: missing },
      handle: async ({ deps, c }) => {
        const body = parsedActivity(deps, await jsonObject(c));
        const activity = await cpd.editActivity(deps, await requireViewer(deps, c), c.req.param('id')!, body);
        return c.json({ activity: withoutPerson(activity) }, 200, privateJson);
      },
    }),
    route({
      method: 'delete', path: '/activities/:id',
      summary: 'Signed in: delete an activity of yours',
      responses: { 204: { description: 'Deleted' }, 401: signedOut, 404: missing },
      handle: async ({ deps, c }) => {
        await cpd.deleteActivity(deps, await requireViewer(deps, c), c.req.param('id')!);
        return c.body(null, 204, privateJson);
      },
    }),
    ...(['records', 'activities'] as const).map((kinds) => reflectionApi(kinds)),
    route({
      method: 'put', path: '/settings', body: cpdSettingsSchema,
      summary: 'Signed in: how you count your CPD year: the calendar year, or 1 July to 30 June',
      responses: { 200: { description: 'Saved' }, 400: invalid, 401: signedOut },
      handle: async ({ deps, c, body }) => {
        await cpd.saveSettings(deps, await requireViewer(deps, c), body);
        return c.json({ settings: body }, 200, privateJson);
      },
    }),
  ],
};
