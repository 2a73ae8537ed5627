// Web: the "Still coming?" part of the manage page's RSVP settings: on or off (saying what the default is), when to
// ask (in days or hours), and whether unanswered places go to the waitlist, with the deadline. Built into the RSVP
// settings form by attendees.ts; the API checks every value again and names the field it refuses.
import { h } from './dom.ts';
import { CHECK_HOURS_RANGE, RELEASE_HOURS_RANGE } from '#functions/core/attendance.ts';

export interface AttendanceSettingsView {
  stillComing: boolean;
  stillComingDefault: boolean;
  checkHours: number;
  release: boolean;
  releaseHours: number;
}

/** The body fields the settings send: `stillComing` null when the box says what the default says. */
export interface AttendanceSettingsBody {
  stillComing: boolean | null;
  /** Hours; the text as typed when it is not a whole number, for the API to name. */
  checkHours: number | string;
  release: boolean;
  releaseHours: number | string;
}

/** The fields the API may name, and the control each one's message goes under. */
const FIELDS = { stillComing: 'still-coming', checkHours: 'check-hours', release: 'release', releaseHours: 'release-hours' } as const;
export type AttendanceField = keyof typeof FIELDS;
export const isAttendanceField = (field: string): field is AttendanceField => field in FIELDS;

const span = (hours: number) => (hours % 24 === 0 ? `${hours / 24} ${hours === 24 ? 'day' : 'days'}` : `${hours} ${hours === 1 ? 'hour' : 'hours'}`);

/** A number of hours typed as a number and a unit: whole days when it is, else hours. */
function duration(id: string, label: string, hint: string) {
  const input = h('input', { id, type: 'text', inputmode: 'numeric', autocomplete: 'off', class: 'input-short', 'aria-describedby': `${id}-hint ${id}-error` });
  const unit = h('select', { id: `${id}-unit`, 'aria-label': `${label}: days or hours` }, h('option', { value: 'days' }, 'days'), h('option', { value: 'hours' }, 'hours'));
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const field = h('div', { class: 'field', id: `${id}-field` },
    h('label', { for: id, class: 'label' }, label), h('p', { class: 'hint', id: `${id}-hint` }, hint), error, h('p', { class: 'duration' }, input, ' ', unit, ' before the start'));
  return {
    field, error,
    set(hours: number) {
      const days = hours % 24 === 0;
      input.value = String(days ? hours / 24 : hours);
      unit.value = days ? 'days' : 'hours';
    },
    read(): number | string {
      const typed = input.value.trim();
      if (!/^\d+$/.test(typed)) return typed;
      return Number(typed) * (unit.value === 'days' ? 24 : 1);
    },
  };
}

export function attendanceSettingsFieldset() {
  const ask = h('input', { type: 'checkbox', id: FIELDS.stillComing, name: 'stillComing', 'aria-describedby': 'still-coming-hint still-coming-error' });
  const askHint = h('p', { class: 'hint checkbox-hint', id: 'still-coming-hint' });
  const askError = h('p', { class: 'field-error', id: 'still-coming-error', hidden: true });
  const when = duration(FIELDS.checkHours, 'When to ask',
    `Between ${span(CHECK_HOURS_RANGE.min)} and ${span(CHECK_HOURS_RANGE.max)} before the start. Someone who booked later is asked sooner before it, never longer before than they have had their place.`);
  const release = h('input', { type: 'checkbox', id: FIELDS.release, name: 'release', 'aria-describedby': 'release-hint release-error' });
  const releaseError = h('p', { class: 'field-error', id: 'release-error', hidden: true });
  const deadline = duration(FIELDS.releaseHours, 'Deadline for answering',
    `Between ${span(RELEASE_HOURS_RANGE.min)} and ${span(RELEASE_HOURS_RANGE.max)} before the start, and at least 12 hours after the question goes.`);
  const fieldset = h('fieldset', { class: 'attendance-settings' },
    h('legend', {}, h('h3', {}, '“Still coming?”')),
    h('div', { class: 'checkbox' }, ask, h('label', { for: FIELDS.stillComing }, 'Ask people “Still coming?”')),
    askHint, askError,
    when.field,
    h('div', { class: 'checkbox' }, release, h('label', { for: FIELDS.release }, 'Give unanswered places to the waitlist')),
    h('p', { class: 'hint checkbox-hint', id: 'release-hint' },
      'Off unless you turn it on. The email says so in plain words, with the deadline. Nobody’s place is given away while the waitlist is empty, and people who lose theirs can take one back while one is free.'),
    releaseError,
    deadline.field,
  );
  const errors: Record<AttendanceField, HTMLElement> = { stillComing: askError, checkHours: when.error, release: releaseError, releaseHours: deadline.error };
  let stillComingDefault = false;
  const sync = () => {
    when.field.hidden = !ask.checked;
    deadline.field.hidden = !(ask.checked && release.checked);
  };
  ask.addEventListener('change', sync);
  release.addEventListener('change', sync);

  return {
    fieldset,
    fill(view: AttendanceSettingsView, capacity: number | undefined) {
      stillComingDefault = view.stillComingDefault;
      ask.checked = view.stillComing;
      release.checked = view.release;
      when.set(view.checkHours);
      deadline.set(view.releaseHours);
      const why = capacity !== undefined ? 'it has a limit on places' : 'its network asks for every meetup';
      askHint.textContent = `An email before the meetup with two answers: “Yes, I’m coming” and “No, give my place to someone else”. ${
        view.stillComingDefault ? `On by default for this meetup, as ${why}.` : 'Off by default for this meetup, as it has no limit on places.'}`;
      sync();
    },
    read(): AttendanceSettingsBody {
      return { stillComing: ask.checked === stillComingDefault ? null : ask.checked, checkHours: when.read(), release: release.checked, releaseHours: deadline.read() };
    },
    clearErrors() {
      for (const node of Object.values(errors)) {
        node.hidden = true;
        node.textContent = '';
        node.closest('.field')?.classList.remove('has-error');
      }
    },
    /** Shows the API's message under its field; returns the control to focus. */
    showError(field: AttendanceField, message: string): HTMLElement {
      const node = errors[field];
      node.textContent = message;
      node.hidden = false;
      node.closest('.field')?.classList.add('has-error');
      if (field === 'checkHours') when.field.hidden = false;
      if (field === 'releaseHours') deadline.field.hidden = false;
      return document.getElementById(FIELDS[field])!;
    },
  };
}
