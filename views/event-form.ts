// Web pages: the event form markup, shared by "List a free meetup" (/new, server-rendered, a plain form post that
// works without JavaScript) and "Manage" (manage.html). Field ids and names match the API's field names, so its
// errors ('title', 'tags.1', ...) map straight onto inputs. Given values and errors, it renders the form as sent
// back: every value kept, a focused GOV.UK error summary, and each message beside its field.
import { html, joinHtml, type Html } from './html.ts';
import { COMMON_TIME_ZONES, TAG_SUGGESTIONS, ZONE_PLACES } from './suggestions.ts';
import { DEFAULT_TIMEZONE, MAX_OCCURRENCES, MAX_TAGS } from '#functions/core/event.ts';
import { describeRepeat, MIN_OCCURRENCES } from '#functions/core/recurrence.ts';
import { FORMAT_LABELS, FORMATS } from '#functions/core/formats.ts';
import { SITE_PAGES } from '#functions/core/paths.ts';
import type { FieldIssue } from '#functions/core/errors.ts';
import { CPD_FORMAT_LABELS, CPD_FORMATS, MAX_LEARNING_OUTCOMES, MAX_OUTCOME_LENGTH, PKSB_AREAS } from '#functions/core/cpd.ts';
import { CPD_HOURS_HINT, PKSB_AREAS_LABEL, pksbAreasHint } from '#functions/core/cpd-words.ts';

/** Field names in the order they appear on the form (the error summary follows it). */
export const EVENT_FORM_FIELDS = [
  'title',
  'description',
  'start',
  'end',
  'timezone',
  'repeat',
  'times',
  'format',
  'venue',
  'onlineUrl',
  'onlineUrlPublic',
  'capacity',
  'openToAll',
  'accessibility',
  'network',
  'tags',
  'cpdHours',
  'cpdOutcomes',
  'cpdAreas',
  'cpdFormat',
  'organiserName',
  'organiserEmail',
  'applyTo',
] as const;
export type EventFormField = (typeof EVENT_FORM_FIELDS)[number];
export const isEventFormField = (name: string): name is EventFormField => (EVENT_FORM_FIELDS as readonly string[]).includes(name);

/** Each field's label, as the form shows it: the summary names the field when a message alone would not. */
export const EVENT_FORM_LABELS: Record<EventFormField, string> = {
  title: 'Title',
  description: 'What will happen',
  start: 'Starts',
  end: 'Ends',
  timezone: 'Time zone',
  repeat: 'Repeats',
  times: 'How many times',
  format: 'How will people take part',
  venue: 'Venue name and address',
  onlineUrl: 'Joining link',
  onlineUrlPublic: 'Anyone may join: show the link publicly',
  capacity: 'Number of places',
  openToAll: 'Who is welcome',
  accessibility: 'Accessibility',
  network: 'Network',
  tags: 'Tags',
  cpdHours: 'CPD hours',
  cpdOutcomes: 'Learning outcomes',
  cpdAreas: PKSB_AREAS_LABEL,
  cpdFormat: 'Format of the session',
  organiserName: 'Your name',
  organiserEmail: 'Your email address',
  applyTo: 'Apply these changes to',
};

/** The API names CPD problems inside its `cpd` object (`cpd.hours`, `cpd.areas.2`); the form's inputs are `cpdHours`, … */
export function formFieldOf(field: string): string {
  const m = /^cpd\.(hours|outcomes|areas|format)(?:\.|$)/.exec(field);
  return m ? `cpd${m[1]!.charAt(0).toUpperCase()}${m[1]!.slice(1)}` : field;
}

/** "This field is required" far from its field needs the field's name. */
export const summaryText = (name: EventFormField, message: string) =>
  message === 'This field is required' ? `${EVENT_FORM_LABELS[name]}: this field is required` : message;

/** The hidden field that names a series, so sending the same form twice lists it once (events/series.ts). */
export const SERIES_KEY_FIELD = 'seriesKey';

/** "Repeats" choices; the monthly one's label names the first date's weekday once a start is known. */
export function repeatLabel(repeat: string, start: string): string {
  if (repeat === 'never') return 'Never: a single meetup';
  if (repeat === 'weekly' || repeat === 'fortnightly') return `Every ${repeat === 'weekly' ? 'week' : '2 weeks'}`;
  const date = /^\d{4}-\d{2}-\d{2}/.exec(start.trim())?.[0];
  const named = date && !Number.isNaN(Date.parse(`${date}T00:00Z`)) ? describeRepeat('monthly', date) : 'every month on the same weekday (such as the first Tuesday)';
  return named.charAt(0).toUpperCase() + named.slice(1);
}

/** The bot trap's field: hidden from people (and screen readers), filled by bots. */
export const BOT_TRAP_FIELD = 'website';

export interface EventFormOptions {
  mode: 'new' | 'edit';
  /** Heading level of section legends: 2 on the new page, 3 on the manage page (under "Edit the details"). */
  headingLevel: 2 | 3;
  /** The values as sent, when the form is shown again (checkboxes: present when ticked). */
  values?: Readonly<Record<string, string>>;
  /** Field errors to show; a field of 'body' (or an unknown one) goes in the summary only. */
  errors?: readonly FieldIssue[];
  /** Values an empty form starts with (a signed-in person's address and name). */
  prefill?: Readonly<Record<string, string>>;
  /**
   * The networks the person may list under (those they organise): the network field's choices, after "No network".
   * The manage page's script adds them (and the meetup's own network) itself.
   */
  networks?: readonly NetworkChoice[];
  /** Signed in: the network field's hint says where networks come from rather than offering to sign in. */
  signedIn?: boolean;
}

/** A network as the form's choice shows it: its slug is the value sent. */
export interface NetworkChoice {
  slug: string;
  name: string;
}

/** The network field's first choice, and what it sends. */
export const NO_NETWORK = { value: '', label: 'No network' } as const;

// ---- Errors, grouped by field, in form order ----

interface ShownErrors {
  byField: Map<EventFormField, string[]>;
  general: string[];
}

function groupErrors(issues: readonly FieldIssue[], values: Readonly<Record<string, string>>): ShownErrors {
  const byField = new Map<EventFormField, string[]>();
  const general: string[] = [];
  const tags = (values.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  for (const issue of issues) {
    const [key, index] = formFieldOf(issue.field).split('.');
    if (!key || !isEventFormField(key)) {
      if (!general.includes(issue.message)) general.push(issue.message);
      continue;
    }
    const tag = key === 'tags' && index !== undefined ? tags[Number(index)] : undefined;
    const message = tag ? `“${tag}”: ${issue.message}` : issue.message;
    const list = byField.get(key) ?? [];
    if (!list.includes(message)) list.push(message);
    byField.set(key, list);
  }
  return { byField, general };
}

/** The id a summary link moves focus to. */
const focusId = (name: EventFormField, values: Readonly<Record<string, string>>) =>
  name === 'format' ? `format-${FORMATS.includes(values.format as never) ? values.format : FORMATS[0]}` : name === 'applyTo' ? 'applyTo-this' : name === 'cpdAreas' ? `cpdAreas-${PKSB_AREAS[0].id}` : name;

function errorSummary(shown: ShownErrors, values: Readonly<Record<string, string>>, title = 'There is a problem'): Html {
  const items = [
    ...shown.general.map((m) => html`<li>${m}</li>`),
    ...EVENT_FORM_FIELDS.flatMap((name) =>
      (shown.byField.get(name) ?? []).map((m) => html`<li><a href="#${focusId(name, values)}" data-field="${name}">${summaryText(name, m)}</a></li>`),
    ),
  ];
  const open = items.length > 0;
  // Sent back with errors, the summary takes focus as the page loads (autofocus), so it is seen and read out first.
  return html`<div class="error-summary" id="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title"${open ? html` autofocus` : html` hidden`}>
<h2 id="error-summary-title">${title}</h2>
<ul id="error-summary-list">${joinHtml(items, '\n')}</ul>
</div>`;
}

const errorLines = (messages: readonly string[]) =>
  joinHtml(messages.map((m) => html`<span class="error-line"><span class="visually-hidden">Error: </span>${m}</span>`));

// ---- Fields ----

interface FieldOptions {
  name: EventFormField;
  hint?: string;
  optional?: boolean;
  control: (attrs: Html) => Html;
}

export function eventFormHtml({ mode, headingLevel, values = {}, errors = [], prefill = {}, networks = [], signedIn = false }: EventFormOptions): Html {
  const hN = (text: string) => html`<h${headingLevel}>${text}</h${headingLevel}>`;
  const isNew = mode === 'new';
  const sentBack = Object.keys(values).length > 0;
  const shown = groupErrors(errors, values);
  const value = (name: string, fallback = '') => (sentBack ? (values[name] ?? '') : (prefill[name] ?? fallback));
  const format = FORMATS.includes(values.format as never) ? (values.format as (typeof FORMATS)[number]) : 'in_person';

  /** aria-describedby and aria-invalid for a control: its hint, then its error. */
  const describe = (name: EventFormField, hasHint: boolean) => {
    const ids = [hasHint ? `${name}-hint` : '', shown.byField.has(name) ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`${ids ? html` aria-describedby="${ids}"` : ''}${shown.byField.has(name) ? html` aria-invalid="true"` : ''}`;
  };

  // Venue and joining link are both shown until the page script hides the one the format does not need.
  function field({ name, hint, optional, control }: FieldOptions): Html {
    const messages = shown.byField.get(name);
    return html`<div class="field${messages ? ' has-error' : ''}" id="${name}-field">
<label for="${name}">${EVENT_FORM_LABELS[name]}${optional ? html` <span class="optional">(optional)</span>` : ''}</label>
${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : ''}
<p class="field-error" id="${name}-error"${messages ? '' : html` hidden`}>${messages ? errorLines(messages) : ''}</p>
${control(describe(name, Boolean(hint)))}
</div>`;
  }

  const required = (yes: boolean) => (yes ? html` required` : '');
  /** `attrs` is the input's fixed attributes, written as markup: html`type="text" autocomplete="off"`. */
  const input = (name: EventFormField, attrs: Html, isRequired = true, fallback = '') => (aria: Html) =>
    html`<input id="${name}" name="${name}" ${attrs} value="${value(name, fallback)}"${required(isRequired)}${aria}>`;
  const textarea = (name: EventFormField, rows: number, isRequired = true, fallback = '') => (aria: Html) =>
    html`<textarea id="${name}" name="${name}" rows="${rows}"${required(isRequired)}${aria}>${value(name, fallback)}</textarea>`;

  const formatRadios = joinHtml(
    FORMATS.map(
      (f) => html`<div class="radio">
<input type="radio" id="format-${f}" name="format" value="${f}"${f === format ? html` checked` : ''}>
<label for="format-${f}">${FORMAT_LABELS[f]}</label>
</div>`,
    ),
    '\n',
  );
  /** "Repeats" and "How many times": a series of meetups, one per date, each its own. */
  const seriesFields = () => {
    const repeat = value('repeat', 'never') || 'never';
    const counts = Array.from({ length: MAX_OCCURRENCES - MIN_OCCURRENCES + 1 }, (_, i) => String(i + MIN_OCCURRENCES));
    // A count sent back that is none of the choices (a crafted post) shows the default, not the first choice.
    const sent = value('times', '6');
    const times = counts.includes(sent) ? sent : '6';
    return html`${field({
      name: 'repeat',
      hint: signedIn ? 'Each date is its own meetup, with its own places and RSVPs. Followers of your network hear of the series once.' : 'Sign in to list a series: each date is its own meetup, with its own places and RSVPs.',
      control: (aria) => html`<select id="repeat" name="repeat"${aria}>
${joinHtml(['never', 'weekly', 'fortnightly', 'monthly'].map((r) => html`<option value="${r}"${r === repeat ? html` selected` : ''}>${repeatLabel(r, value('start'))}</option>`), '\n')}
</select>`,
    })}
${field({
  name: 'times',
  hint: `With the first, ${MIN_OCCURRENCES} to ${MAX_OCCURRENCES}. Not used for a single meetup.`,
  control: (aria) => html`<select id="times" name="times" class="input-short"${aria}>
${joinHtml(counts.map((n) => html`<option value="${n}"${n === times ? html` selected` : ''}>${n}</option>`), '\n')}
</select>`,
})}
<input type="hidden" name="${SERIES_KEY_FIELD}" value="${values[SERIES_KEY_FIELD] ?? prefill[SERIES_KEY_FIELD] ?? ''}">`;
  };
  /** Editing one meetup of a series: this one, or it and every later one (the manage page shows it for a series). */
  const applyToField = () => {
    const messages = shown.byField.get('applyTo');
    const applyTo = values.applyTo === 'later' ? 'later' : 'this';
    const radio = (v: 'this' | 'later', label: string) => html`<div class="radio">
<input type="radio" id="applyTo-${v}" name="applyTo" value="${v}"${v === applyTo ? html` checked` : ''}>
<label for="applyTo-${v}">${label}</label>
</div>`;
    return html`<div class="field${messages ? ' has-error' : ''}" id="applyTo-field" hidden>
<p class="label" id="applyTo-label">${EVENT_FORM_LABELS.applyTo}</p>
<p class="hint" id="applyTo-hint">This meetup is part of a series. For later ones, a new time of day, place, joining link or description is copied; their dates stay. Everyone with a place hears of the change.</p>
<p class="field-error" id="applyTo-error"${messages ? '' : html` hidden`}>${messages ? errorLines(messages) : ''}</p>
<div class="radios" role="radiogroup" id="applyTo-group" aria-labelledby="applyTo-label" aria-describedby="applyTo-hint">
${radio('this', 'This meetup only')}
${radio('later', 'This and all later ones in the series')}
</div>
</div>`;
  };
  /**
   * CPD details, all optional: collapsed unless something is set or wrong, so the form stays short for most. A
   * details element opens without JavaScript too.
   */
  const cpdFieldset = () => {
    const names = ['cpdHours', 'cpdOutcomes', 'cpdAreas', 'cpdFormat'] as const;
    const open = names.some((n) => value(n).trim() || shown.byField.has(n));
    const ticked = new Set(value('cpdAreas').split(',').map((a) => a.trim()));
    const areaErrors = shown.byField.get('cpdAreas');
    const chosenFormat = value('cpdFormat');
    return html`<fieldset class="section" id="cpd-section" aria-describedby="cpd-hint">
<legend>${hN('CPD (optional)')}</legend>
<p class="hint" id="cpd-hint">Librarians log meetups like this for CILIP revalidation, Chartership and other CPD schemes. What you give here is shown on the event page as “Counts towards your CPD”. Under a network with CPD defaults, a new meetup takes the network’s hours when it sets none, and its outcomes, PKSB areas and format when it sets none of those.</p>
<details class="subscribe-more cpd-more" id="cpd-more"${open ? html` open` : ''}>
<summary>Add CPD hours, learning outcomes, PKSB areas and format</summary>
${field({
  name: 'cpdHours',
  optional: true,
  hint: `${CPD_HOURS_HINT}, up to 24. Leave blank to count the meetup’s length.`,
  control: input('cpdHours', html`type="text" inputmode="decimal" autocomplete="off" class="input-short"`, false),
})}
${field({
  name: 'cpdOutcomes',
  optional: true,
  hint: `Up to ${MAX_LEARNING_OUTCOMES}, one per line, each up to ${MAX_OUTCOME_LENGTH} characters. For example: Know three ways to reach people who never visit the library.`,
  control: textarea('cpdOutcomes', 4, false),
})}
<div class="field${areaErrors ? ' has-error' : ''}" id="cpdAreas-field">
<fieldset id="cpdAreas-group" aria-describedby="cpdAreas-hint${areaErrors ? ' cpdAreas-error' : ''}"${areaErrors ? html` aria-invalid="true"` : ''}>
<legend class="label">${EVENT_FORM_LABELS.cpdAreas} <span class="optional">(optional)</span></legend>
<p class="hint" id="cpdAreas-hint">${pksbAreasHint('this meetup covers')}. Tick any that apply.</p>
<p class="field-error" id="cpdAreas-error"${areaErrors ? '' : html` hidden`}>${areaErrors ? errorLines(areaErrors) : ''}</p>
${joinHtml(
  PKSB_AREAS.map(
    (a) => html`<div class="checkbox">
<input type="checkbox" id="cpdAreas-${a.id}" name="cpdAreas" value="${a.id}"${ticked.has(a.id) ? html` checked` : ''}>
<label for="cpdAreas-${a.id}">${a.name}</label>
</div>`,
  ),
  '\n',
)}
</fieldset>
</div>
${field({
  name: 'cpdFormat',
  optional: true,
  hint: 'What kind of session it is, for people’s CPD records.',
  control: (aria) => html`<select id="cpdFormat" name="cpdFormat"${aria}>
<option value=""${chosenFormat ? '' : html` selected`}>Not set</option>
${joinHtml(CPD_FORMATS.map((f) => html`<option value="${f}"${f === chosenFormat ? html` selected` : ''}>${CPD_FORMAT_LABELS[f]}</option>`), '\n')}
</select>`,
})}
</details>
</fieldset>`;
  };
  const formatErrors = shown.byField.get('format');
  const linkPublic = sentBack && values.onlineUrlPublic !== undefined;
  const publicErrors = shown.byField.get('onlineUrlPublic');

  return html`<form id="event-form" class="event-form" data-mode="${mode}" method="post"${isNew ? html` action="${SITE_PAGES.newMeetup}"` : ''} novalidate>
${errorSummary(shown, values)}
${isNew ? '' : html`<div class="notice notice-success" id="saved-notice" tabindex="-1" hidden></div>`}

<fieldset class="section">
<legend>${hN('The meetup')}</legend>
${field({ name: 'title', hint: 'For example: New Professionals lunch club, or #uklibchat TeachMeet.', control: input('title', html`type="text" autocomplete="off" spellcheck="true"`) })}
${field({
  name: 'description',
  hint: 'Plain text. Blank lines start a new paragraph and web addresses become links.',
  control: textarea('description', 8),
})}
</fieldset>

<fieldset class="section" aria-describedby="when-hint">
<legend>${hN('When')}</legend>
<p class="hint" id="when-hint">Use the local time where the meetup happens. If your browser shows plain text boxes, type the date and time like 2026-12-03T18:30.</p>
${field({ name: 'start', control: input('start', html`type="datetime-local"`) })}
${field({ name: 'end', control: input('end', html`type="datetime-local"`) })}
${field({
  name: 'timezone',
  hint: 'Where the meetup’s clock is. People in other zones also see the time in their own.',
  control: (aria) => timeZoneControl(value('timezone', DEFAULT_TIMEZONE) || DEFAULT_TIMEZONE, aria),
})}
${isNew ? seriesFields() : ''}
</fieldset>

<fieldset class="section">
<legend>${hN('Where')}</legend>
<div class="field${formatErrors ? ' has-error' : ''}" id="format-field">
<p class="label" id="format-label">${EVENT_FORM_LABELS.format}?</p>
<p class="field-error" id="format-error"${formatErrors ? '' : html` hidden`}>${formatErrors ? errorLines(formatErrors) : ''}</p>
<div class="radios" role="radiogroup" id="format-group" aria-labelledby="format-label"${formatErrors ? html` aria-describedby="format-error" aria-invalid="true"` : ''}>
${formatRadios}
</div>
</div>
${field({ name: 'venue', hint: 'Put each part of the address on its own line. Leave it blank for an online meetup.', control: textarea('venue', 4, false) })}
${field({
  name: 'onlineUrl',
  hint: 'The full web address people use to join, starting with https://. Leave it blank for an in-person meetup.',
  control: input('onlineUrl', html`type="url" inputmode="url" autocomplete="off" spellcheck="false"`, false),
})}
<div class="field${publicErrors ? ' has-error' : ''}" id="onlineUrlPublic-field">
<p class="field-error" id="onlineUrlPublic-error"${publicErrors ? '' : html` hidden`}>${publicErrors ? errorLines(publicErrors) : ''}</p>
<div class="checkbox">
<input type="checkbox" id="onlineUrlPublic" name="onlineUrlPublic" value="yes"${linkPublic ? html` checked` : ''} aria-describedby="onlineUrlPublic-hint${publicErrors ? ' onlineUrlPublic-error' : ''}">
<label for="onlineUrlPublic">${EVENT_FORM_LABELS.onlineUrlPublic}</label>
</div>
<p class="hint checkbox-hint" id="onlineUrlPublic-hint">Unticked, the link goes only to people with a confirmed place: in their emails, reminders and calendar. Tick it for an open webinar anyone may join.</p>
</div>
${field({
  name: 'capacity',
  optional: true,
  hint: isNew
    ? 'Leave blank if there is no limit. People reserve a place on the event page; when it is full they can join a waitlist.'
    : 'Leave blank if there is no limit. Raising the number gives the new places to people on the waitlist, in order. Lowering it never takes a place away from anyone who already has one.',
  control: input('capacity', html`type="text" inputmode="numeric" autocomplete="off" class="input-short"`, false),
})}
</fieldset>

<fieldset class="section">
<legend>${hN('Who can come')}</legend>
<p class="free-note"><strong>Every meetup on Signpost is free.</strong> There is no price field: if people have to pay, please list it elsewhere.</p>
${field({
  name: 'openToAll',
  optional: true,
  hint: 'Shown on the event page. Every meetup on Signpost is open to everyone, not just members: say so in your own words, and who will especially enjoy it.',
  control: textarea('openToAll', 2, false, isNew ? OPEN_TO_ALL_SUGGESTION : ''),
})}
${field({
  name: 'accessibility',
  optional: true,
  hint: 'For example: step-free entrance, hearing loop, live captions, quiet room, nearest accessible parking.',
  control: textarea('accessibility', 4, false),
})}
</fieldset>

<fieldset class="section">
<legend>${hN('Help people find it')}</legend>
${field({
  name: 'network',
  optional: true,
  hint: isNew && !signedIn
    ? 'Only a network’s organisers can list under it. Sign in to choose one of your networks.'
    : 'Networks you organise. People can see all meetups of a network on its page and in its calendar feed.',
  control: (aria) => networkControl(value('network'), networks, aria),
})}
${field({
  name: 'tags',
  optional: true,
  hint: `Separate tags with commas, up to ${MAX_TAGS}. For example: TeachMeet, CPD, school libraries.`,
  control: input('tags', html`type="text" list="tag-suggestions" autocomplete="off"`, false),
})}
<datalist id="tag-suggestions">
${joinHtml(TAG_SUGGESTIONS.map((t) => html`<option value="${t}"></option>`), '\n')}
</datalist>
</fieldset>

${cpdFieldset()}

<fieldset class="section">
<legend>${hN('About you')}</legend>
${field({ name: 'organiserName', hint: 'Shown on the event page as the organiser.', control: input('organiserName', html`type="text" autocomplete="name"`) })}
${field({
  name: 'organiserEmail',
  hint: isNew && signedIn
    ? 'With your own address (you are signed in), the meetup is published at once. With another address, we email that address a link to confirm it. The address is not shown on the event page; emails to attendees have it as their reply-to address (or, for a network’s meetup, the network’s contact address).'
    : isNew
    ? 'We email you a link to confirm the meetup. The address is not shown on the event page, but emails to attendees about this meetup have it as their reply-to address, so when someone replies, they see it and their reply comes to you.'
    : 'Not shown on the event page. Emails to attendees about this meetup have it as their reply-to address, so replies come to you and the sender sees it. If you change it, we email the new address a link to confirm the change.',
  control: input('organiserEmail', html`type="email" autocomplete="email" spellcheck="false"`),
})}
</fieldset>
${isNew ? '' : applyToField()}
${isNew
  ? html`<div class="visually-hidden" aria-hidden="true">
<label for="${BOT_TRAP_FIELD}">Leave this empty</label>
<input id="${BOT_TRAP_FIELD}" name="${BOT_TRAP_FIELD}" type="text" tabindex="-1" autocomplete="off">
</div>`
  : ''}

<p class="form-status" id="form-status" role="status"></p>
<div class="actions">
<button type="submit" class="button" id="submit-button">${isNew ? (signedIn ? 'List this meetup' : 'Send me the confirmation link') : 'Save changes'}</button>
</div>
</form>`;
}

/**
 * "No network", then each network the person organises. A value that is none of them (the meetup's own network, or a
 * choice sent back) stays chosen as it was, so sending the form again keeps it.
 */
function networkControl(selected: string, networks: readonly NetworkChoice[], aria: Html): Html {
  const choices = networks.some((n) => n.slug === selected) || !selected ? [...networks] : [...networks, { slug: selected, name: selected }];
  const option = (value: string, label: string) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
  return html`<select id="network" name="network"${aria}>
${option(NO_NETWORK.value, NO_NETWORK.label)}
${joinHtml(choices.map((n) => option(n.slug, n.name)), '\n')}
</select>`;
}

export const OPEN_TO_ALL_SUGGESTION = 'Free and open to everyone, not just members.';

// ---- Time zones: every IANA zone, grouped by region, with a search box the page script adds ----

/** Older names some engines still list, and the names people know now. */
const RENAMED: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

export interface ZoneOption {
  zone: string;
  /** The place, as people say it: "New York", "Buenos Aires (Argentina)". */
  label: string;
  /** Extra words a search matches: "UK", "US Eastern". */
  keywords: string;
}

const place = (part: string) => part.replace(/_/g, ' ');

const knownZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
/** The current name, where this engine accepts it (the schema checks zones with the same Intl). */
const currentName = (zone: string) => (RENAMED[zone] && knownZone(RENAMED[zone]) ? RENAMED[zone] : zone);

function zoneOption(zone: string): ZoneOption {
  const parts = zone.split('/');
  const city = place(parts.at(-1)!);
  const label = parts.length > 2 ? `${city} (${place(parts[1]!)})` : city;
  const common = COMMON_TIME_ZONES.find((z) => z.zone === zone)?.label ?? '';
  const keywords = [common, ZONE_PLACES[zone] ?? ''].filter(Boolean).join(' ');
  return { zone, label: zone === 'UTC' ? 'UTC (Coordinated Universal Time)' : label, keywords };
}

/** Every zone this engine knows, plus the common ones, grouped by region ("Europe", "America", …) in A–Z order. */
export function zoneGroups(): { region: string; zones: ZoneOption[] }[] {
  let known: string[] = [];
  try {
    known = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    known = [];
  }
  const zones = new Set([...known.map(currentName), ...COMMON_TIME_ZONES.map((z) => z.zone).filter(knownZone)]);
  const groups = new Map<string, ZoneOption[]>();
  for (const zone of zones) {
    const region = zone.includes('/') ? zone.split('/')[0]! : 'Other';
    groups.set(region, [...(groups.get(region) ?? []), zoneOption(zone)]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === 'Other' ? 1 : b === 'Other' ? -1 : a.localeCompare(b)))
    .map(([region, list]) => ({ region, zones: list.sort((a, b) => a.label.localeCompare(b.label)) }));
}

/**
 * A plain select of every zone, grouped by region, which works without JavaScript. The page script adds a search
 * box (#timezone-search) that narrows the list as you type.
 */
function timeZoneControl(selected: string, aria: Html): Html {
  const groups = zoneGroups();
  if (!groups.some((g) => g.zones.some((z) => z.zone === selected))) groups.unshift({ region: 'Chosen', zones: [zoneOption(selected)] });
  const options = groups.map(
    ({ region, zones }) => html`<optgroup label="${region}">
${joinHtml(zones.map((z) => html`<option value="${z.zone}"${z.keywords ? html` data-keywords="${z.keywords}"` : ''}${z.zone === selected ? html` selected` : ''}>${z.label}</option>`), '\n')}
</optgroup>`,
  );
  return html`<div class="zone-search js-only" hidden>
<label for="timezone-search" class="zone-search-label">Search for a place or time zone <span class="optional">(optional)</span></label>
<input id="timezone-search" type="search" autocomplete="off" spellcheck="false" aria-controls="timezone" aria-describedby="timezone-search-status">
<p class="hint zone-search-status" id="timezone-search-status" role="status" aria-live="polite"></p>
</div>
<select id="timezone" name="timezone" required${aria}>
${joinHtml(options, '\n')}
</select>`;
}
