// Web pages: the event form markup, shared by "List a free meetup" (new.html) and "Manage" (manage.html).
// Field ids and names match the API's field names, so its errors ('title', 'tags.1', ...) map straight onto inputs.
import { html, joinHtml, type Html } from './html.ts';
import { COMMON_TIME_ZONES, TAG_SUGGESTIONS } from './suggestions.ts';
import { DEFAULT_TIMEZONE, MAX_TAGS } from '#functions/core/event.ts';
import { FORMAT_LABELS, FORMATS } from '#functions/core/formats.ts';

export interface EventFormOptions {
  mode: 'new' | 'edit';
  /** Heading level of section legends: 2 on the new page, 3 on the manage page (under "Edit the details"). */
  headingLevel: 2 | 3;
}

interface FieldOptions {
  name: string;
  label: string;
  hint?: string;
  optional?: boolean;
  control: (describedBy: string) => Html;
  hidden?: boolean;
}

function field({ name, label, hint, optional, control, hidden }: FieldOptions): Html {
  const describedBy = hint ? `${name}-hint` : '';
  return html`<div class="field" id="${name}-field"${hidden ? html` hidden` : ''}>
<label for="${name}">${label}${optional ? html` <span class="optional">(optional)</span>` : ''}</label>
${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : ''}
<p class="field-error" id="${name}-error" hidden></p>
${control(describedBy)}
</div>`;
}

const describedByAttr = (ids: string) => (ids ? html` aria-describedby="${ids}"` : '');
const requiredAttr = (required: boolean) => (required ? html` required` : '');

/** `attrs` is the input's fixed attributes, written as markup: html`type="text" autocomplete="off"`. */
const input = (name: string, attrs: Html, required = true) => (describedBy: string) =>
  html`<input id="${name}" name="${name}" ${attrs}${requiredAttr(required)}${describedByAttr(describedBy)}>`;

const textarea = (name: string, rows: number, required = true, value = '') => (describedBy: string) =>
  html`<textarea id="${name}" name="${name}" rows="${rows}"${requiredAttr(required)}${describedByAttr(describedBy)}>${value}</textarea>`;

const timeZoneSelect = (describedBy: string) =>
  html`<select id="timezone" name="timezone" required${describedByAttr(describedBy)}>
${joinHtml(COMMON_TIME_ZONES.map(({ zone, label }) => html`<option value="${zone}"${zone === DEFAULT_TIMEZONE ? html` selected` : ''}>${label} – ${zone}</option>`), '\n')}
</select>`;

export const OPEN_TO_ALL_SUGGESTION = 'Free and open to everyone, not just members.';

export function eventFormHtml({ mode, headingLevel }: EventFormOptions): Html {
  const hN = (text: string) => html`<h${headingLevel}>${text}</h${headingLevel}>`;
  const isNew = mode === 'new';
  const formatRadios = joinHtml(
    FORMATS.map(
      (f) => html`<div class="radio">
<input type="radio" id="format-${f}" name="format" value="${f}"${f === 'in_person' ? html` checked` : ''}>
<label for="format-${f}">${FORMAT_LABELS[f]}</label>
</div>`,
    ),
    '\n',
  );

  return html`<form id="event-form" class="event-form" novalidate>
<div class="error-summary" id="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" hidden>
<h2 id="error-summary-title">There is a problem</h2>
<ul id="error-summary-list"></ul>
</div>
${isNew ? '' : html`<div class="notice notice-success" id="saved-notice" tabindex="-1" hidden></div>`}

<fieldset class="section">
<legend>${hN('The meetup')}</legend>
${field({ name: 'title', label: 'Title', hint: 'For example: New Professionals lunch club, or #uklibchat TeachMeet.', control: input('title', html`type="text" autocomplete="off" spellcheck="true"`) })}
${field({
  name: 'description',
  label: 'What will happen',
  hint: 'Plain text. Blank lines start a new paragraph and web addresses become links.',
  control: textarea('description', 8),
})}
</fieldset>

<fieldset class="section" aria-describedby="when-hint">
<legend>${hN('When')}</legend>
<p class="hint" id="when-hint">Use the local time where the meetup happens. If your browser shows plain text boxes, type the date and time like 2026-12-03T18:30.</p>
${field({ name: 'start', label: 'Starts', control: input('start', html`type="datetime-local"`) })}
${field({ name: 'end', label: 'Ends', control: input('end', html`type="datetime-local"`) })}
${field({ name: 'timezone', label: 'Time zone', hint: 'People in other zones also see the time in their own.', control: timeZoneSelect })}
</fieldset>

<fieldset class="section">
<legend>${hN('Where')}</legend>
<div class="field" id="format-field">
<p class="label" id="format-label">How will people take part?</p>
<p class="field-error" id="format-error" hidden></p>
<div class="radios" role="radiogroup" id="format-group" aria-labelledby="format-label">
${formatRadios}
</div>
</div>
${field({ name: 'venue', label: 'Venue name and address', hint: 'Put each part of the address on its own line.', control: textarea('venue', 4) })}
${field({
  name: 'onlineUrl',
  label: 'Joining link',
  hint: 'The full web address people use to join, starting with https://',
  control: input('onlineUrl', html`type="url" inputmode="url" autocomplete="off" spellcheck="false"`),
  hidden: true,
})}
${field({
  name: 'capacity',
  label: 'Number of places',
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
  label: 'Who is welcome',
  optional: true,
  hint: 'Shown on the event page. Say if it is not only for members of your network.',
  control: textarea('openToAll', 2, false, isNew ? OPEN_TO_ALL_SUGGESTION : ''),
})}
${field({
  name: 'accessibility',
  label: 'Accessibility',
  optional: true,
  hint: 'For example: step-free entrance, hearing loop, live captions, quiet room, nearest accessible parking.',
  control: textarea('accessibility', 4, false),
})}
</fieldset>

<fieldset class="section">
<legend>${hN('Help people find it')}</legend>
${field({
  name: 'network',
  label: 'Network or group',
  optional: true,
  hint: 'For example: #uklibchat, CILIP North West, Manchester NLPN. People can see all meetups from the same network.',
  control: input('network', html`type="text" autocomplete="organization"`, false),
})}
${field({
  name: 'tags',
  label: 'Tags',
  optional: true,
  hint: `Separate tags with commas, up to ${MAX_TAGS}. For example: TeachMeet, CPD, school libraries.`,
  control: input('tags', html`type="text" list="tag-suggestions" autocomplete="off"`, false),
})}
<datalist id="tag-suggestions">
${joinHtml(TAG_SUGGESTIONS.map((t) => html`<option value="${t}"></option>`), '\n')}
</datalist>
</fieldset>

<fieldset class="section">
<legend>${hN('About you')}</legend>
${field({ name: 'organiserName', label: 'Your name', hint: 'Shown on the event page as the organiser.', control: input('organiserName', html`type="text" autocomplete="name"`) })}
${field({
  name: 'organiserEmail',
  label: 'Your email address',
  hint: isNew ? 'Never shown publicly; we email you a link to confirm.' : 'Never shown publicly.',
  control: input('organiserEmail', html`type="email" autocomplete="email" spellcheck="false"`),
})}
</fieldset>

<p class="form-status" id="form-status" role="status"></p>
<div class="actions">
<button type="submit" class="button" id="submit-button">${isNew ? 'Send me the confirmation link' : 'Save changes'}</button>
</div>
</form>`;
}
