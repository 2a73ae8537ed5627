// Views: the network form (create at /networks/new, edit on the manage page) and the small form kit the team's
// pages share: a GOV.UK error summary that takes focus, each message beside its field, every value kept. Field
// names are the schema's (functions/networks/network.schema.ts), so the server's issues land on their inputs.
import { html, joinHtml, type Html } from './html.ts';
import { renderPage } from './layout.ts';
import type { FieldIssue } from '#functions/core/errors.ts';
import { NETWORK_LINK_KINDS, NETWORK_LINK_LABELS } from '#functions/core/network.ts';
import { NETWORK_PAGES } from '#functions/core/paths.ts';
import { CPD_FORMAT_LABELS, CPD_FORMATS, hoursOf, MAX_LEARNING_OUTCOMES, MAX_OUTCOME_LENGTH, PKSB_AREAS } from '#functions/core/cpd.ts';
import { CPD_HOURS_HINT, PKSB_AREAS_LABEL, pksbAreasHint } from '#functions/core/cpd-words.ts';
import type { CpdDefaults } from '#functions/core/network.ts';

/** The form's fields in order; the error summary follows it. */
export const NETWORK_FORM_FIELDS = [
  'name', 'slug', 'tagline', 'description', 'accent', 'whereKind', 'place', ...NETWORK_LINK_KINDS, 'topics', 'contactEmail', 'yourName', 'showName', 'stillComingEveryMeetup',
  'cpdHours', 'cpdOutcomes', 'cpdAreas', 'cpdFormat',
] as const;

/** A network's CPD defaults as the edit form's values (areas comma-separated, as a form post sent back keeps them). */
export const cpdDefaultsValues = (d: CpdDefaults | undefined): Record<string, string> => ({
  cpdHours: d?.quarters !== undefined ? String(hoursOf(d.quarters)) : '',
  cpdOutcomes: (d?.outcomes ?? []).join('\n'),
  cpdAreas: (d?.areas ?? []).join(','),
  cpdFormat: d?.format ?? '',
});

// ---- The kit ----

export interface ShownErrors {
  byField: Map<string, string[]>;
  general: string[];
}

/** Issues grouped by the field they name (`topics.2` is `topics`); unknown fields go in the summary only. */
export function groupIssues(issues: readonly FieldIssue[], fields: readonly string[]): ShownErrors {
  const byField = new Map<string, string[]>();
  const general: string[] = [];
  for (const { field, message } of issues) {
    const key = field.split('.')[0]!;
    if (!fields.includes(key)) {
      if (!general.includes(message)) general.push(message);
      continue;
    }
    const list = byField.get(key) ?? [];
    if (!list.includes(message)) list.push(message);
    byField.set(key, list);
  }
  return { byField, general };
}

/** The summary, focused as the page loads when it has anything to say. `focus` maps a field to its input's id. */
export function errorSummary(shown: ShownErrors, fields: readonly string[], prefix: string, focus: (field: string) => string = (f) => `${prefix}${f}`): Html {
  const items = [
    ...shown.general.map((m) => html`<li>${m}</li>`),
    ...fields.flatMap((f) => (shown.byField.get(f) ?? []).map((m) => html`<li><a href="#${focus(f)}">${m}</a></li>`)),
  ];
  const open = items.length > 0;
  return html`<div class="error-summary" id="${prefix}error-summary" role="alert" tabindex="-1" aria-labelledby="${prefix}error-summary-title"${open ? html` autofocus` : html` hidden`}>
<h2 id="${prefix}error-summary-title">There is a problem</h2>
<ul>${joinHtml(items, '\n')}</ul>
</div>`;
}

const errorLines = (messages: readonly string[]) =>
  joinHtml(messages.map((m) => html`<span class="error-line"><span class="visually-hidden">Error: </span>${m}</span>`));

export interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  optional?: boolean;
  /** The control, given its id and its aria attributes (hint and error). */
  control: (id: string, aria: Html) => Html;
}

/** One labelled field: hint, error and control, with the error and hint announced with the control. */
export function fieldHtml(shown: ShownErrors, prefix: string, { name, label, hint, optional, control }: FieldSpec): Html {
  const id = `${prefix}${name}`;
  const messages = shown.byField.get(name);
  const ids = [hint ? `${id}-hint` : '', messages ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria = html`${ids ? html` aria-describedby="${ids}"` : ''}${messages ? html` aria-invalid="true"` : ''}`;
  return html`<div class="field${messages ? ' has-error' : ''}" id="${id}-field">
<label for="${id}">${label}${optional ? html` <span class="optional">(optional)</span>` : ''}</label>
${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
${messages ? html`<p class="field-error" id="${id}-error">${errorLines(messages)}</p>` : ''}
${control(id, aria)}
</div>`;
}

export const textInput = (name: string, value: string, attrs: Html | string = '') => (id: string, aria: Html) =>
  html`<input id="${id}" name="${name}" type="text" value="${value}"${attrs}${aria}>`;

export const checkboxHtml = (prefix: string, name: string, label: string, checked: boolean, hint?: string) =>
  html`<div class="checkbox">
<input type="checkbox" id="${prefix}${name}" name="${name}" value="yes"${checked ? html` checked` : ''}${hint ? html` aria-describedby="${prefix}${name}-hint"` : ''}>
<label for="${prefix}${name}">${label}</label>
</div>
${hint ? html`<p class="hint checkbox-hint" id="${prefix}${name}-hint">${hint}</p>` : ''}`;

// ---- The network form ----

export interface NetworkFormOptions {
  mode: 'new' | 'edit';
  /** Where it posts. */
  action: string;
  values: Readonly<Record<string, string>>;
  errors?: readonly FieldIssue[];
  /** Edit: the slug shown (never changed) and the version read. */
  slug?: string;
  version?: number;
}

export function networkFormHtml({ mode, action, values, errors = [], slug, version }: NetworkFormOptions): Html {
  const p = 'network-';
  const shown = groupIssues(errors, NETWORK_FORM_FIELDS);
  const v = (name: string) => values[name] ?? '';
  const f = (spec: FieldSpec) => fieldHtml(shown, p, spec);
  const where = v('whereKind') === 'online' ? 'online' : v('whereKind') === 'place' ? 'place' : '';
  const focus = (field: string) => (field === 'whereKind' ? `${p}whereKind-online` : field === 'cpdAreas' ? `${p}cpdAreas-${PKSB_AREAS[0].id}` : `${p}${field}`);
  const whereMessages = shown.byField.get('whereKind');
  const isNew = mode === 'new';

  return html`<form class="network-form" id="network-form" method="post" action="${action}" novalidate>
${errorSummary(shown, NETWORK_FORM_FIELDS, p, focus)}
${version !== undefined ? html`<input type="hidden" name="version" value="${String(version)}">` : ''}
${f({ name: 'name', label: 'Name', hint: 'As people know it, like “Manchester NLPN” or “#uklibchat”. Up to 80 characters.', control: textInput('name', v('name'), html` maxlength="80" autocomplete="off"`) })}
${isNew
  ? f({
      name: 'slug', label: 'Address', optional: true,
      hint: 'The end of the network page’s address: /networks/your-address. Lower-case letters, digits and hyphens, 3 to 40 characters. Leave it blank and we make one from the name. It cannot be changed later.',
      control: textInput('slug', v('slug'), html` maxlength="40" autocomplete="off" autocapitalize="none" spellcheck="false"`),
    })
  : html`<p>Page address: <a href="${NETWORK_PAGES.page(slug ?? '')}">${NETWORK_PAGES.page(slug ?? '')}</a> (it cannot be changed)</p>`}
${f({ name: 'tagline', label: 'Tagline', hint: 'One line saying who the network is for. Up to 140 characters.', control: textInput('tagline', v('tagline'), html` maxlength="140"`) })}
${f({
  name: 'description', label: 'About the network', optional: true,
  hint: 'Plain text: line breaks are kept and web addresses become links. Up to 5,000 characters.',
  control: (id, aria) => html`<textarea id="${id}" name="description" rows="8"${aria}>${v('description')}</textarea>`,
})}
${f({
  name: 'accent', label: 'Accent colour',
  hint: 'Used for headings, links and buttons on the network page. It must be dark enough to read on white and to carry white button text (a contrast of 4.5:1). Type it as # and six digits, like #1d4e89, if your browser shows a text box.',
  control: (id, aria) => html`<input id="${id}" name="accent" type="color" value="${v('accent') || '#1d4e89'}"${aria}>
<p class="contrast-feedback" id="${id}-feedback" aria-live="polite" hidden></p>`,
})}
<div class="field${whereMessages ? ' has-error' : ''}" id="${p}whereKind-field">
<fieldset${whereMessages ? html` aria-describedby="${p}whereKind-error"` : ''}>
<legend class="label">Where does it meet?</legend>
${whereMessages ? html`<p class="field-error" id="${p}whereKind-error">${errorLines(whereMessages)}</p>` : ''}
<div class="radios">
<div class="radio"><input type="radio" id="${p}whereKind-online" name="whereKind" value="online"${where === 'online' ? html` checked` : ''}><label for="${p}whereKind-online">Online</label></div>
<div class="radio"><input type="radio" id="${p}whereKind-place" name="whereKind" value="place"${where === 'place' ? html` checked` : ''}><label for="${p}whereKind-place">In a town or region</label></div>
</div>
</fieldset>
</div>
${f({ name: 'place', label: 'Town or region', optional: true, hint: 'If it meets in person, like “Manchester” or “North West England”.', control: textInput('place', v('place'), html` maxlength="80"`) })}
<h2>Links</h2>
<p class="hint">Each is optional: a full address starting with https://</p>
${joinHtml(
  NETWORK_LINK_KINDS.map((k) =>
    f({ name: k, label: NETWORK_LINK_LABELS[k], optional: true, control: (id, aria) => html`<input id="${id}" name="${k}" type="url" inputmode="url" spellcheck="false" value="${v(k)}"${aria}>` }),
  ),
  '\n',
)}
${f({ name: 'topics', label: 'Topics', optional: true, hint: 'Up to 8, separated by commas, like “cataloguing, school libraries”. They help people find the network.', control: textInput('topics', v('topics')) })}
${f({
  name: 'contactEmail', label: 'Contact address', optional: isNew,
  hint: isNew
    ? 'Replies from people coming to the network’s meetups go here. Leave it blank to use your own address. It is never shown on any page.'
    : 'Replies from people coming to the network’s meetups go here. It is never shown on any page.',
  control: (id, aria) => html`<input id="${id}" name="contactEmail" type="email" autocomplete="email" spellcheck="false" value="${v('contactEmail')}"${aria}>`,
})}
${isNew
  ? html`<h2>You, on the team</h2>
${f({ name: 'yourName', label: 'Your name', hint: 'Your team sees it. The network page shows only your first name, and only if you tick the box below.', control: textInput('yourName', v('yourName'), html` autocomplete="name" maxlength="100"`) })}
${checkboxHtml(p, 'showName', 'Show my first name on the network page', v('showName') === 'yes')}`
  : html`<h2>Meetups</h2>
${checkboxHtml(p, 'stillComingEveryMeetup', 'Ask “Still coming?” for every meetup', v('stillComingEveryMeetup') === 'yes',
  'A few days before each meetup, people with a place are asked whether they are still coming, and those who are not give their place to the waitlist. Without this, it is asked only for meetups with a limit on places; the organiser of each meetup can still turn it off or on.')}
${cpdDefaultsHtml(shown, p, v)}`}
<div class="actions">
<button type="submit" class="button" id="network-submit">${isNew ? 'Create the network' : 'Save changes'}</button>
</div>
</form>`;
}

/**
 * The network's CPD defaults: copied into each new meetup listed under it that sets no CPD details of its own (so a
 * later change here leaves past meetups as they were). Hours only when set: otherwise each meetup counts its own length.
 */
function cpdDefaultsHtml(shown: ShownErrors, p: string, v: (name: string) => string): Html {
  const ticked = new Set(v('cpdAreas').split(',').map((a) => a.trim()));
  const areaErrors = shown.byField.get('cpdAreas');
  const format = v('cpdFormat');
  return html`<fieldset class="section" id="${p}cpd-section" aria-describedby="${p}cpd-hint">
<legend><h3>CPD (optional)</h3></legend>
<p class="hint" id="${p}cpd-hint">Defaults for the “Counts towards your CPD” section of new meetups listed under the network. A meetup that sets its own keeps them; meetups already listed do not change.</p>
${fieldHtml(shown, p, {
  name: 'cpdHours', label: 'CPD hours', optional: true,
  hint: `${CPD_HOURS_HINT}, up to 24. Leave blank to count each meetup’s length.`,
  control: (id, aria) => html`<input id="${id}" name="cpdHours" type="text" inputmode="decimal" autocomplete="off" class="input-short" value="${v('cpdHours')}"${aria}>`,
})}
${fieldHtml(shown, p, {
  name: 'cpdOutcomes', label: 'Learning outcomes', optional: true,
  hint: `Up to ${MAX_LEARNING_OUTCOMES}, one per line, each up to ${MAX_OUTCOME_LENGTH} characters.`,
  control: (id, aria) => html`<textarea id="${id}" name="cpdOutcomes" rows="4"${aria}>${v('cpdOutcomes')}</textarea>`,
})}
<div class="field${areaErrors ? ' has-error' : ''}" id="${p}cpdAreas-field">
<fieldset id="${p}cpdAreas-group" aria-describedby="${p}cpdAreas-hint${areaErrors ? html` ${p}cpdAreas-error` : ''}"${areaErrors ? html` aria-invalid="true"` : ''}>
<legend class="label">${PKSB_AREAS_LABEL} <span class="optional">(optional)</span></legend>
<p class="hint" id="${p}cpdAreas-hint">${pksbAreasHint('the network’s meetups usually cover')}.</p>
${areaErrors ? html`<p class="field-error" id="${p}cpdAreas-error">${errorLines(areaErrors)}</p>` : ''}
${joinHtml(
  PKSB_AREAS.map(
    (a) => html`<div class="checkbox">
<input type="checkbox" id="${p}cpdAreas-${a.id}" name="cpdAreas" value="${a.id}"${ticked.has(a.id) ? html` checked` : ''}>
<label for="${p}cpdAreas-${a.id}">${a.name}</label>
</div>`,
  ),
  '\n',
)}
</fieldset>
</div>
${fieldHtml(shown, p, {
  name: 'cpdFormat', label: 'Format of the session', optional: true,
  hint: 'What kind of session the meetups usually are, for people’s CPD records.',
  control: (id, aria) => html`<select id="${id}" name="cpdFormat"${aria}>
<option value=""${format ? '' : html` selected`}>Not set</option>
${joinHtml(CPD_FORMATS.map((f) => html`<option value="${f}"${f === format ? html` selected` : ''}>${CPD_FORMAT_LABELS[f]}</option>`), '\n')}
</select>`,
})}
</fieldset>`;
}

const TITLE = 'Create a network';

export function renderNewNetworkPage(values: Readonly<Record<string, string>>, errors: readonly FieldIssue[] = []): string {
  const main = html`<h1>${TITLE}</h1>
<p class="lead">A network is the group behind a series of meetups: its own page on Signpost, its team, and its meetups in one place. You will be its first organiser, and can invite others to help.</p>
${networkFormHtml({ mode: 'new', action: NETWORK_PAGES.create, values, errors })}`.toString();
  return renderPage({
    title: `${errors.length ? 'Error: ' : ''}${TITLE} · Signpost`,
    description: 'Create a network on Signpost: its page, its team and its meetups.',
    head: '<meta name="robots" content="noindex">',
    main,
  });
}

/** After creating: where the network stands and what to do next. */
export function renderNetworkCreatedPage(network: { slug: string; name: string; status: 'active' | 'pending' }): string {
  const main = html`<div class="panel panel-success" tabindex="-1">
<h1>${network.name} is ready</h1>
${network.status === 'pending'
  ? html`<p>It waits for the people who run this Signpost site to approve it. Until then only its team can see it, and no meetup can be listed under it.</p>`
  : html`<p>Its page is <a href="${NETWORK_PAGES.page(network.slug)}">${NETWORK_PAGES.page(network.slug)}</a>.</p>`}
</div>
<ul class="link-list">
<li><a href="${NETWORK_PAGES.manage(network.slug)}">Invite your team and manage the network</a></li>
<li><a href="/new">List a meetup under it</a></li>
</ul>`.toString();
  return renderPage({ title: `${network.name} is ready · Signpost`, description: `${network.name} is ready`, head: '<meta name="robots" content="noindex">', main });
}
