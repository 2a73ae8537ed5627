// Views: the directory of networks (/networks), "a place where you can be signposted in the right direction": a
// search by name, topic or place and an online / in person choice (a plain GET form, so it works without a script),
// then each network with its next meetup. Rendered by functions/directory/pages.ts; every string is escaped.
import { html, joinHtml, type Html } from './html.ts';
import { renderPage } from './layout.ts';
import { accentMarkerHtml, meetsText } from './network-page.ts';
import { NETWORK_PAGES } from '#functions/core/paths.ts';
import { formatWhen } from '#functions/core/time.ts';
import type { EventSummary } from '#functions/core/event.ts';
import type { PublicNetwork } from '#functions/core/network.ts';

/** The form's fields as typed ('' when not chosen). */
export interface DirectoryFilters {
  q: string;
  where: string;
}
export const DIRECTORY_FILTER_NAMES = ['q', 'where'] as const satisfies readonly (keyof DirectoryFilters)[];

export const WHERE_LABELS: Record<string, string> = { '': 'Anywhere', online: 'Online', in_person: 'In person' };

export type DirectoryEntryView = Omit<PublicNetwork, 'team'> & { nextMeetup?: EventSummary | undefined };

export interface DirectoryView {
  /** As typed, shown back in the form. */
  filters: DirectoryFilters;
  /** What the list was made with (fields in `errors` left out). */
  applied: DirectoryFilters;
  entries: DirectoryEntryView[];
  errors: { field: string; message: string }[];
}

const ERROR_TARGETS: Record<string, string> = { q: 'directory-q', where: 'directory-where-any' };
const ERROR_LABELS: Record<string, string> = { q: 'Search', where: 'Where it meets' };

/** The filters in words, after "network(s)": "matching “leeds” that meet online" (or "that meets", for one). '' for none. */
export function describeDirectoryFilters(f: DirectoryFilters, count = 2): string {
  const parts: string[] = [];
  const meet = count === 1 ? 'meets' : 'meet';
  if (f.q) parts.push(`matching “${f.q}”`);
  if (f.where === 'online') parts.push(`that ${meet} online`);
  if (f.where === 'in_person') parts.push(`that ${meet} in person`);
  return parts.join(' ');
}

export function directoryStatusText(count: number, f: DirectoryFilters): string {
  const what = describeDirectoryFilters(f, count);
  if (!count) return `No networks${what ? ` ${what}` : ''} yet.`;
  return `Showing ${count} ${count === 1 ? 'network' : 'networks'}${what ? ` ${what}` : ''}.`;
}

function entryHtml(e: DirectoryEntryView): Html {
  const next = e.nextMeetup;
  const nextHtml = next
    ? html`<p class="next-meetup">Next meetup: <a href="${new URL(next.url).pathname}">${next.title}</a>, <time datetime="${next.start.utc}">${formatWhen(next.start.utc, next.end.utc, next.timezone)}</time></p>`
    : html`<p class="next-meetup next-meetup-none">No upcoming meetups listed</p>`;
  return html`<li class="network-entry" data-slug="${e.slug}">
<h2>${accentMarkerHtml(e.accent)}<a href="${NETWORK_PAGES.page(e.slug)}">${e.name}</a></h2>
${e.tagline ? html`<p class="network-tagline">${e.tagline}</p>` : ''}
<p class="where">${meetsText(e.where)}</p>
${nextHtml}
</li>`;
}

function formHtml(f: DirectoryFilters, errors: DirectoryView['errors']): Html {
  const err = (name: string) => errors.find((e) => e.field === name)?.message;
  const summary = errors.length
    ? html`<div class="error-summary" role="alert" aria-labelledby="directory-error-title" tabindex="-1" id="directory-error-summary">
<h2 id="directory-error-title">There is a problem</h2>
<ul>${errors.map((e) => html`<li><a href="#${ERROR_TARGETS[e.field] ?? 'directory-q'}">${ERROR_LABELS[e.field] ? `${ERROR_LABELS[e.field]}: ` : ''}${e.message}</a></li>`)}</ul>
</div>`
    : '';
  const qError = err('q');
  const whereError = err('where');
  const describedBy = ['directory-q-hint', qError ? 'directory-q-error' : ''].filter(Boolean).join(' ');
  const radios = Object.entries(WHERE_LABELS).map(([value, label]) => {
    const id = value ? `directory-where-${value.replace('_', '-')}` : 'directory-where-any';
    return html`<div class="radio"><input type="radio" id="${id}" name="where" value="${value}"${f.where === value ? ' checked' : ''}> <label for="${id}">${label}</label></div>`;
  });
  return html`<form class="filters directory-filters" id="directory-filters" method="get" action="${NETWORK_PAGES.directory}" role="search" aria-label="Find a network">
${summary}
<div class="field${qError ? ' has-error' : ''}" id="directory-q-field">
<label for="directory-q">Search networks</label>
<p class="hint" id="directory-q-hint">A name, a topic or a place, like “cataloguing” or “Leeds”</p>
${qError ? html`<p class="field-error" id="directory-q-error"><span class="visually-hidden">Error:</span> ${qError}</p>` : ''}
<input id="directory-q" name="q" type="search" value="${f.q}" maxlength="100" autocomplete="off" aria-describedby="${describedBy}"${qError ? ' aria-invalid="true"' : ''}>
</div>
<fieldset class="field${whereError ? ' has-error' : ''}" id="directory-where-field"${whereError ? html` aria-describedby="directory-where-error"` : ''}>
<legend>Where it meets</legend>
${whereError ? html`<p class="field-error" id="directory-where-error"><span class="visually-hidden">Error:</span> ${whereError}</p>` : ''}
<div class="radios radios-inline">${joinHtml(radios, '\n')}</div>
</fieldset>
<button type="submit" class="button" id="directory-search">Find networks</button>
</form>`;
}

export function directoryMain(view: DirectoryView): string {
  const { filters, applied, entries, errors } = view;
  const filtered = Boolean(applied.q || applied.where);
  return html`<h1>Networks</h1>
<p class="lead">Volunteer-run networks that hold free meetups for library and information people. Find one near you, or online. <a href="${NETWORK_PAGES.create}">Start a network</a>.</p>
${formHtml(filters, errors)}
<section class="directory" aria-label="Networks">
<p class="list-status" id="directory-status" role="status">${directoryStatusText(entries.length, applied)}${filtered ? html` <a href="${NETWORK_PAGES.directory}" id="clear-directory">See every network</a>` : ''}</p>
${entries.length ? html`<ul class="networks" id="networks">${joinHtml(entries.map(entryHtml), '\n')}</ul>` : ''}
</section>`.toString();
}

export function renderDirectoryPage(view: DirectoryView): string {
  const what = describeDirectoryFilters(view.applied);
  const filtered = Boolean(view.filters.q || view.filters.where);
  return renderPage({
    title: `${view.errors.length ? 'Error: ' : ''}${what ? `Networks ${what}` : 'Networks'} · Signpost`,
    description: 'Find a network that holds free meetups for library and information people, near you or online.',
    // Searches are for people; the directory itself is for search engines too.
    head: filtered ? '<meta name="robots" content="noindex, follow">' : `<link rel="canonical" href="${NETWORK_PAGES.directory}">`,
    main: directoryMain(view),
  });
}
