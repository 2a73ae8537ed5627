// Web entry for the pages behind the links in RSVP emails (/rsvp/:id/:key and /rsvp/:id/:key/cancel): shows the
// meetup and how the RSVP stands (POST …/status, a read), then confirms or cancels only when the person presses the
// button (mail scanners open every link). A used link shows where things stand, with no button; after a press, the
// heading, the panel and the counts come from the API's outcome (already, waitlist position, removed, promoted).
import { FORMAT_LABELS } from '#functions/core/formats.ts';
import { isFull } from '#views/rsvp-section.ts';
import { INCOMPLETE_LINK } from '#views/link-pages.ts';
import { CLOSED_MESSAGES } from '#functions/core/availability.ts';
import { api, waitText, type ApiResult } from './api.ts';
import { byId, focusOn, h, isWebAddress, pathOf, setHeading } from './dom.ts';
import { formatWhen, viewerTimeText } from './time.ts';
import type { PublicEvent } from '#functions/core/event.ts';
import { codeWindowOpen } from '#functions/core/attendance.ts';
import { selfCheckInHtml } from '#views/check-in-page.ts';
import qrcode from 'qrcode-generator';
import { checkInQrUrl } from './qr.ts';

type Meetup = PublicEvent;
type Failure = Extract<ApiResult<unknown>, { ok: false }>;
/** The answer of POST …/confirm and …/cancel (the RSVP contract). */
interface Outcome {
  status: 'confirmed' | 'waitlisted' | 'cancelled' | 'removed';
  /** Nothing changed: the link had been used already, or the place was already cancelled. */
  already?: boolean;
  waitlistPosition?: number;
  /** The joining link, for a confirmed place at a meetup that has one. */
  onlineUrl?: string;
  /** Cancel only: the freed place went to the first person on the waitlist. */
  promoted?: boolean;
  /** Counts after the action. */
  event: Meetup;
}
/** The answer of POST …/status: how the RSVP stands as the page opens ('pending': this confirm link can take a place). */
interface Standing {
  status: Outcome['status'] | 'pending';
  link: 'confirm' | 'cancel';
  waitlistPosition?: number;
  onlineUrl?: string;
  /** A confirmed place checked in at the meetup (by the team or the code of the day). */
  checkedInAt?: string;
  event: Meetup;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const match = /^\/rsvp\/([a-z0-9]{1,40})\/([A-Za-z0-9_-]{1,64})(\/cancel)?\/?$/.exec(location.pathname);
const [, id, key, cancelSuffix] = match ?? [];
const mode = cancelSuffix ? 'cancel' : 'confirm';
const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
const rawToken = fragment.get('token')?.trim();
const token = rawToken && TOKEN.test(rawToken) ? rawToken : undefined;
/**
 * A "Leave the waitlist" link says so in its fragment (`&waitlist=1`), so the first heading is right; once the status
 * has loaded, the wording follows where the person actually stands. The request is the same.
 */
let leaving = mode === 'cancel' && fragment.get('waitlist') === '1';

const status = byId('page-status');
const area = byId('rsvp-area');
const eventPath = (ev: Meetup) => pathOf(ev.url, `/events/${ev.id}`);
const apiPath = (action: string) => `/api/events/${encodeURIComponent(id!)}/rsvps/${encodeURIComponent(key!)}/${action}`;
const meetupLink = (ev: Meetup, text = 'See the meetup page') => h('p', {}, h('a', { href: eventPath(ev) }, text));
const hasEnded = (ev: Meetup) => Date.parse(ev.end.utc) <= Date.now();

function problem(title: string, ...body: (Node | string)[]): HTMLElement {
  status.textContent = '';
  const box = h('div', { class: 'notice notice-warning', role: 'alert' }, h('p', {}, ...body));
  area.replaceChildren(box);
  setHeading(title, { focus: false });
  return box;
}

/**
 * The places line. Never "join the waitlist" here: on the cancel page the reader holds a place, and on the confirm
 * page the button itself says what pressing it does.
 */
function placesLine(p: Meetup['places']): string {
  if (p.capacity === undefined) return 'No limit on places';
  const waiting = p.waitlist > 0 ? `, ${p.waitlist} on the waitlist` : '';
  if (isFull(p)) return `${p.capacity === 1 ? 'Full: the one place is taken' : `Full: all ${p.capacity} places taken`}${waiting}`;
  return `${p.left ?? p.capacity - p.confirmed} left of ${p.capacity}${waiting}`;
}

function details(ev: Meetup): HTMLElement {
  const row = (term: string, ...detail: (Node | string | null)[]) => [h('dt', {}, term), h('dd', {}, ...detail)];
  const yours = viewerTimeText(ev.start.utc, ev.end.utc, ev.timezone);
  return h(
    'section',
    { class: 'preview', id: 'meetup-details', 'aria-labelledby': 'meetup-title' },
    h('h2', { id: 'meetup-title' }, ev.title),
    h(
      'dl',
      { class: 'facts' },
      ...row('When', h('time', { datetime: ev.start.utc }, formatWhen(ev.start.utc, ev.end.utc, ev.timezone)), yours ? h('span', { class: 'viewer-time' }, yours) : null),
      ...row('Format', FORMAT_LABELS[ev.format]),
      ...(ev.venue ? [h('dt', {}, 'Where'), h('dd', { class: 'pre-line' }, ev.venue)] : []),
      ...(ev.status === 'cancelled' ? [] : row('Places', h('span', { id: 'places-line' }, placesLine(ev.places)))),
      ...row('Organiser', ev.organiserName),
    ),
    meetupLink(ev, 'See the full meetup page'),
  );
}

/** 403, 404 and 409 end the visit with an explanation; anything else leaves the button to try again. */
function postProblem(result: Failure, ev: Meetup, action: 'confirm' | 'cancel' | 'delete'): boolean {
  const back = () => [' ', h('a', { href: eventPath(ev) }, 'See the meetup page'), '.'];
  if (result.status === 403) {
    problem(
      'This link does not work',
      'It may be from an older email: if you reserved more than once, use the link in the most recent one.',
      ...back(),
    );
  } else if (result.status === 404) {
    problem('We cannot find your reply', 'It may have been deleted, or the link may be incomplete.', ...back());
  } else if (result.status === 409) {
    const title = action === 'confirm' ? 'RSVPs are closed' : action === 'cancel' ? 'We could not cancel your place' : 'We could not delete your details';
    problem(title, result.body.message, ...back());
  } else return false;
  area.append(details(ev));
  focusOn(byId('page-title'));
  return true;
}

function failureText(result: Failure): string {
  if (result.status === 0) return result.body.message;
  if (result.status === 429) return `Too many tries just now. Please try again in ${waitText(result.retryAfterSeconds ?? 60)}.`;
  if (result.status >= 500) return 'Something went wrong on our side. Please try again in a moment.';
  return result.body.message;
}

/** The outcome replaces everything: its heading becomes the page's h1 (focused), then what it means, then the meetup. */
function outcome(title: string, panelClass: 'panel-success' | 'notice-warning', body: Node[], ev: Meetup, after: Node[] = [], { focus = true } = {}) {
  const panel = h('div', { class: `panel ${panelClass}`, id: 'rsvp-done' }, ...body);
  status.textContent = '';
  area.replaceChildren(panel, details(ev), ...after);
  setHeading(title, { focus });
}

function joiningLink(result: Pick<Outcome, 'status' | 'onlineUrl' | 'event'>): Node[] {
  if (result.status !== 'confirmed' || !isWebAddress(result.onlineUrl)) return [];
  const privateLink = result.event.joinLink !== 'public';
  return [
    h(
      'div',
      { class: 'join-link', id: 'join-link' },
      h('h2', {}, 'Joining link'),
      h('p', {}, h('a', { href: result.onlineUrl, rel: 'nofollow ugc noopener', class: 'url' }, result.onlineUrl)),
      h('p', { class: 'hint' }, privateLink ? "It's also in your confirmation email and reminders. Please don't share it: it's for people with a place." : "It's also in your confirmation email and reminders."),
    ),
  ];
}

/** Someone the organiser removed: their links no longer give a place. Their replies still reach the organiser. */
function removed(ev: Meetup, after: Node[] = [], opts: { focus?: boolean } = {}) {
  outcome(
    'The organiser removed you from this meetup',
    'notice-warning',
    [
      h('p', {}, 'This link no longer gives you a place. If you think this is a mistake, reply to one of the emails about this meetup: replies go to the organiser.'),
    ],
    ev,
    after,
    opts,
  );
}

/** "You cancelled this place": a confirm link used before a cancel never takes a place again; reserving again does. */
function cancelledEarlier(ev: Meetup, opts: { focus?: boolean } = {}) {
  const again = ev.status === 'published' && ev.rsvpsOpen
    ? [h('p', {}, "This link doesn't reserve a place any more. To come after all, ", h('a', { href: `${eventPath(ev)}#rsvp` }, 'reserve again on the meetup page'), '.')]
    : [h('p', {}, "This link doesn't reserve a place any more.")];
  outcome('You cancelled this place', 'notice-warning', again, ev, [], opts);
}

function confirmed(result: Outcome) {
  const ev = result.event;
  const n = result.waitlistPosition;
  const position = h('p', {}, n ? `You're number ${n} on the waitlist.` : "You're on the waitlist.", ' If a place frees up, it goes to the first person waiting, and we email them.');
  switch (result.status) {
    case 'confirmed':
      return result.already
        ? outcome("You're already confirmed", 'panel-success', [h('p', {}, "Your place was confirmed earlier, so there is nothing more to do. Your confirmation email has a calendar file, and a link to cancel if you can't come."), ...joiningLink(result)], ev)
        : outcome("You're in!", 'panel-success', [h('p', {}, "Your place is confirmed. We've emailed you a confirmation with a calendar file, and a link to cancel if you can't come."), ...joiningLink(result)], ev);
    case 'waitlisted':
      return result.already
        ? outcome("You're already on the waitlist", 'panel-success', [position], ev)
        : outcome(n ? `You're number ${n} on the waitlist` : "You're on the waitlist", 'panel-success', [h('p', {}, "All places were taken, so we've put you on the waitlist."), h('p', {}, 'If a place frees up, it goes to the first person waiting, and we email them.')], ev);
    case 'cancelled':
      return cancelledEarlier(ev);
    case 'removed':
      return removed(ev);
  }
}

function cancelledOutcome(result: Outcome) {
  const ev = result.event;
  const after = deleteSection(ev, 'none');
  if (result.status === 'removed') return removed(ev, after);
  if (result.already)
    return outcome(
      leaving ? "You've already left the waitlist" : 'Your place was already cancelled',
      'panel-success',
      [h('p', {}, 'There is nothing more to do.')],
      ev,
      after,
    );
  outcome(
    leaving ? "You've left the waitlist" : 'Your place is freed',
    'panel-success',
    [h('p', {}, 'Thank you for letting us know. ', leaving ? 'The next person on the waitlist moves up.' : result.promoted ? 'Your place has gone to the next person on the waitlist.' : ev.places.capacity === undefined ? 'The organiser will know you are not coming.' : 'Your place is free for someone else.')],
    ev,
    after,
  );
}

/**
 * "Delete my RSVP and my details": a button that opens a confirmation; the cancel link's token allows it. `holding`
 * says what deleting would give up: a place, a place on the waitlist, or nothing.
 */
function deleteSection(ev: Meetup, holding: 'place' | 'line' | 'none'): Node[] {
  const freed = ev.status === 'cancelled' || hasEnded(ev) ? 'none' : holding;
  const start = h('button', { type: 'button', class: 'button button-warning' }, 'Delete my RSVP and my details');
  const yes = h('button', { type: 'button', class: 'button button-danger' }, 'Yes, delete my details');
  const no = h('button', { type: 'button', class: 'button button-secondary' }, 'No, keep them');
  const note = h('p', { class: 'status', role: 'status' });
  const box = h(
    'div',
    { class: 'confirm-box', tabindex: '-1', hidden: true },
    h('p', {}, h('strong', {}, 'Are you sure you want to delete your RSVP and your details for this meetup?')),
    h('p', { class: 'button-row' }, yes, no),
  );
  const section = h(
    'section',
    { class: 'danger-zone', id: 'delete-rsvp', 'aria-labelledby': 'delete-rsvp-title' },
    h('h2', { id: 'delete-rsvp-title' }, 'Delete my RSVP and my details'),
    h(
      'p',
      {},
      'This deletes your reply and everything Signpost holds about you for this meetup: your name, email address and note. ',
      freed === 'place' ? (ev.places.waitlist > 0 ? 'Your place goes to the next person on the waitlist. ' : ev.places.capacity === undefined ? 'The organiser will know you are not coming. ' : 'Your place becomes free for someone else. ') : freed === 'line' ? 'You leave the waitlist. ' : '',
      'You cannot undo this. (We delete it all anyway 30 days after the meetup.)',
    ),
    h('p', {}, start),
    box,
    note,
  );
  start.addEventListener('click', () => {
    start.hidden = true;
    box.hidden = false;
    focusOn(box);
  });
  no.addEventListener('click', () => {
    box.hidden = true;
    start.hidden = false;
    start.focus();
  });
  yes.addEventListener('click', async () => {
    yes.disabled = no.disabled = true;
    note.textContent = 'Deleting…';
    const result = await api<{ deleted: true }>('POST', apiPath('delete'), { token });
    if (result.ok) {
      status.textContent = '';
      area.replaceChildren(
        h(
          'div',
          { class: 'panel panel-success', id: 'rsvp-done' },
          h('p', {}, 'We have deleted your RSVP and everything we held about you for this meetup. The organiser no longer sees you on their list, and these links no longer work.'),
        ),
        meetupLink(ev),
      );
      return setHeading('Your details are deleted');
    }
    if (postProblem(result, ev, 'delete')) return;
    yes.disabled = no.disabled = false;
    note.textContent = failureText(result);
  });
  return [section];
}

/**
 * Checking in with the day's code, for someone with a place, from an hour before the start to an hour after the end.
 * Only the cancel link (the "You're in" email's) proves the place, so only its page offers it.
 */
const inCodeWindow = (ev: Meetup) => mode === 'cancel' && ev.status !== 'cancelled' && codeWindowOpen({ startUtc: ev.start.utc, endUtc: ev.end.utc }, new Date());

/** "You're checked in", where the form was: after the code is taken, and on every visit after. */
const checkedInPanel = (text: string) =>
  h('div', { class: 'panel panel-success', id: 'self-check-in', tabindex: '-1' }, h('h2', {}, 'You’re checked in'), h('p', {}, text));

function selfCheckIn(ev: Meetup, checkedInAt?: string): Node[] {
  if (!inCodeWindow(ev)) return [];
  if (checkedInAt) return [checkedInPanel('Enjoy the meetup!')];
  const template = document.createElement('template');
  template.innerHTML = selfCheckInHtml({ title: 'Checking in' }).toString();
  const section = template.content.firstElementChild as HTMLElement;
  const form = section.querySelector('form')!;
  const input = section.querySelector('input[name="code"]') as HTMLInputElement;
  const error = section.querySelector('.field-error') as HTMLElement;
  const field = input.closest('.field')!;
  const note = h('p', { class: 'status', role: 'status' });
  form.append(note);
  const showError = (text: string) => {
    error.hidden = false;
    error.replaceChildren(h('span', { class: 'visually-hidden' }, 'Error: '), text);
    field.classList.add('has-error');
    input.setAttribute('aria-describedby', 'self-check-in-hint self-check-in-error');
    note.textContent = '';
    input.focus();
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!input.value.trim()) return showError('Type the code of the day');
    const button = form.querySelector('button')!;
    button.disabled = true;
    note.textContent = 'Checking in…';
    const result = await api<{ already: boolean }>('POST', `/api/events/${encodeURIComponent(id!)}/check-in/self`, { key, token, code: input.value });
    button.disabled = false;
    if (!result.ok) {
      if (result.status === 400) return showError(result.body.details?.find((d) => d.field === 'code')?.message ?? result.body.message);
      if (result.status === 429) return showError(`Too many wrong codes. Please try again in ${waitText(result.retryAfterSeconds ?? 60)}, or ask the team at the door.`);
      return showError(failureText(result));
    }
    const done = checkedInPanel(result.data.already ? 'You were already checked in. Enjoy the meetup!' : 'Thank you, and enjoy the meetup!');
    section.replaceWith(done);
    document.getElementById('door-qr')?.remove(); // nothing left to show at the door
    done.focus();
  });
  return [section];
}

const SVG = 'http://www.w3.org/2000/svg';

/** A QR code as one SVG path, dark on white whatever the page's colours, with the 4-module quiet zone scanners need. */
function qrSvg(text: string, label: string): SVGSVGElement {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const size = n + 8;
  let d = '';
  for (let row = 0; row < n; row++) for (let col = 0; col < n; col++) if (qr.isDark(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
  const svg = document.createElementNS(SVG, 'svg');
  for (const [name, value] of Object.entries({ viewBox: `0 0 ${size} ${size}`, role: 'img', 'aria-label': label, class: 'qr-code', 'shape-rendering': 'crispEdges' })) svg.setAttribute(name, value);
  const background = document.createElementNS(SVG, 'rect');
  for (const [name, value] of Object.entries({ width: String(size), height: String(size), fill: '#fff' })) background.setAttribute(name, value);
  const modules = document.createElementNS(SVG, 'path');
  modules.setAttribute('d', d);
  modules.setAttribute('fill', '#000');
  svg.append(background, modules);
  return svg;
}

/**
 * "Show this at the door": a QR code a helper's phone scans into the check-in page, for a confirmed place at a meetup
 * with a door (not online) that is not over. It carries only the RSVP's key (web/src/qr.ts), never the token. Only the
 * cancel link (the "You're in" email's) proves the place, so only its page shows it. The list works without it.
 */
function doorQr(ev: Meetup, checkedInAt?: string): Node[] {
  if (mode !== 'cancel' || ev.status === 'cancelled' || ev.format === 'online' || hasEnded(ev) || checkedInAt) return [];
  return [
    h(
      'section',
      { class: 'panel door-qr', id: 'door-qr', 'aria-labelledby': 'door-qr-title' },
      h('h2', { id: 'door-qr-title' }, 'Show this at the door'),
      h('p', { class: 'hint', id: 'door-qr-hint' }, 'A helper scans it with their phone to check you in.'),
      h('p', { class: 'qr-frame' }, qrSvg(checkInQrUrl(location.origin, id!, key!), `QR code to check you in to ${ev.title}`)),
      h('p', {}, 'Or give your name at the door.'),
    ),
  ];
}

/** Where a used or stale link stands, shown as the page opens: true when there is nothing to press. */
function settled(standing: Standing): boolean {
  const ev = standing.event;
  const quiet = { focus: false };
  if (standing.status === 'removed') {
    removed(ev, mode === 'cancel' ? deleteSection(ev, 'none') : [], quiet);
    return true;
  }
  if (mode === 'confirm') {
    if (ev.status === 'cancelled') return false; // show() says the meetup is cancelled
    if (standing.status === 'confirmed') {
      outcome("You're in", 'panel-success', [
        h('p', {}, "Your place is confirmed, so there is nothing more to do. Your confirmation email has a calendar file, and a link to cancel if you can't come."),
        ...joiningLink({ status: 'confirmed', event: ev, ...(standing.onlineUrl ? { onlineUrl: standing.onlineUrl } : {}) }),
      ], ev, [], quiet);
      return true;
    }
    if (standing.status === 'waitlisted') {
      const n = standing.waitlistPosition;
      outcome(n ? `You're number ${n} on the waitlist` : "You're on the waitlist", 'panel-success', [
        h('p', {}, 'There is nothing more to do. If a place frees up, it goes to the first person waiting, and we email them.'),
      ], ev, [], quiet);
      return true;
    }
    if (standing.status === 'cancelled') {
      cancelledEarlier(ev, quiet);
      return true;
    }
    return false;
  }
  if (standing.status === 'cancelled' || standing.status === 'pending') {
    if (ev.status === 'cancelled' || hasEnded(ev)) return false;
    outcome(
      standing.status === 'pending' ? 'You have no place to cancel' : leaving ? "You've already left the waitlist" : 'Your place was already cancelled',
      'panel-success',
      [h('p', {}, standing.status === 'pending' ? 'Your reply was never confirmed, so there is nothing to cancel.' : 'There is nothing more to do.')],
      ev,
      deleteSection(ev, 'none'),
      quiet,
    );
    return true;
  }
  return false;
}

function show(standing: Standing) {
  const ev = standing.event;
  if (mode === 'cancel' && (standing.status === 'confirmed' || standing.status === 'waitlisted')) {
    leaving = standing.status === 'waitlisted';
  }
  if (settled(standing)) return;
  const holding = standing.status === 'confirmed' ? 'place' : standing.status === 'waitlisted' ? 'line' : 'none';
  /** The cancel link of a confirmed place during the code's window (an hour before the start to an hour after the end). */
  const atTheDoor = standing.status === 'confirmed' && inCodeWindow(ev);
  const actions = h('div', { id: 'rsvp-actions' });
  area.replaceChildren(details(ev), actions);
  status.textContent = '';
  const say = (text: string, cls = 'notice notice-warning') => actions.append(h('p', { class: cls }, text));

  if (mode === 'confirm') {
    if (ev.status === 'cancelled') {
      setHeading('This meetup has been cancelled', { focus: false });
      return say('So there is no place to confirm, and nothing for you to do.');
    }
    if (!ev.rsvpsOpen) {
      setHeading('RSVPs are closed', { focus: false });
      return say(CLOSED_MESSAGES[ev.rsvpClosedReason ?? 'closed']);
    }
  } else if (ev.status === 'cancelled' || hasEnded(ev)) {
    setHeading(ev.status === 'cancelled' ? 'This meetup has been cancelled' : 'This meetup is over', { focus: false });
    say(ev.status === 'cancelled' ? "So there is no place to cancel, and nothing for you to do." : 'So there is no place to free.');
    // The hour after the end is still in the code's window: someone who forgot can check in yet.
    if (atTheDoor && ev.status !== 'cancelled') area.prepend(...selfCheckIn(ev, standing.checkedInAt));
    return actions.append(...deleteSection(ev, holding));
  }

  const full = mode === 'confirm' && isFull(ev.places);
  const label = mode === 'confirm' ? (full ? 'Join the waitlist' : 'Confirm my place') : leaving ? 'Leave the waitlist' : 'Cancel my place';
  const button = h('button', { type: 'button', class: mode === 'confirm' ? 'button' : 'button button-warning' }, label);
  const note = h('p', { class: 'status', role: 'status' });
  if (mode === 'confirm') {
    setHeading(full ? 'Join the waitlist' : 'Confirm your place', { focus: false });
    actions.append(
      full
        ? h('p', {}, 'All places are taken just now, so pressing the button puts you on the waitlist. If a place frees up, it goes to the first person waiting.')
        : h('p', {}, 'Opening this link has not reserved anything: press the button to confirm your place.'),
    );
  } else {
    setHeading(leaving ? 'Leave the waitlist' : 'Cancel your place', { focus: false });
    const waiting = ev.places.waitlist > 0;
    if (atTheDoor) actions.append(h('h2', { id: 'cancel-title' }, 'Cancel your place'));
    actions.append(
      h('p', {}, leaving
        ? `Changed your mind? Leave the waitlist here${standing.waitlistPosition ? ` (you're number ${standing.waitlistPosition})` : ''}, and the next person moves up.`
        : `Can't come after all? Cancel here, and ${waiting ? 'your place goes to the first person on the waitlist' : ev.places.capacity === undefined ? 'the organiser will know you are not coming' : 'your place is free for someone else'}.`),
    );
  }
  if (atTheDoor) {
    // At the door the page is for checking in: that comes first, under a heading that fits the day; cancelling follows.
    setHeading(`Your place at ${ev.title}`, { focus: false });
    area.prepend(...selfCheckIn(ev, standing.checkedInAt), ...doorQr(ev, standing.checkedInAt));
  } else if (standing.status === 'confirmed') actions.prepend(...doorQr(ev, standing.checkedInAt));
  actions.append(h('p', {}, button), note);
  if (mode === 'cancel') actions.append(...deleteSection(ev, holding));

  button.addEventListener('click', async () => {
    button.disabled = true;
    note.textContent = mode === 'confirm' ? (full ? 'Joining the waitlist…' : 'Confirming…') : leaving ? 'Leaving the waitlist…' : 'Cancelling…';
    const result = await api<Outcome>('POST', apiPath(mode), { token });
    if (result.ok) return mode === 'confirm' ? confirmed(result.data) : cancelledOutcome(result.data);
    if (postProblem(result, ev, mode)) return;
    button.disabled = false;
    note.textContent = failureText(result);
  });
}

async function load() {
  if (!id || !key || !token) return void problem(INCOMPLETE_LINK.title, INCOMPLETE_LINK.body);
  status.textContent = 'Loading the meetup…';
  area.replaceChildren();
  // Only a read: how the RSVP stands, with the meetup. Opening the page changes nothing.
  const result = await api<Standing>('POST', apiPath('status'), { token });
  if (result.ok) return show(result.data);
  if (result.status === 404) {
    problem('We cannot find that meetup', 'It may have been deleted, or the link may be incomplete. ', h('a', { href: '/' }, 'See upcoming meetups'), '.');
    return;
  }
  if (result.status === 403) {
    const meetup = await api<Meetup>('GET', `/api/events/${encodeURIComponent(id)}`);
    if (meetup.ok) return void postProblem(result, meetup.data, mode);
    return void problem('This link does not work', 'It may be from an older email: if you reserved more than once, use the link in the most recent one.');
  }
  const again = h('button', { type: 'button', class: 'button button-secondary' }, 'Try again');
  again.addEventListener('click', () => void load());
  problem('Something went wrong', failureText(result));
  area.append(h('p', {}, again));
}

if (leaving) setHeading('Leave the waitlist', { focus: false });
window.addEventListener('hashchange', () => location.reload());
void load();
