// Views: the personal CPD log (/me/cpd), for the signed-in person only (never cached, kept out of search engines).
// Every form is a plain POST, so it all works without JavaScript; web/src/cpd-log.ts adds a live word count to each
// reflection. A form sent back with problems comes back on this page (400) with its error summary, each field's
// message and what was typed. Field names are the schema's (functions/cpd/log.schema.ts). Opened at a record
// (/me/cpd?record=<id>, the record email's "Write your reflection"), its reflection has the focus as the page loads.
// Back from a form post (?done=, ?at=), its one notice is where the person is (in the item, or beside the CPD year's
// form) and has the focus.
import { html, joinHtml, type Html } from './html.ts';
import { renderPage } from './layout.ts';
import { errorSummary, fieldHtml, groupIssues, type ShownErrors } from './network-form.ts';
import type { FieldIssue } from '#functions/core/errors.ts';
import {
  CPD_YEAR_KINDS, hoursText, MAX_ACTIVITY_TITLE, MAX_PROVIDER, PKSB_AREAS, pksbName, REFLECTION_MAX_CHARS, REFLECTION_PROMPTS, REFLECTION_WORDS, wordCount,
  type CpdRecord, type CpdSettings, type CpdYearKind, type PksbArea, type YearTotal,
} from '#functions/core/cpd.ts';
import { ACCOUNT_PAGES, CPD_PAGES } from '#functions/core/paths.ts';
import { CPD_HOURS_HINT, PKSB_AREAS_LABEL, pksbAreasHint } from '#functions/core/cpd-words.ts';

/** One line of the log (functions/cpd/log.ts LogItem). */
export interface CpdLogItem {
  kind: 'record' | 'activity';
  id: string;
  date: string;
  title: string;
  provider?: string | undefined;
  quarters: number;
  areas: readonly PksbArea[];
  reflection?: string | undefined;
  record?: CpdRecord;
}

/** A form sent back with problems: which one, what was typed, what was wrong. */
export interface CpdFormState {
  /** 'add', 'settings', or a reflection's form: 'record:<id>' / 'activity:<id>'. */
  form: string;
  values: Readonly<Record<string, string>>;
  errors: readonly FieldIssue[];
}

export interface CpdLogPageData {
  items: readonly CpdLogItem[];
  settings: CpdSettings;
  totals: readonly YearTotal[];
  areas: readonly { id: PksbArea; count: number }[];
  /** The latest date allowed (today), YYYY-MM-DD, for the date inputs' max. */
  today: string;
  /** What just happened (after a form post's redirect). */
  done?: string | undefined;
  /**
   * Where it happened (?at= from the redirect): 'record-<id>' / 'activity-<id>' puts the notice at the top of that item,
   * where the person is; the CPD year's notice is beside its form. Anything else (or nothing) puts it at the page's top.
   */
  at?: string | undefined;
  state?: CpdFormState | undefined;
  /** A record's verification link and its state (functions/cpd/records*, another room's view): a slot under each record. */
  shareSlot?: (record: CpdRecord) => Html;
  /** The record asked for (/me/cpd?record=<id>, the record's email): the page opens at its reflection, or says it isn't here. */
  opened?: { id: string; found: boolean } | undefined;
}

const noindex = '<meta name="robots" content="noindex">';
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
export const dayText = (date: string) => DAY.format(new Date(`${date}T00:00:00Z`));

export const YEAR_KIND_LABELS: Record<CpdYearKind, string> = { calendar: 'The calendar year (1 January to 31 December)', july: '1 July to 30 June' };

const DONE: Record<string, string> = {
  added: 'Activity added to your log.',
  saved: 'Activity saved.',
  deleted: 'Activity deleted.',
  reflection: 'Reflection saved.',
  settings: 'Your CPD year is saved: the hours above count by it.',
  shared: 'The record has a new link for assessors: the old one, if it had one, no longer works.',
  unshared: 'The record’s link is off: nobody can see the record from it now.',
};

const NOT_HERE = 'That record of attendance isn’t in this CPD log. It may have been deleted, or it was sent to another email address: sign in with that address to see it.';

/** "123 of 250 words", as web/src/cpd-log.ts writes it while typing. */
export const wordCountText = (words: number) => `${words} of ${REFLECTION_WORDS} words`;
const OVER_TEXT = `: more than the ${REFLECTION_WORDS} most schemes ask for, which is fine`;

/**
 * The one notice of what just happened, shown where the person is. It takes the focus as the page loads, so a screen
 * reader hears it and the next Tab goes on from there: `autofocus` without JavaScript (the redirect has no #fragment,
 * which would cancel it), web/src/cpd-log.ts after load with it.
 */
export const DONE_ID = 'cpd-done';
const doneHtml = (text: string) => html`<div class="notice notice-success" role="status" id="${DONE_ID}" tabindex="-1" autofocus><p>${text}</p></div>\n`;

/** Where the done notice goes: an item's key ('record-<id>'), 'settings', or 'top'. */
function donePlace(data: CpdLogPageData, done: string | undefined): string | undefined {
  if (!done) return undefined;
  if (data.done === 'settings') return 'settings';
  const at = data.at;
  if (at && data.items.some((i) => `${i.kind}-${i.id}` === at)) return at;
  return 'top';
}

const errorLines = (messages: readonly string[]) =>
  joinHtml(messages.map((m) => html`<span class="error-line"><span class="visually-hidden">Error: </span>${m}</span>`));

/** A reflection's textarea: the three prompts as its hint, its word count (live with JavaScript), its error. */
export function reflectionFieldHtml(shown: ShownErrors, prefix: string, value: string, label = 'Your reflection', focused = false): Html {
  const id = `${prefix}reflection`;
  const messages = shown.byField.get('reflection');
  const words = wordCount(value);
  const over = words > REFLECTION_WORDS;
  return html`<div class="field${messages ? ' has-error' : ''}" id="${id}-field">
<label for="${id}">${label} <span class="optional">(optional, private to you)</span></label>
<div class="hint" id="${id}-hint"><p>Up to ${REFLECTION_MAX_CHARS.toLocaleString('en-GB')} characters; about ${REFLECTION_WORDS} words is what most schemes ask for. You could answer:</p>
<ul class="reflection-prompts">${joinHtml(Object.values(REFLECTION_PROMPTS).map((p) => html`<li>${p}</li>`))}</ul></div>
${messages ? html`<p class="field-error" id="${id}-error">${errorLines(messages)}</p>` : ''}
<textarea id="${id}" name="reflection" rows="6" maxlength="${REFLECTION_MAX_CHARS}" data-word-count="${id}-count" aria-describedby="${id}-hint ${id}-count${messages ? ` ${id}-error` : ''}"${messages ? html` aria-invalid="true"` : ''}${focused ? html` autofocus` : ''}>${value}</textarea>
<p class="word-count${over ? ' is-over' : ''}" id="${id}-count" aria-live="polite">${wordCountText(words)}${over ? OVER_TEXT : ''}</p>
</div>`;
}

const areasText = (areas: readonly PksbArea[]) => (areas.length ? areas.map(pksbName).join('; ') : 'None given');

function itemHtml(item: CpdLogItem, data: CpdLogPageData, done?: string): Html {
  const formKey = `${item.kind}:${item.id}`;
  const sent = data.state?.form === formKey ? data.state : undefined;
  const shown = groupIssues(sent?.errors ?? [], ['reflection']);
  const prefix = `${item.kind}-${item.id}-`;
  const isRecord = item.kind === 'record';
  // Opened from the record's email: its reflection takes the focus as the page loads (so, without JavaScript too).
  const opened = isRecord && data.opened?.found === true && data.opened.id === item.id;
  return html`<li class="cpd-item${opened ? ' is-opened' : ''}" id="${item.kind}-${item.id}">
${done ? doneHtml(done) : ''}<h3>${item.title}</h3>
<dl class="facts">
<dt>Date</dt><dd><time datetime="${item.date}">${dayText(item.date)}</time></dd>
<dt>What</dt><dd>${isRecord ? 'Record of attendance at a Signpost meetup' : 'Activity elsewhere'}</dd>
${item.provider ? html`<dt>Provider</dt><dd>${item.provider}</dd>` : ''}
<dt>Hours</dt><dd>${hoursText(item.quarters)}</dd>
<dt>${PKSB_AREAS_LABEL}</dt><dd>${areasText(item.areas)}</dd>
</dl>
${isRecord && item.record && data.shareSlot ? html`<div class="cpd-share">${data.shareSlot(item.record)}</div>` : ''}
<form method="post" action="${CPD_PAGES.reflection(isRecord ? 'records' : 'activities', item.id)}" class="reflection-form" novalidate>
${errorSummary(shown, ['reflection'], prefix)}
${reflectionFieldHtml(shown, prefix, sent ? (sent.values.reflection ?? '') : (item.reflection ?? ''), undefined, opened && !data.done)}
<div class="actions"><button type="submit" class="button button-secondary">Save reflection<span class="visually-hidden"> for “${item.title}”</span></button></div>
</form>
${isRecord
    ? ''
    : html`<p class="cpd-item-actions"><a href="${CPD_PAGES.activity(item.id)}">Edit<span class="visually-hidden"> “${item.title}”</span></a> <a href="${CPD_PAGES.deleteActivity(item.id)}">Delete<span class="visually-hidden"> “${item.title}”</span></a></p>`}
</li>`;
}

function totalsHtml(data: CpdLogPageData, done?: string): Html {
  const sent = data.state?.form === 'settings' ? data.state : undefined;
  const shown = groupIssues(sent?.errors ?? [], ['yearKind']);
  const chosen = sent?.values.yearKind ?? data.settings.yearKind;
  const messages = shown.byField.get('yearKind');
  return html`<section class="section" aria-labelledby="cpd-totals-title">
<h2 id="cpd-totals-title">Hours per CPD year</h2>
${data.totals.length
    ? html`<table class="cpd-totals">
<caption>Counting ${chosen === 'july' ? 'from 1 July to 30 June' : 'by calendar year'}</caption>
<thead><tr><th scope="col">CPD year</th><th scope="col">Hours</th><th scope="col">Activities</th></tr></thead>
<tbody>${joinHtml(data.totals.map((t) => html`<tr><th scope="row">${t.label}</th><td>${hoursText(t.quarters)}</td><td>${t.activities}</td></tr>`), '\n')}</tbody>
</table>`
    : html`<p>No hours yet.</p>`}
${done ? doneHtml(done) : ''}<form method="post" action="${CPD_PAGES.settings}" class="cpd-settings" novalidate>
${errorSummary(shown, ['yearKind'], 'cpd-settings-', () => 'cpd-settings-yearKind-calendar')}
<fieldset class="field${messages ? ' has-error' : ''}"${messages ? html` aria-describedby="cpd-settings-yearKind-error"` : ''}>
<legend class="label">Your CPD year</legend>
${messages ? html`<p class="field-error" id="cpd-settings-yearKind-error">${errorLines(messages)}</p>` : ''}
<div class="radios">
${joinHtml(CPD_YEAR_KINDS.map((k) => html`<div class="radio"><input type="radio" id="cpd-settings-yearKind-${k}" name="yearKind" value="${k}"${k === chosen ? html` checked` : ''}><label for="cpd-settings-yearKind-${k}">${YEAR_KIND_LABELS[k]}</label></div>`), '\n')}
</div>
</fieldset>
<div class="actions"><button type="submit" class="button button-secondary">Save your CPD year</button></div>
</form>
</section>`;
}

function areasHtml(data: CpdLogPageData): Html {
  return html`<section class="section" aria-labelledby="cpd-areas-title">
<h2 id="cpd-areas-title">${PKSB_AREAS_LABEL} covered</h2>
${data.areas.length
    ? html`<ul class="cpd-areas">${joinHtml(data.areas.map((a) => html`<li>${pksbName(a.id)}: ${a.count} ${a.count === 1 ? 'activity' : 'activities'}</li>`), '\n')}</ul>`
    : html`<p>None yet. Meetups that say which areas of CILIP’s Professional Knowledge and Skills Base they cover add them here, and so can you for activities elsewhere.</p>`}
</section>`;
}

const ACTIVITY_FIELDS = ['date', 'title', 'provider', 'hours', 'areas', 'reflection'] as const;

/** The activity's fields: adding one on the log page, or editing one on its own page. */
export function activityFieldsHtml(prefix: string, values: Readonly<Record<string, string>>, errors: readonly FieldIssue[], today: string): Html {
  const shown = groupIssues(errors, ACTIVITY_FIELDS);
  const v = (name: string) => values[name] ?? '';
  const ticked = new Set(v('areas').split(',').filter(Boolean));
  const areaErrors = shown.byField.get('areas');
  const focus = (f: string) => (f === 'areas' ? `${prefix}areas-${PKSB_AREAS[0].id}` : `${prefix}${f}`);
  return html`${errorSummary(shown, ACTIVITY_FIELDS, prefix, focus)}
${fieldHtml(shown, prefix, { name: 'date', label: 'Date', hint: 'The day it happened: today or earlier.', control: (id, aria) => html`<input id="${id}" name="date" type="date" max="${today}" value="${v('date')}"${aria}>` })}
${fieldHtml(shown, prefix, { name: 'title', label: 'What it was', hint: 'For example “CILIP Conference: opening keynote” or “Read: The Library Book”.', control: (id, aria) => html`<input id="${id}" name="title" type="text" maxlength="${MAX_ACTIVITY_TITLE}" value="${v('title')}"${aria}>` })}
${fieldHtml(shown, prefix, { name: 'provider', label: 'Who ran it', optional: true, hint: 'The conference, organisation or publisher.', control: (id, aria) => html`<input id="${id}" name="provider" type="text" maxlength="${MAX_PROVIDER}" value="${v('provider')}"${aria}>` })}
${fieldHtml(shown, prefix, { name: 'hours', label: 'Hours', hint: `${CPD_HOURS_HINT}, up to 24.`, control: (id, aria) => html`<input id="${id}" name="hours" type="text" inputmode="decimal" class="input-short" value="${v('hours')}"${aria}>` })}
<div class="field${areaErrors ? ' has-error' : ''}" id="${prefix}areas-field">
<fieldset aria-describedby="${prefix}areas-hint${areaErrors ? ` ${prefix}areas-error` : ''}">
<legend class="label">${PKSB_AREAS_LABEL} <span class="optional">(optional)</span></legend>
<p class="hint" id="${prefix}areas-hint">${pksbAreasHint('this activity covered')}.</p>
${areaErrors ? html`<p class="field-error" id="${prefix}areas-error">${errorLines(areaErrors)}</p>` : ''}
${joinHtml(PKSB_AREAS.map((a) => html`<div class="checkbox"><input type="checkbox" id="${prefix}areas-${a.id}" name="areas" value="${a.id}"${ticked.has(a.id) ? html` checked` : ''}><label for="${prefix}areas-${a.id}">${a.name}</label></div>`), '\n')}
</fieldset>
</div>
${reflectionFieldHtml(shown, prefix, v('reflection'))}`;
}

function addHtml(data: CpdLogPageData): Html {
  const sent = data.state?.form === 'add' ? data.state : undefined;
  return html`<section class="section" aria-labelledby="cpd-add-title">
<h2 id="cpd-add-title">Add an activity from elsewhere</h2>
<p>A conference, a webinar, a course, reading: anything you count towards your CPD, so your log is complete.</p>
<form method="post" action="${CPD_PAGES.activities}" id="cpd-add-form" novalidate>
${activityFieldsHtml('add-', sent?.values ?? {}, sent?.errors ?? [], data.today)}
<div class="actions"><button type="submit" class="button">Add the activity</button></div>
</form>
</section>`;
}

function exportHtml(data: CpdLogPageData): Html {
  const sent = data.state?.form === 'export' ? data.state : undefined;
  const shown = groupIssues(sent?.errors ?? [], ['from', 'to']);
  const v = (name: string) => sent?.values[name] ?? '';
  return html`<section class="section" aria-labelledby="cpd-export-title">
<h2 id="cpd-export-title">Download your log</h2>
<p>As a spreadsheet (CSV) with your reflections, or as a PDF summary for a portfolio. Leave the dates empty for everything.</p>
<form method="get" action="${CPD_PAGES.exportCsv}" class="cpd-export" novalidate>
${errorSummary(shown, ['from', 'to'], 'export-')}
<div class="cpd-period">
${fieldHtml(shown, 'export-', { name: 'from', label: 'From', optional: true, control: (id, aria) => html`<input id="${id}" name="from" type="date" value="${v('from')}"${aria}>` })}
${fieldHtml(shown, 'export-', { name: 'to', label: 'To', optional: true, control: (id, aria) => html`<input id="${id}" name="to" type="date" value="${v('to')}"${aria}>` })}
</div>
<div class="button-row">
<button type="submit" class="button button-secondary" id="cpd-export-csv">Download CSV</button>
<button type="submit" class="button button-secondary" id="cpd-export-pdf" formaction="${CPD_PAGES.exportPdf}">Download PDF summary</button>
</div>
</form>
</section>`;
}

export function renderCpdLogPage(data: CpdLogPageData): string {
  // Own keys only: ?done=constructor is not a message (a plain object has inherited ones).
  const done = data.done && Object.hasOwn(DONE, data.done) ? DONE[data.done] : undefined;
  const hasErrors = Boolean(data.state?.errors.length);
  const place = donePlace(data, done);
  const doneAt = (where: string) => (place === where ? done : undefined);
  const topDone = doneAt('top');
  const main = html`<h1>Your CPD log</h1>
<p class="lead">Records of attendance from meetups you were checked in at, and what you add from elsewhere. Only you see this page: organisers never see your reflections.</p>
${topDone ? doneHtml(topDone) : ''}${data.opened && !data.opened.found ? html`<div class="notice notice-warning" role="status"><p>${NOT_HERE}</p></div>\n` : ''}${totalsHtml(data, doneAt('settings'))}
${areasHtml(data)}
<section class="section" aria-labelledby="cpd-items-title">
<h2 id="cpd-items-title">Your activities</h2>
${data.items.length
    ? html`<ol class="cpd-items">${joinHtml(data.items.map((i) => itemHtml(i, data, doneAt(`${i.kind}-${i.id}`))), '\n')}</ol>`
    : html`<p>Nothing yet. When you are checked in at a meetup, its record of attendance arrives here after it ends.</p>`}
</section>
${addHtml(data)}
${exportHtml(data)}
<section class="section" aria-labelledby="cpd-delete-title">
<h2 id="cpd-delete-title">Delete your CPD log</h2>
<p>Your log is kept until you delete it. <a href="${CPD_PAGES.deleteLog}">Delete my CPD log</a></p>
</section>
<p><a href="${ACCOUNT_PAGES.me}">Back to your meetups</a></p>`;
  return renderPage({ title: `${hasErrors ? 'Error: ' : ''}Your CPD log · Signpost`, description: 'Your records of attendance, activities and reflections.', script: 'cpd-log', head: noindex, main: main.toString(), signedIn: true });
}

export function renderActivityEditPage(opts: { id: string; values: Readonly<Record<string, string>>; errors?: readonly FieldIssue[]; today: string }): string {
  const errors = opts.errors ?? [];
  const main = html`<h1>Edit an activity</h1>
<form method="post" action="${CPD_PAGES.activity(opts.id)}" id="cpd-edit-form" novalidate>
${activityFieldsHtml('edit-', opts.values, errors, opts.today)}
<div class="actions"><button type="submit" class="button">Save the activity</button></div>
</form>
<p><a href="${CPD_PAGES.log}">Back to your CPD log</a></p>`;
  return renderPage({ title: `${errors.length ? 'Error: ' : ''}Edit an activity · Signpost`, description: 'Edit an activity in your CPD log.', script: 'cpd-log', head: noindex, main: main.toString(), signedIn: true });
}

export function renderDeleteActivityPage(activity: { id: string; title: string; date: string }): string {
  const main = html`<h1>Delete this activity?</h1>
<div class="confirm-box">
<p><strong>${activity.title}</strong>, <time datetime="${activity.date}">${dayText(activity.date)}</time>, and its reflection go from your log for good.</p>
<form method="post" action="${CPD_PAGES.deleteActivity(activity.id)}"><button type="submit" class="button button-danger">Delete the activity</button></form>
</div>
<p><a href="${CPD_PAGES.log}">No, back to your CPD log</a></p>`;
  return renderPage({ title: 'Delete this activity? · Signpost', description: 'Delete an activity from your CPD log.', head: noindex, main: main.toString(), signedIn: true });
}

export function renderDeleteLogPage(counts: { records: number; activities: number }): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  const main = html`<h1>Delete your CPD log?</h1>
<div class="confirm-box">
<p>This deletes, for good and at once:</p>
<ul>
<li>every record of attendance (${n(counts.records, 'record', 'records')}), and every reflection you wrote;</li>
<li>every activity you added from elsewhere (${n(counts.activities, 'activity', 'activities')});</li>
<li>your choice of CPD year.</li>
</ul>
<p>Verification links you shared stop working: anyone who opens one sees that the record can’t be shown, as for a link that is wrong or turned off.</p>
<p><a href="${CPD_PAGES.exportCsv}">Download your log as CSV first</a> if you want to keep a copy.</p>
<form method="post" action="${CPD_PAGES.deleteLog}"><button type="submit" class="button button-danger">Delete my CPD log</button></form>
</div>
<p><a href="${CPD_PAGES.log}">No, back to your CPD log</a></p>`;
  return renderPage({ title: 'Delete your CPD log? · Signpost', description: 'Delete your CPD log.', head: noindex, main: main.toString(), signedIn: true });
}

export function renderLogDeletedPage(): string {
  const main = html`<h1>Your CPD log is deleted</h1>
<div class="notice notice-success" role="status"><p>Every record, reflection and activity is gone, and your verification links no longer work.</p></div>
<p>Meetups you are checked in at from now on start a new log.</p>
<p><a href="${ACCOUNT_PAGES.me}">Back to your meetups</a></p>`;
  return renderPage({ title: 'Your CPD log is deleted · Signpost', description: 'Your CPD log is deleted.', head: noindex, main: main.toString(), signedIn: true });
}
