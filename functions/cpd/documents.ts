// CPD documents: a person's own log as PDFs, signed in — the portfolio summary for a period and each record of
// attendance. Served by a function of its own (apps/documents): pdfkit and the fonts stay out of the API's bundle.
// Both read only the person's own log partition (one consistent Query): a record that is not in it is a 404, so no
// one learns whether someone else's record exists. A summary asked for a bad period is the log page with the export
// form's fields marked (400), as for the CSV (log-page.ts, small enough for this bundle).
import type { Context } from 'hono';
import { viewerOf, type ViewerDeps } from '#functions/auth/viewer.ts';
import { recordProvider, type CpdActivity, type CpdLog, type CpdRecord } from '#functions/core/cpd.ts';
import { AppError } from '#functions/core/errors.ts';
import { ACCOUNT_PAGES, CPD_PAGES } from '#functions/core/paths.ts';
import { routeOf, type RouteGroup } from '#functions/http/routes.ts';
import { fieldIssues } from '#functions/http/schemas.ts';
import type { FeedSecret } from '#functions/feeds/feeds.repository.ts';
import type { CpdFormState } from '#views/cpd-log-page.ts';
import { cpdLogPageHtml } from './log-page.ts';
import type { CpdLogRepository } from './log.repository.ts';
import { latestToday } from './log.ts';
import { periodQuerySchema, type Period } from './log.schema.ts';
import { portfolioPdf, recordPdf, type PortfolioActivity, type PortfolioForPdf } from './pdf.ts';
import type { RecordForPdf } from './record.ts';
import { verifyUrl } from './records.ts';

export interface DocumentsDeps extends ViewerDeps {
  cpdLog: Pick<CpdLogRepository, 'log'>;
  /** What a shared record's verification link is signed with (records.ts verifyUrl). */
  feedSecret: FeedSecret;
}

/**
 * The documents' paths, in the /me page family (CloudFront sends it to API Gateway, whose routes for these paths go to
 * the documents function: infra/documents.ts). The summary is CPD_PAGES.exportPdf. Pages link these paths from
 * core/paths.ts, never by importing this module, which would bring pdfkit into the API's bundle.
 */
export const CPD_DOCUMENTS = {
  base: CPD_PAGES.log,
  portfolio: CPD_PAGES.exportPdf,
  record: (id: string) => `${CPD_PAGES.log}/records/${id}.pdf`,
} as const;

const RECORD_ID = '[A-Za-z0-9_-]{1,64}';

/** Whether the documents app answers `path` (the local server hands it these; API Gateway routes them in AWS). */
export const isCpdDocumentPath = (path: string) =>
  path === CPD_DOCUMENTS.portfolio || new RegExp(`^${CPD_DOCUMENTS.base}/records/${RECORD_ID}\\.pdf$`).test(path);

const PRIVATE = { 'Cache-Control': 'no-store, private', Vary: 'Cookie' } as const;

/** The signed-in person, or a redirect to sign in that comes back here (query and all) afterwards. */
async function signedIn(deps: DocumentsDeps, c: Context) {
  const viewer = await viewerOf(deps, c);
  if (viewer) return { viewer } as const;
  const url = new URL(c.req.url);
  return { redirect: c.redirect(`${ACCOUNT_PAGES.signIn}?next=${encodeURIComponent(url.pathname + url.search)}`, 303) } as const;
}

/**
 * The period asked for, as the CSV takes it (log.schema.ts periodQuerySchema: each end optional, a real date, `to` not
 * before `from`), or the log page with the export form sent back naming each field's problem, for a 400: the same
 * answer as the CSV's (pages.ts), whichever button sent the form.
 */
export function periodAsked(query: { from?: string | undefined; to?: string | undefined }) {
  const values = { from: query.from ?? '', to: query.to ?? '' };
  const result = periodQuerySchema.safeParse(values);
  return result.success ? ({ period: result.data } as const) : ({ refused: { form: 'export', values, errors: fieldIssues(result.error) } satisfies CpdFormState } as const);
}

/**
 * An open end of the period made definite for the summary: from the log's first entry, to today (or its last entry).
 * Today is the log's own (log.ts latestToday): the latest date an activity may have, so today's is in.
 */
export function wholePeriod(log: CpdLog, asked: Period, today: string): { from: string; to: string } {
  const dates = [...log.records, ...log.activities].map((i) => i.date).sort();
  const to = asked.to ?? [today, dates.at(-1) ?? today].sort().at(-1)!;
  const from = asked.from ?? [dates[0] ?? to, to].sort()[0]!;
  return { from, to };
}

/** The name the log goes by: as given on their most recent record, else their address's local part. */
export function nameFor(log: CpdLog, email: string): string {
  const latest = [...log.records].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt) || b.date.localeCompare(a.date))[0];
  return latest?.name.trim() || email.split('@')[0]!;
}

export function recordForPdf(record: CpdRecord, verifyUrl?: string): RecordForPdf {
  return {
    id: record.id,
    name: record.name,
    title: record.title,
    ...(record.networkName ? { networkName: record.networkName } : {}),
    organisers: record.organisers,
    startUtc: record.startUtc,
    endUtc: record.endUtc,
    timezone: record.timezone,
    ...(record.format ? { format: record.format } : {}),
    quarters: record.quarters,
    outcomes: record.outcomes,
    areas: record.areas,
    feedbackCollected: record.feedbackCollected,
    issuedAt: record.issuedAt,
    ...(verifyUrl ? { verifyUrl } : {}),
    ...(record.accent ? { accent: record.accent } : {}),
  };
}

const fromRecord = (r: CpdRecord): PortfolioActivity => ({
  date: r.date, title: r.title, provider: recordProvider(r), quarters: r.quarters, areas: r.areas, ...(r.reflection ? { reflection: r.reflection } : {}),
});
const fromActivity = (a: CpdActivity): PortfolioActivity => ({
  date: a.date, title: a.title, ...(a.provider ? { provider: a.provider } : {}), quarters: a.quarters, areas: a.areas, ...(a.reflection ? { reflection: a.reflection } : {}),
});

/** The log's records and activities dated within the period (inclusive), for the summary. */
export function portfolioFor(log: CpdLog, name: string, period: { from: string; to: string }, now: Date): PortfolioForPdf {
  const within = (date: string) => date >= period.from && date <= period.to;
  return {
    name,
    from: period.from,
    to: period.to,
    yearKind: log.settings.yearKind,
    activities: [...log.records.filter((r) => within(r.date)).map(fromRecord), ...log.activities.filter((a) => within(a.date)).map(fromActivity)],
    generatedAt: now.toISOString(),
  };
}

const pdf = (c: Context, bytes: Uint8Array, filename: string) =>
  c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${filename}"`, ...PRIVATE });

const route = routeOf<DocumentsDeps>();

export const cpdDocumentRoutes: RouteGroup<DocumentsDeps> = {
  base: CPD_DOCUMENTS.base,
  routes: [
    route({
      method: 'get', path: CPD_DOCUMENTS.portfolio.slice(CPD_DOCUMENTS.base.length),
      handle: async ({ deps, c }) => {
        const who = await signedIn(deps, c);
        if (who.redirect) return who.redirect;
        const asked = periodAsked({ from: c.req.query('from'), to: c.req.query('to') });
        if (asked.refused) return c.html(await cpdLogPageHtml(deps, who.viewer, { state: asked.refused }), 400, { 'Cache-Control': 'no-store' });
        const log = await deps.cpdLog.log(who.viewer.personId);
        const period = wholePeriod(log, asked.period, latestToday(deps));
        const summary = portfolioFor(log, nameFor(log, who.viewer.email), period, deps.clock.now());
        return pdf(c, await portfolioPdf(summary), `cpd-log-${period.from}-${period.to}.pdf`);
      },
    }),
    route({
      method: 'get', path: `/records/:file{${RECORD_ID}\\.pdf}`,
      handle: async ({ deps, c }) => {
        const who = await signedIn(deps, c);
        if (who.redirect) return who.redirect;
        const id = c.req.param('file')!.slice(0, -'.pdf'.length);
        const record = (await deps.cpdLog.log(who.viewer.personId)).records.find((r) => r.id === id);
        if (!record) throw new AppError('not_found', 'not_found', 'There is no such record in your CPD log.');
        // The verification link only while the person shares the record.
        const link = record.shared ? verifyUrl(deps.siteUrl, await deps.feedSecret(), record) : undefined;
        return pdf(c, await recordPdf(recordForPdf(record, link)), `record-of-attendance-${record.date}-${id}.pdf`);
      },
    }),
  ],
};
