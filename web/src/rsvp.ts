// Web entry for the pages behind the links in RSVP emails (/rsvp/:id/:key and /rsvp/:id/:key/cancel): shows the
// meetup, then confirms or cancels only when the person presses the button (mail scanners open every link).
import { FORMAT_LABELS } from '#functions/core/formats.ts';
import { isFull, placesText } from '#views/rsvp-section.ts';
import { CLOSED_MESSAGES } from '#functions/core/availability.ts';
import { api, waitText, type ApiResult } from './api.ts';
import { byId, focusOn, h, pathOf } from './dom.ts';
import { formatWhen, viewerTimeText } from './time.ts';
import type { PublicEvent } from '#functions/core/event.ts';

type Meetup = PublicEvent;
type Failure = Extract<ApiResult<unknown>, { ok: false }>;
interface Confirmed {
  status: 'confirmed' | 'waitlisted';
  waitlistPosition?: number;
  event: Meetup;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const match = /^\/rsvp\/([a-z0-9]{1,40})\/([A-Za-z0-9_-]{1,64})(\/cancel)?\/?$/.exec(location.pathname);
const [, id, key, cancelSuffix] = match ?? [];
const mode = cancelSuffix ? 'cancel' : 'confirm';
const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
const rawToken = fragment.get('token')?.trim();
const token = rawToken && TOKEN.test(rawToken) ? rawToken : undefined;
/** A "Leave the waitlist" link may say so in its fragment (`&waitlist=1`); the wording follows, the request is the same. */
const leaving = mode === 'cancel' && fragment.get('waitlist') === '1';

const status = byId('page-status');
const area = byId('rsvp-area');
const eventPath = (ev: Meetup) => pathOf(ev.url, `/events/${ev.id}`);

function problem(title: string, ...body: (Node | string)[]): HTMLElement {
  status.textContent = '';
  const box = h('div', { class: 'notice notice-warning', role: 'alert' }, h('h2', {}, title), h('p', {}, ...body));
  area.replaceChildren(box);
  return box;
}

function details(ev: Meetup): HTMLElement {
  const row = (term: string, ...detail: (Node | string | null)[]) => [h('dt', {}, term), h('dd', {}, ...detail)];
  const yours = viewerTimeText(ev.start.utc, ev.end.utc, ev.timezone);
  const where = ev.venue ? h('span', { class: 'pre-line' }, ev.venue) : FORMAT_LABELS[ev.format];
  return h(
    'section',
    { class: 'preview', 'aria-labelledby': 'meetup-title' },
    h('h2', { id: 'meetup-title' }, ev.title),
    h(
      'dl',
      { class: 'facts' },
      ...row('When', h('time', { datetime: ev.start.utc }, formatWhen(ev.start.utc, ev.end.utc, ev.timezone)), yours ? h('span', { class: 'viewer-time' }, yours) : null),
      ...row('Where', where, ev.format === 'hybrid' ? ' (or online)' : ''),
      ...row('Places', placesText(ev.places, ev.rsvpsOpen)),
      ...row('Organiser', ev.organiserName),
    ),
    h('p', {}, h('a', { href: eventPath(ev) }, 'See the full meetup page')),
  );
}

/** 403, 404 and 409 end the visit with an explanation; anything else leaves the button to try again. */
function postProblem(result: Failure, ev: Meetup): boolean {
  const back = () => [' ', h('a', { href: eventPath(ev) }, 'See the meetup page'), '.'];
  if (result.status === 403) {
    problem(
      'This link does not work',
      'It may be from an older email: if you replied more than once, use the link in the most recent one. ',
      ...back(),
    );
  } else if (result.status === 404) {
    problem('We cannot find your reply', 'It may have been removed by the organiser, or the link may be incomplete.', ...back());
  } else if (result.status === 409) {
    problem(mode === 'confirm' ? 'RSVPs are closed' : 'We could not cancel your place', result.body.message, ...back());
  } else return false;
  area.prepend(details(ev));
  focusOn(area.querySelector<HTMLElement>('[role="alert"]')!);
  return true;
}

function failureText(result: Failure): string {
  if (result.status === 429) return `Too many tries just now. Please try again in ${waitText(result.retryAfterSeconds ?? 60)}.`;
  if (result.status >= 500) return 'Something went wrong on our side. Please try again in a moment.';
  return result.body.message;
}

function done(title: string, ...body: Node[]) {
  const panel = h('div', { class: 'panel panel-success', id: 'rsvp-done', tabindex: '-1' }, h('h2', {}, title), ...body);
  byId('rsvp-actions').replaceChildren(panel);
  status.textContent = '';
  focusOn(panel);
}

function confirmed(result: Confirmed) {
  const ev = result.event;
  const link = h('p', {}, h('a', { href: eventPath(ev) }, 'See the meetup page'));
  if (result.status === 'waitlisted') {
    const n = result.waitlistPosition;
    done(
      n ? `You're on the waitlist, number ${n}` : "You're on the waitlist",
      h('p', {}, "We'll email you if a place frees up."),
      link,
    );
  } else {
    done("You're in!", h('p', {}, "We've emailed your confirmation with a calendar file and a link to cancel if you can't come."), link);
  }
}

function show(ev: Meetup) {
  const actions = h('div', { id: 'rsvp-actions' });
  area.replaceChildren(details(ev), actions);
  status.textContent = `Loaded the meetup “${ev.title}”.`;

  if (ev.status === 'cancelled') {
    const text = mode === 'confirm' ? 'This meetup has been cancelled, so there is no place to confirm.' : "This meetup has been cancelled, so you don't need to do anything.";
    actions.append(h('p', { class: 'notice notice-warning' }, text));
    return;
  }

  if (mode === 'confirm' && !ev.rsvpsOpen) {
    const why = CLOSED_MESSAGES[ev.rsvpClosedReason ?? 'closed'];
    actions.append(h('p', { class: 'notice notice-warning' }, `${why} If you had already confirmed your place, you keep it.`));
    return;
  }

  const label = mode === 'confirm' ? 'Confirm my place' : leaving ? 'Leave the waitlist' : 'Cancel my place';
  const button = h('button', { type: 'button', class: mode === 'confirm' ? 'button' : 'button button-warning' }, label);
  const note = h('p', { class: 'status', role: 'status' });
  if (mode === 'confirm') {
    const full = isFull(ev.places);
    actions.append(
      h('p', {}, 'Your place is not reserved until you press the button.'),
      full ? h('p', {}, 'All places are taken just now, so confirming puts you on the waitlist. If you already have a place, you keep it.') : '',
    );
  } else {
    actions.append(
      h(
        'p',
        {},
        leaving
          ? 'Changed your mind? Leave the waitlist here, and the next person moves up.'
          : "Can't come after all? Cancel here and your place goes to the next person on the waitlist. If you are on the waitlist yourself, this takes you off it.",
      ),
    );
  }
  actions.append(h('p', {}, button), note);

  button.addEventListener('click', async () => {
    button.disabled = true;
    note.textContent = mode === 'confirm' ? 'Confirming…' : 'Cancelling…';
    const path = `/api/events/${encodeURIComponent(id!)}/rsvps/${encodeURIComponent(key!)}/${mode}`;
    if (mode === 'confirm') {
      const result = await api<Confirmed>('POST', path, { token });
      if (result.ok) return confirmed(result.data);
      if (postProblem(result, ev)) return;
      button.disabled = false;
      note.textContent = failureText(result);
    } else {
      const result = await api<{ status: 'cancelled'; event: Meetup }>('POST', path, { token });
      if (result.ok) {
        return done(
          leaving ? "You've left the waitlist" : 'Your place is freed',
          h('p', {}, 'Thank you for letting us know.'),
          h('p', {}, h('a', { href: eventPath(result.data.event) }, 'See the meetup page')),
        );
      }
      if (postProblem(result, ev)) return;
      button.disabled = false;
      note.textContent = failureText(result);
    }
  });
}

async function load() {
  if (!id || !key || !token) {
    problem(
      'This link looks incomplete',
      'Open the link from the email we sent you. If you copied it, make sure you copied all of it, including the part after “#token=”.',
    );
    return;
  }
  status.textContent = 'Loading the meetup…';
  area.replaceChildren();
  const result = await api<Meetup>('GET', `/api/events/${encodeURIComponent(id)}`);
  if (result.ok) return show(result.data);
  if (result.status === 404) {
    problem('We cannot find that meetup', 'It may have been removed, or the link may be incomplete. ', h('a', { href: '/' }, 'See upcoming meetups'), '.');
    return;
  }
  const again = h('button', { type: 'button', class: 'button button-secondary' }, 'Try again');
  again.addEventListener('click', () => void load());
  problem('Something went wrong', failureText(result));
  area.append(h('p', {}, again));
}

if (leaving) {
  document.querySelector('h1')!.textContent = 'Leave the waitlist';
  document.title = 'Leave the waitlist · Signpost';
}
window.addEventListener('hashchange', () => location.reload());
void load();
