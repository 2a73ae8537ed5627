// Web: the "Attendees" section of the manage page: counts (and, after the meetup, how it went), the table (stacked
// into one card per person on a phone) with each person's answer to "Still coming?" and check-in, a two-step "Remove"
// that can carry a message to the person, the CSV download and the RSVP settings (with "Still coming?",
// attendance-settings.ts). Every request carries the manage token in its body; names, emails, notes and messages go
// in as text.
import { api, type ApiResult } from './api.ts';
import { byId, focusOn, h } from './dom.ts';
import { RSVP_STATUSES, type CheckInBy } from '#functions/core/rsvp.ts';
import { ATTENDANCE_ANSWER_LABELS, type AttendanceAnswer } from '#functions/core/attendance.ts';
import type { AttendanceSummary, ManagedEvent } from '#functions/core/event.ts';
import { FEEDBACK_SHOWN_FROM, type FeedbackView } from '#functions/core/feedback.ts';
import { attendanceSettingsFieldset, isAttendanceField, type AttendanceSettingsView } from './attendance-settings.ts';

type Failure = Extract<ApiResult<unknown>, { ok: false }>;
type AttendeeStatus = (typeof RSVP_STATUSES)[number];
/** The longest message the organiser may send with a removal (the API's limit). */
const MAX_MESSAGE = 1000;

export interface Attendee {
  key: string;
  name: string;
  email: string;
  status: AttendeeStatus;
  note?: string;
  createdAt: string;
  confirmedAt?: string;
  waitlistPosition?: number;
  /** SES reported the address bouncing or complaining: Signpost no longer emails it. */
  mailSuppressed?: 'bounce' | 'complaint';
  /** Their answer to "Still coming?"; absent when never asked. */
  stillComing?: AttendanceAnswer;
  checkedInAt?: string;
  checkedInBy?: CheckInBy;
}

/** After the meetup: the counts kept on it (`kept`), else counted from the list. */
export type AttendanceNumbers = AttendanceSummary & { noShowRate?: number; kept: boolean };

/** Shown under the address, so an organiser knows to reach this person some other way. */
const MAIL_PROBLEM = {
  bounce: 'Emails to this address bounce, so Signpost no longer sends to it.',
  complaint: 'They marked an email from Signpost as spam, so Signpost no longer emails them.',
} as const;

export interface AttendeeList {
  capacity?: number;
  confirmed: number;
  waitlist: number;
  rsvpsOpen: boolean;
  notifyOnRsvp: boolean;
  /** Email the organiser when someone cancels; older answers may leave it out (the meetup's own setting then stands). */
  notifyOnCancel?: boolean;
  remindersOn: boolean;
  /** Older answers may leave these out. */
  attendance?: AttendanceSettingsView;
  numbers?: AttendanceNumbers;
  /** Once the meetup is over: the anonymous feedback, only its count under three answers. */
  feedback?: FeedbackView;
  attendees: Attendee[];
}

export interface AttendeesOptions {
  eventUrl: (suffix?: string) => string;
  /** Absent when signed in: the session cookie answers. */
  token: string | undefined;
  /** Ends the manage session for 403 (and similar); returns true when it did. */
  fatal: (result: Failure) => boolean;
}

const STATUS_TEXT: Record<AttendeeStatus, string> = {
  pending: 'Not confirmed yet',
  confirmed: 'Confirmed',
  waitlisted: 'On the waitlist',
  walkin: 'Walk-in',
  cancelled: 'Cancelled',
  removed: 'Removed by the organiser',
};

/** Whoever no longer holds or waits for a place: no Remove button, and greyed. */
const gone = (a: Attendee) => a.status === 'cancelled' || a.status === 'removed';

/** "by Sam", "with their code": who checked someone in, after the time. */
const checkedInHow = (by: CheckInBy) => (by.via === 'team' ? `by ${by.name}` : by.via === 'code' ? 'with their code' : 'with the manage link');

/** The saved "Still coming?" settings, in a sentence. */
function stillComingText(view: AttendanceSettingsView | undefined): string {
  if (!view) return '';
  if (!view.stillComing) return 'We will not ask people “Still coming?”.';
  const span = (hours: number) => (hours % 24 === 0 ? `${hours / 24} ${hours === 24 ? 'day' : 'days'}` : `${hours} hours`);
  const ask = `We will ask people “Still coming?” ${span(view.checkHours)} before the start`;
  return view.release ? `${ask}, and give places unanswered ${span(view.releaseHours)} before it to the waitlist.` : `${ask}.`;
}

const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const when = (iso: string) => h('time', { datetime: iso }, dateTime.format(new Date(iso)));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function failureText(result: Failure): string {
  if (result.status >= 500) return 'Something went wrong on our side. Please try again in a moment.';
  return result.body.message;
}

export function setupAttendees({ eventUrl, token, fatal }: AttendeesOptions) {
  const section = byId('attendees-section');
  const status = byId('attendees-status');
  const body = byId('attendees-body');
  const download = byId('attendees-download');
  const csvButton = byId<HTMLButtonElement>('attendees-csv');
  const settings = byId<HTMLFormElement>('rsvp-settings');
  const openBox = byId<HTMLInputElement>('rsvps-open');
  const notifyBox = byId<HTMLInputElement>('notify-on-rsvp');
  const notifyCancelBox = byId<HTMLInputElement>('notify-on-cancel');
  const remindersBox = byId<HTMLInputElement>('reminders-on');
  const settingsStatus = byId('rsvp-settings-status');
  const saveButton = byId<HTMLButtonElement>('rsvp-settings-save');
  const attendance = attendanceSettingsFieldset();
  settingsStatus.before(attendance.fieldset);
  let editable = true;
  let request = 0;
  let csvName = 'attendees.csv';

  function counts(list: AttendeeList): HTMLElement {
    const pending = list.attendees.filter((a) => a.status === 'pending').length;
    const unreachable = list.attendees.filter((a) => a.mailSuppressed && !gone(a)).length;
    // A walk-in holds a place too: said, so "6 of 6" beside "5 booked" is no puzzle.
    const walkIns = list.attendees.filter((a) => a.status === 'walkin').length;
    const byWalkIn = walkIns ? `, ${walkIns} of them by ${walkIns === 1 ? 'a walk-in' : 'walk-ins'}` : '';
    return h(
      'ul',
      { class: 'counts' },
      h('li', {}, h('strong', {}, list.capacity === undefined ? `${list.confirmed} confirmed` : `${list.confirmed} of ${list.capacity}`), list.capacity === undefined ? ` (no limit on places${byWalkIn})` : ` places taken${byWalkIn}`),
      h('li', {}, h('strong', {}, String(list.waitlist)), ' on the waitlist'),
      pending ? h('li', {}, h('strong', {}, String(pending)), ' waiting to confirm by email') : null,
      unreachable
        ? h('li', {}, h('strong', {}, String(unreachable)), ` ${unreachable === 1 ? 'person' : 'people'} Signpost can't email: reminders and changes won't reach them, so tell them another way.`)
        : null,
      h('li', {}, list.numbers ? 'The meetup is over.' : list.rsvpsOpen ? 'RSVPs are open.' : 'RSVPs are closed.'),
    );
  }

  /** The anonymous feedback, after the numbers: never who wrote what, and only the count under three answers. */
  function feedbackPart(f: FeedbackView): HTMLElement {
    const answers = `${f.count} ${f.count === 1 ? 'answer' : 'answers'}`;
    if (!f.shown) {
      return h('div', { class: 'attendance-feedback', id: 'feedback' }, h('h4', {}, 'Feedback'),
        h('p', {}, f.count ? `${answers}: shown once there are ${FEEDBACK_SHOWN_FROM}.` : `No feedback yet: answers are shown once there are ${FEEDBACK_SHOWN_FROM}.`));
    }
    const texts = (title: string, list: string[]) => list.length
      ? h('div', {}, h('h5', {}, title), h('ul', { class: 'feedback-texts' }, ...list.map((t) => h('li', {}, t))))
      : null;
    return h(
      'div',
      { class: 'attendance-feedback', id: 'feedback' },
      h('h4', {}, 'Feedback'),
      h('p', {}, h('strong', {}, f.average.toFixed(1)), ` out of 5, from ${answers}`),
      h('ul', { class: 'counts' }, ...(['5', '4', '3', '2', '1'] as const).map((r) => h('li', {}, `${r}: `, h('strong', {}, String(f.ratings[r]))))),
      texts('What worked?', f.worked),
      texts('What could be better?', f.better),
      h('p', { class: 'hint' }, 'Anonymous: the texts are listed alphabetically, not in the order they came.'),
    );
  }

  /** How it went, once the meetup is over: counts only. */
  function numbers(n: AttendanceNumbers, feedback?: FeedbackView): HTMLElement {
    const percent = n.noShowRate === undefined ? undefined : `${Math.round(n.noShowRate * 100)}%`;
    return h(
      'section',
      { class: 'attendance-numbers', 'aria-labelledby': 'numbers-title' },
      h('h3', { id: 'numbers-title' }, 'How it went'),
      h(
        'ul',
        { class: 'counts' },
        h('li', {}, h('strong', {}, String(n.booked)), ' booked'),
        n.asked ? h('li', {}, h('strong', {}, String(n.answeredYes)), ` answered “still coming” (of ${n.asked} asked; ${n.answeredNo} gave their place up${n.released ? `, ${n.released} released unanswered` : ''})`) : null,
        h('li', {}, h('strong', {}, String(n.checkedIn)), ' checked in, and ', h('strong', {}, String(n.walkIns)), ` ${n.walkIns === 1 ? 'walk-in' : 'walk-ins'}: ${n.came} came`),
        percent ? h('li', {}, h('strong', {}, percent), ` no-shows (${n.noShows} of ${n.booked} booked did not check in)`) : null,
      ),
      h('p', { class: 'hint' }, n.kept
        ? 'These counts are kept, without names, after the attendee list is deleted 30 days after the meetup.'
        : 'Counted from the list now. Once check-in closes (an hour after the end) they are kept as counts, without names.'),
      feedback ? feedbackPart(feedback) : null,
    );
  }

  function checkedInCell(a: Attendee): HTMLTableCellElement {
    const cell = h('td', { class: 'attendee-checked-in', 'data-label': 'Checked in', role: 'cell' });
    if (a.checkedInAt) cell.append(when(a.checkedInAt), a.checkedInBy ? `, ${checkedInHow(a.checkedInBy)}` : '');
    else cell.append('No');
    return cell;
  }

  function statusCell(a: Attendee): string {
    return a.status === 'waitlisted' && a.waitlistPosition ? `${STATUS_TEXT.waitlisted}, number ${a.waitlistPosition}` : STATUS_TEXT[a.status];
  }

  /** "Remove" opens a confirmation in place, with an optional message that goes into the removal email. */
  function actionCell(a: Attendee, index: number): HTMLTableCellElement {
    const cell = h('td', { class: 'attendee-action', 'data-label': 'Action', role: 'cell' });
    if (!editable || gone(a)) return cell;
    // The name is in the accessible name only: visually hidden text inside the table made a phone screen scroll.
    const start = h('button', { type: 'button', class: 'button button-warning button-small', 'aria-label': `Remove ${a.name}` }, 'Remove');
    cell.append(start);
    start.addEventListener('click', () => {
      const fieldId = `remove-message-${index}`;
      const message = h('textarea', { id: fieldId, name: 'message', rows: '3', maxlength: String(MAX_MESSAGE), 'aria-describedby': `${fieldId}-hint` });
      const yes = h('button', { type: 'button', class: 'button button-danger button-small' }, 'Yes, remove');
      const no = h('button', { type: 'button', class: 'button button-secondary button-small' }, 'No, keep');
      const box = h(
        'div',
        { class: 'confirm-box confirm-inline', tabindex: '-1', role: 'group', 'aria-label': `Remove ${a.name}` },
        h('p', {}, h('strong', {}, `Remove ${a.name}?`)),
        h('p', {}, 'We email them to say you removed them from this meetup.', a.status === 'confirmed' ? ' Their place goes to the first person on the waitlist, if there is one.' : ''),
        h('label', { for: fieldId }, 'Message to them ', h('span', { class: 'optional' }, '(optional)')),
        h('p', { class: 'hint', id: `${fieldId}-hint` }, 'Added to the email, as plain text.'),
        message,
        h('p', { class: 'button-row' }, yes, no),
      );
      cell.replaceChildren(box);
      focusOn(box);
      no.addEventListener('click', () => {
        cell.replaceChildren(start);
        start.focus();
      });
      yes.addEventListener('click', async () => {
        yes.disabled = no.disabled = true;
        status.textContent = `Removing ${a.name}…`;
        const text = message.value.trim();
        const result = await api<AttendeeList>('POST', eventUrl(`/attendees/${encodeURIComponent(a.key)}/remove`), { token, ...(text ? { message: text } : {}) });
        if (result.ok) {
          render(result.data);
          status.textContent = `Removed ${a.name}. We've emailed them${text ? ' your message' : ''}.`;
          return focusOn(body);
        }
        if (fatal(result)) return;
        yes.disabled = no.disabled = false;
        status.textContent = `We could not remove ${a.name}. ${failureText(result)}`;
      });
    });
    return cell;
  }

  function table(list: AttendeeList): HTMLElement {
    const head = ['Name', 'Email', 'Status', 'Still coming?', 'Checked in', 'Note', 'Replied', ...(editable ? ['Action'] : [])];
    // data-label names each cell when a phone stacks the row into a card (styles.css, "Attendees on a phone").
    const rows = list.attendees.map((a, i) =>
      h(
        'tr',
        { class: `attendee attendee-${gone(a) ? 'cancelled' : a.status}`, role: 'row' },
        h('th', { scope: 'row', class: 'attendee-name', role: 'rowheader' }, a.name),
        h(
          'td',
          { class: 'attendee-email', 'data-label': 'Email', role: 'cell' },
          // A walk-in may give no address.
          a.email ? h('a', { href: `mailto:${a.email}` }, a.email) : 'None given',
          a.mailSuppressed && !gone(a) ? h('p', { class: 'mail-problem' }, h('strong', {}, 'Not emailed. '), MAIL_PROBLEM[a.mailSuppressed]) : null,
        ),
        h('td', { 'data-label': 'Status', role: 'cell' }, statusCell(a)),
        h('td', { class: 'attendee-answer', 'data-label': 'Still coming', role: 'cell' }, a.stillComing ? ATTENDANCE_ANSWER_LABELS[a.stillComing] : 'Not asked'),
        checkedInCell(a),
        h('td', { class: a.note ? 'pre-line attendee-note' : 'attendee-note is-empty', 'data-label': 'Note', role: 'cell' }, a.note ?? ''),
        h('td', { 'data-label': 'Replied', role: 'cell' }, when(a.createdAt)),
        editable ? actionCell(a, i) : null,
      ),
    );
    return h(
      'div',
      { class: 'table-scroll', role: 'region', 'aria-labelledby': 'attendees-caption', tabindex: '0' },
      // Explicit roles: a phone shows the rows as cards (display: block), which would otherwise drop the table's semantics.
      h(
        'table',
        { class: 'attendees-table', role: 'table', 'aria-labelledby': 'attendees-caption' },
        h('caption', { id: 'attendees-caption' }, 'Everyone who has replied, newest last'),
        h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' }, ...head.map((t) => h('th', { scope: 'col', role: 'columnheader' }, t)))),
        h('tbody', { role: 'rowgroup' }, ...rows),
      ),
    );
  }

  function render(list: AttendeeList) {
    body.replaceChildren(
      list.numbers ? numbers(list.numbers, list.feedback) : '',
      counts(list),
      list.attendees.length ? table(list) : h('p', {}, 'No one has replied yet. Share the public page to let people know.'),
    );
    download.hidden = list.attendees.length === 0;
    openBox.checked = list.rsvpsOpen;
    notifyBox.checked = list.notifyOnRsvp;
    if (list.notifyOnCancel !== undefined) notifyCancelBox.checked = list.notifyOnCancel;
    remindersBox.checked = list.remindersOn;
    attendance.fieldset.hidden = !list.attendance;
    if (list.attendance) attendance.fill(list.attendance, list.capacity);
    settings.hidden = !editable;
  }

  async function load() {
    const mine = ++request;
    status.textContent = 'Loading attendees…';
    const result = await api<AttendeeList>('POST', eventUrl('/attendees'), { token });
    if (mine !== request) return;
    if (result.ok) {
      render(result.data);
      // Walk-ins came without replying.
      const replies = result.data.attendees.filter((a) => a.status !== 'walkin').length;
      const walkIns = result.data.attendees.length - replies;
      status.textContent = `${plural(replies, 'reply', 'replies')}${result.data.numbers ? '' : ' so far'}${walkIns ? `, and ${plural(walkIns, 'walk-in', 'walk-ins')}` : ''}.`;
      return;
    }
    if (result.status === 403 && fatal(result)) return;
    const again = h('button', { type: 'button', class: 'link-button' }, 'Try again');
    again.addEventListener('click', () => void load());
    status.replaceChildren(`We could not load the attendees. ${failureText(result)} `, again);
  }

  csvButton.addEventListener('click', async () => {
    csvButton.disabled = true;
    status.textContent = 'Preparing the CSV file…';
    try {
      const res = await fetch(eventUrl('/attendees.csv'), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'text/csv', 'Content-Type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      if (!res.ok) {
        status.textContent = res.status === 403 ? 'This link no longer works, so we could not download the list.' : 'We could not download the list. Please try again in a moment.';
        return;
      }
      // The server names the file after the meetup; keep its name.
      const named = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1];
      csvName = named ?? 'attendees.csv';
      const url = URL.createObjectURL(await res.blob());
      const link = h('a', { href: url, download: csvName, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      status.textContent = `Downloaded ${csvName}.`;
    } catch {
      status.textContent = "We couldn't reach Signpost. Check your connection and try again.";
    } finally {
      csvButton.disabled = false;
    }
  });

  settings.addEventListener('submit', async (event) => {
    event.preventDefault();
    saveButton.disabled = true;
    settingsStatus.textContent = 'Saving…';
    attendance.clearErrors();
    const result = await api<AttendeeList>('POST', eventUrl('/rsvp-settings'), {
      token,
      rsvpsOpen: openBox.checked,
      notifyOnRsvp: notifyBox.checked,
      notifyOnCancel: notifyCancelBox.checked,
      remindersOn: remindersBox.checked,
      ...(attendance.fieldset.hidden ? {} : attendance.read()),
    });
    saveButton.disabled = false;
    if (result.ok) {
      render(result.data);
      const { rsvpsOpen, notifyOnRsvp, remindersOn } = result.data;
      const notifyOnCancel = result.data.notifyOnCancel ?? notifyCancelBox.checked;
      settingsStatus.textContent = [
        'Saved.',
        rsvpsOpen ? 'RSVPs are open.' : 'RSVPs are closed; the event page says so.',
        notifyOnRsvp && notifyOnCancel
          ? 'We will email you when someone RSVPs or cancels.'
          : notifyOnRsvp
            ? 'We will email you when someone RSVPs, not when someone cancels.'
            : notifyOnCancel
              ? 'We will email you when someone cancels, not when someone RSVPs.'
              : 'We will not email you about RSVPs or cancellations.',
        stillComingText(result.data.attendance),
        remindersOn ? 'Attendees get reminder emails.' : 'We will not send attendees reminder emails.',
      ].filter(Boolean).join(' ');
      // The button was disabled while saving, which drops focus to <body>: the outcome takes it, as after other actions.
      return focusOn(settingsStatus);
    }
    if (fatal(result)) return;
    const fields = result.status === 400 ? (result.body.details ?? []).filter((d) => isAttendanceField(d.field)) : [];
    settingsStatus.textContent = `We could not save the settings. ${fields.length ? fields.map((d) => d.message).join('. ') : failureText(result)}`;
    const first = fields.map((d) => (isAttendanceField(d.field) ? attendance.showError(d.field, d.message) : undefined))[0];
    if (first) return first.focus();
    focusOn(settingsStatus);
  });

  return {
    /** Shows the section for a published or cancelled meetup and (re)loads the list; drafts have no replies. */
    show(ev: ManagedEvent) {
      section.hidden = ev.status === 'draft';
      if (section.hidden) return;
      editable = ev.status === 'published';
      notifyCancelBox.checked = ev.notifyOnCancel;
      settingsStatus.textContent = '';
      void load();
    },
    hide() {
      section.hidden = true;
    },
  };
}
