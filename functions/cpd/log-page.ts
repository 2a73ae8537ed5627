// CPD pages: the personal CPD log page (/me/cpd) as HTML, from the person's own log. The log's routes (pages.ts) show
// it, and so does the documents function (documents.ts): a PDF summary asked for a bad period gets this page with the
// export form's fields marked (400), as the CSV does. It needs only the log's read, the clock and the verification
// links' secret, so the documents bundle carries just it and the view (its budget: test/infra/api-bundle.test.ts).
import type { Clock } from '#functions/core/clock.ts';
import type { CpdRecord } from '#functions/core/cpd.ts';
import { CPD_PAGES } from '#functions/core/paths.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import type { FeedSecret } from '#functions/feeds/feeds.repository.ts';
import { renderCpdLogPage, type CpdFormState } from '#views/cpd-log-page.ts';
import { html } from '#views/html.ts';
import type { CpdLogRepository } from './log.repository.ts';
import { latestToday, logView } from './log.ts';
import { verifyUrl } from './records.ts';

export interface LogPageDeps {
  cpdLog: Pick<CpdLogRepository, 'log'>;
  clock: Clock;
  siteUrl: string;
  feedSecret: FeedSecret;
}

export interface LogPageAsked {
  /** What just happened (?done= after a form post's redirect). */
  done?: string | undefined;
  /** ?at= after a form post's redirect: the item ('record-<id>', 'activity-<id>') whose done notice it is. */
  at?: string | undefined;
  /** ?record=<id> (the record's email, "Write your reflection"): the page opens at that record's reflection. */
  record?: string | undefined;
  /** A form sent back with its problems: then `done` and `record` are not shown. */
  state?: CpdFormState | undefined;
}

export async function cpdLogPageHtml(deps: LogPageDeps, viewer: Viewer, asked: LogPageAsked = {}): Promise<string> {
  const view = await logView(deps, viewer);
  const secret = await deps.feedSecret();
  // Each record's verification link while it is on, with the button that turns it off (or on, as a new link), and its PDF.
  const shareSlot = (record: CpdRecord) => html`<p><a href="${CPD_PAGES.recordPdf(record.id)}">Download the record as a PDF</a></p>
${record.shared
    ? html`<p>Link to show this record to an assessor: <a class="url" href="${verifyUrl(deps.siteUrl, secret, record)}">${verifyUrl(deps.siteUrl, secret, record)}</a></p>`
    : html`<p>Its link for assessors is off: nobody can see this record.</p>`}
<form method="post" action="${CPD_PAGES.share(record.id)}"><input type="hidden" name="shared" value="${record.shared ? 'no' : 'yes'}">
${record.shared ? html`<p class="hint" id="share-${record.id}-hint">Turning it off stops this link everywhere, including in your record’s email and any PDF you downloaded; a new link will be a different one.</p>\n` : ''}<button type="submit" class="button button-secondary"${record.shared ? html` aria-describedby="share-${record.id}-hint"` : ''}>${record.shared ? 'Turn the link off' : 'Make a new link'}<span class="visually-hidden"> for “${record.title}”</span></button></form>`;
  const { state } = asked;
  const record = state ? undefined : asked.record;
  const opened = record ? { id: record, found: view.items.some((i) => i.kind === 'record' && i.id === record) } : undefined;
  return renderCpdLogPage({ ...view, today: latestToday(deps), done: state ? undefined : asked.done, at: state ? undefined : asked.at, state, shareSlot, opened });
}

