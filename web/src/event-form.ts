// Web: the behaviour of the event form, shared by new.ts and manage.ts. Validates with the API's own zod schema (and
// catches a start in the past), shows errors in a focused summary and next to each field, and maps the API's field
// errors the same way. Adds a search box to the time zone list; without JavaScript the form still works as a post.
import { CAPACITY_WHOLE_NUMBER, checkEventInput, eventInputSchema, type EventInput } from '#functions/events/event.schema.ts';
import type { FieldIssue } from './api.ts';
import { byId, focusOn, h } from './dom.ts';
import { viewerZone } from './time.ts';
import { cpdFormValues, cpdFromForm } from '#functions/networks/cpd.schema.ts';
import { EVENT_FORM_FIELDS, formFieldOf, isEventFormField, repeatLabel, SERIES_KEY_FIELD, summaryText as labelledMessage, type EventFormField } from '#views/event-form.ts';
import type { ManagedEvent } from '#functions/core/event.ts';
import { fieldIssues } from '#functions/http/schemas.ts';

const FIELDS = EVENT_FORM_FIELDS;
type FieldName = EventFormField;
const isField = isEventFormField;

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export type Validation = { ok: true; data: EventInput } | { ok: false; issues: FieldIssue[] };

export interface ErrorOptions {
  /** Heading of the summary box; "There is a problem" by default. */
  title?: string;
  /** Extra content under the list, such as a "Load the latest version" button. */
  extra?: Node;
}

export interface EventForm {
  form: HTMLFormElement;
  readonly busy: boolean;
  validate(): Validation;
  showErrors(issues: FieldIssue[], options?: ErrorOptions): void;
  clearErrors(): void;
  fill(event: ManagedEvent): void;
  setBusy(busy: boolean, message?: string): void;
}

export function setupEventForm(form: HTMLFormElement): EventForm {
  const control = (name: string) => form.elements.namedItem(name) as Control;
  const value = (name: string) => control(name).value;
  const radios = () => [...form.querySelectorAll<HTMLInputElement>('input[name="format"]')];
  const format = () => radios().find((r) => r.checked)?.value;
  const submit = byId<HTMLButtonElement>('submit-button');
  const status = byId('form-status');
  const summary = byId('error-summary');
  const summaryList = byId('error-summary-list');
  const summaryTitle = byId('error-summary-title');
  const isNew = form.dataset.mode === 'new';
  let busy = false;
  let lastTags: string[] = [];

  // ---- Where: show the venue or the joining link only when the format needs it ----
  const syncFormat = () => {
    const f = format();
    byId('venue-field').hidden = f === 'online';
    byId('onlineUrl-field').hidden = f === 'in_person';
    byId('onlineUrlPublic-field').hidden = f === 'in_person';
  };
  radios().forEach((r) => r.addEventListener('change', syncFormat));

  // ---- Time zones: make sure the viewer's zone (and, when editing, the event's) can be chosen ----
  const zoneSelect = control('timezone') as HTMLSelectElement;
  const ensureZone = (zone: string, label: string) => {
    if (![...zoneSelect.options].some((o) => o.value === zone)) zoneSelect.prepend(h('option', { value: zone }, `${label} – ${zone}`));
  };
  const mine = viewerZone();
  if (mine) ensureZone(mine, 'Your time zone');
  setupZoneSearch(form, zoneSelect);

  // ---- Tags: a comma-separated list, so suggestions are offered for the part after the last comma ----
  const tagsInput = control('tags') as HTMLInputElement;
  const datalist = byId<HTMLDataListElement>('tag-suggestions');
  const suggestions = [...datalist.options].map((o) => o.value);
  let suggestedFor = '';
  tagsInput.addEventListener('input', () => {
    const typed = tagsInput.value;
    const cut = typed.lastIndexOf(',');
    const done = cut >= 0 ? typed.slice(0, cut + 1) : '';
    if (done === suggestedFor) return;
    suggestedFor = done;
    const used = new Set(done.split(',').map((t) => t.trim().toLowerCase()));
    const prefix = done ? done.replace(/\s*$/, ' ') : '';
    datalist.replaceChildren(...suggestions.filter((t) => !used.has(t.toLowerCase())).map((t) => h('option', { value: prefix + t })));
  });

  // ---- Reading and validating ----
  function read(): Record<string, unknown> {
    const f = format();
    const dateTime = (name: string) => value(name).trim().replace(' ', 'T') || undefined;
    const capacityText = value('capacity').replace(/[\s,]/g, '');
    lastTags = value('tags')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    return {
      title: value('title'),
      description: value('description'),
      start: dateTime('start'),
      end: dateTime('end'),
      timezone: value('timezone'),
      format: f,
      venue: f === 'online' ? undefined : value('venue'),
      onlineUrl: f === 'in_person' ? undefined : value('onlineUrl'),
      onlineUrlPublic: f !== 'in_person' && (control('onlineUrlPublic') as HTMLInputElement).checked,
      capacity: capacityText === '' || !/^\d+$/.test(capacityText) ? undefined : Number(capacityText),
      organiserName: value('organiserName'),
      organiserEmail: value('organiserEmail'),
      network: value('network'),
      tags: lastTags,
      openToAll: value('openToAll'),
      accessibility: value('accessibility'),
      // PUT replaces the meetup, so an edit sends what the form holds: with every CPD input empty, null, and the meetup has
      // no CPD details (leaving `cpd` out would clear them too, as for any optional field; null just says so).
      cpd: cpdFromForm(value, (name) => [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((b) => b.value)) ?? (isNew ? undefined : null),
      ...(isNew ? seriesFields() : {}),
    };
  }

  /** "Repeats", its count (only for a series), and the key that makes a second send of the same series list it once. */
  function seriesFields(): Record<string, unknown> {
    const repeat = value('repeat');
    const key = value(SERIES_KEY_FIELD);
    return { repeat, ...(repeat !== 'never' ? { times: Number(value('times')) } : {}), ...(key ? { [SERIES_KEY_FIELD]: key } : {}) };
  }

  // ---- Repeats: the monthly choice names the first date's weekday ("every month on the first Tuesday") ----
  if (isNew) {
    const monthly = [...(control('repeat') as HTMLSelectElement).options].find((o) => o.value === 'monthly');
    const syncRepeat = () => {
      if (monthly) monthly.textContent = repeatLabel('monthly', value('start'));
      byId('times-field').hidden = value('repeat') === 'never';
    };
    control('start').addEventListener('input', syncRepeat);
    control('repeat').addEventListener('change', syncRepeat);
    syncRepeat();
  }

  function validate(): Validation {
    const raw = read();
    // The listing form runs the server's own checks, the clock's included (a start in the past), so every problem
    // shows in one round. An edit may keep a start already past (the meetup may be under way): the API decides that.
    const checked: Validation = isNew
      ? checkEventInput(raw, new Date())
      : ((r) => (r.success ? { ok: true, data: r.data } : { ok: false, issues: fieldIssues(r.error) }))(eventInputSchema.safeParse(raw));
    // Text that is not a number never reaches the schema (whose message for a wrong type reads "required"),
    // so say what the schema says about a number that is not whole.
    const capacityText = value('capacity').replace(/[\s,]/g, '');
    const extra: FieldIssue[] = capacityText && !/^\d+$/.test(capacityText) ? [{ field: 'capacity', message: CAPACITY_WHOLE_NUMBER }] : [];
    if (checked.ok && !extra.length) return checked;
    return { ok: false, issues: [...(checked.ok ? [] : checked.issues), ...extra] };
  }

  // ---- Showing errors ----
  /** The element a summary link moves focus to. */
  const focusTarget = (name: FieldName): HTMLElement =>
    name === 'format'
      ? (radios().find((r) => r.checked) ?? radios()[0]!)
      : name === 'applyTo'
        ? byId('applyTo-this')
        : name === 'cpdAreas'
          ? form.querySelector<HTMLInputElement>('input[name="cpdAreas"]')!
          : control(name);
  /** The element whose description carries the error. */
  const describedElement = (name: FieldName): HTMLElement => (name === 'format' || name === 'applyTo' || name === 'cpdAreas' ? byId(`${name}-group`) : control(name));
  /** The fields this form has: the series' on a new listing, "Apply these changes to" on an edit. */
  const present = FIELDS.filter((name) => document.getElementById(`${name}-field`));
  const hintId = (name: string) => (document.getElementById(`${name}-hint`) ? `${name}-hint` : '');

  /** In the summary, far from its field, a bare "This field is required" needs the field's name. */
  const summaryText = labelledMessage;

  function clearErrors() {
    summary.hidden = true;
    summaryList.replaceChildren();
    summary.querySelector('.summary-extra')?.remove();
    for (const name of present) {
      const el = describedElement(name);
      el.removeAttribute('aria-invalid');
      const hint = hintId(name);
      if (hint) el.setAttribute('aria-describedby', hint);
      else el.removeAttribute('aria-describedby');
      byId(`${name}-field`).classList.remove('has-error');
      const error = byId(`${name}-error`);
      error.hidden = true;
      error.replaceChildren();
    }
  }

  function showErrors(issues: FieldIssue[], options: ErrorOptions = {}) {
    clearErrors();
    const byField = new Map<FieldName, string[]>();
    const general: string[] = [];
    for (const issue of issues) {
      const [key, index] = formFieldOf(issue.field).split('.');
      if (!key || !isField(key) || !present.includes(key)) {
        general.push(issue.message);
        continue;
      }
      const tag = key === 'tags' && index !== undefined ? lastTags[Number(index)] : undefined;
      const message = tag ? `“${tag}”: ${issue.message}` : issue.message;
      const list = byField.get(key) ?? [];
      if (!list.includes(message)) list.push(message);
      byField.set(key, list);
    }

    const items: HTMLLIElement[] = general.map((m) => h('li', {}, m));
    for (const name of present) {
      const messages = byField.get(name);
      if (!messages) continue;
      const error = byId(`${name}-error`);
      error.replaceChildren(...messages.map((m) => h('span', { class: 'error-line' }, h('span', { class: 'visually-hidden' }, 'Error: '), m)));
      error.hidden = false;
      byId(`${name}-field`).classList.add('has-error');
      const el = describedElement(name);
      el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-describedby', [hintId(name), `${name}-error`].filter(Boolean).join(' '));
      const target = focusTarget(name);
      for (const m of messages) items.push(h('li', {}, h('a', { href: `#${target.id}`, 'data-field': name }, summaryText(name, m))));
    }

    // A problem in the collapsed CPD details opens them, so its message and input can be seen.
    if ([...byField.keys()].some((name) => name.startsWith('cpd'))) (byId('cpd-more') as HTMLDetailsElement).open = true;
    summaryTitle.textContent = options.title ?? 'There is a problem';
    summaryList.replaceChildren(...items);
    if (options.extra) summary.append(h('div', { class: 'summary-extra' }, options.extra));
    summary.hidden = false;
    focusOn(summary);
  }

  // Summary links move focus into the field and bring its label into view, not just scroll.
  summaryList.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-field]');
    const name = link?.dataset.field;
    if (!name || !isField(name)) return;
    event.preventDefault();
    const target = focusTarget(name);
    if (name.startsWith('cpd')) (byId('cpd-more') as HTMLDetailsElement).open = true;
    target.focus();
    (byId(`${name}-field`).querySelector('label, .label') ?? target).scrollIntoView({ block: 'start' });
  });

  // ---- Filling (manage page) ----
  function fill(ev: ManagedEvent) {
    const set = (name: string, v: string | undefined) => (control(name).value = v ?? '');
    set('title', ev.title);
    set('description', ev.description);
    set('start', ev.start.local);
    set('end', ev.end.local);
    ensureZone(ev.timezone, 'Meetup time zone');
    set('timezone', ev.timezone);
    radios().forEach((r) => (r.checked = r.value === ev.format));
    set('venue', ev.venue);
    set('onlineUrl', ev.onlineUrl);
    (control('onlineUrlPublic') as HTMLInputElement).checked = ev.onlineUrlPublic;
    set('capacity', ev.capacity === undefined ? '' : String(ev.capacity));
    set('openToAll', ev.openToAll);
    set('accessibility', ev.accessibility);
    // The meetup's own network is a choice of its own (the form offers only the networks this person organises).
    const network = control('network');
    if (ev.network && network instanceof HTMLSelectElement && ![...network.options].some((o) => o.value === ev.network!.slug)) {
      network.add(new Option(ev.network.name, ev.network.slug));
    }
    set('network', ev.network?.slug);
    set('tags', ev.tags.map((t) => t.name).join(', '));
    set('organiserName', ev.organiserName);
    set('organiserEmail', ev.organiserEmail);
    const cpd = cpdFormValues(ev.cpd ? { outcomes: ev.cpd.outcomes, areas: ev.cpd.areas.map((a) => a.id), ...(ev.cpd.format ? { format: ev.cpd.format } : {}) } : undefined);
    set('cpdHours', ev.cpdHours === undefined ? '' : String(ev.cpdHours));
    set('cpdOutcomes', cpd.cpdOutcomes);
    const areas = new Set(cpd.cpdAreas.split(','));
    form.querySelectorAll<HTMLInputElement>('input[name="cpdAreas"]').forEach((b) => (b.checked = areas.has(b.value)));
    set('cpdFormat', cpd.cpdFormat);
    (byId('cpd-more') as HTMLDetailsElement).open = Boolean(ev.cpd);
    syncFormat();
  }

  function setBusy(next: boolean, message = '') {
    busy = next;
    submit.disabled = next;
    status.textContent = message;
  }

  syncFormat();
  // Sent back by the server with errors (no JavaScript had run): the summary is already there; keep its focus.
  if (!summary.hidden && document.activeElement !== summary) focusOn(summary);
  return {
    form,
    get busy() {
      return busy;
    },
    validate,
    showErrors,
    clearErrors,
    fill,
    setBusy,
  };
}

/**
 * A search box over the time zone list: typing narrows the options to the zones whose place, region or common name
 * matches, and chooses the first match, so the select stays the one control that is sent. When nothing matches, the
 * zone chosen before the search is chosen again: a search that finds nothing never leaves a stray zone selected.
 */
function setupZoneSearch(form: HTMLFormElement, select: HTMLSelectElement): void {
  const box = form.querySelector<HTMLElement>('.zone-search');
  const search = document.getElementById('timezone-search') as HTMLInputElement | null;
  const status = document.getElementById('timezone-search-status');
  if (!box || !search || !status) return;
  box.hidden = false;
  const normal = (text: string) => text.toLowerCase().replace(/[_/()]/g, ' ').replace(/\s+/g, ' ').trim();
  const options = [...select.options].map((option) => ({
    option,
    text: normal(`${option.textContent ?? ''} ${option.value} ${option.dataset.keywords ?? ''} ${(option.parentElement as HTMLOptGroupElement | null)?.label ?? ''}`),
  }));
  /** The zone chosen before the current search began (or chosen in the list itself since). */
  let before = select.value;
  let searching = false;
  select.addEventListener('change', () => {
    before = select.value;
  });
  search.addEventListener('input', () => {
    const words = normal(search.value).split(' ').filter(Boolean);
    if (!searching && words.length) before = select.value;
    searching = words.length > 0;
    const matches = options.filter(({ option, text }) => {
      const match = words.every((w) => text.includes(w));
      option.hidden = !match;
      return match;
    });
    for (const group of select.querySelectorAll('optgroup')) group.hidden = ![...group.children].some((o) => !(o as HTMLOptionElement).hidden);
    if (!words.length) {
      status.textContent = '';
      return;
    }
    const first = matches[0]?.option;
    if (!first) select.value = before;
    else if (!matches.some(({ option }) => option.value === before)) first.selected = true;
    else select.value = before;
    status.textContent = matches.length
      ? `${matches.length === 1 ? '1 time zone matches' : `${matches.length} time zones match`}. Chosen: ${select.selectedOptions[0]?.textContent ?? ''}.`
      : `No time zone matches, so the zone stays ${select.selectedOptions[0]?.textContent ?? ''}. Try the name of a city, or clear the search to see them all.`;
  });
}
