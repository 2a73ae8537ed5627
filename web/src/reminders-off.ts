// Web entry for /reminders-off/:id/:key#token=… (the link in reminder emails): says at once whether reminders are
// already off (POST …/reminders-off/status, a read), and stops them only when the person presses the button (mail
// scanners open every link). The place itself is never touched.
import { api, failureMessage, type ApiResult } from './api.ts';
import { byId, focusOn, h, pathOf, setHeading } from './dom.ts';
import { INCOMPLETE_LINK } from '#views/link-pages.ts';

type Failure = Extract<ApiResult<unknown>, { ok: false }>;

/** The token pattern of functions/reminders/routes.ts (an HMAC-SHA256 in base64url). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const [, id, key] = /^\/reminders-off\/([a-z0-9]{1,40})\/([A-Za-z0-9_-]{1,64})\/?$/.exec(location.pathname) ?? [];
const raw = new URLSearchParams(location.hash.replace(/^#/, '')).get('token')?.trim();
const token = raw && TOKEN.test(raw) ? raw : undefined;

const status = byId('page-status');
const area = byId('reminders-off-area');
const meetup = byId('reminders-off-meetup');
const actions = byId('reminders-off-actions');
const button = byId<HTMLButtonElement>('reminders-off-button');
const note = byId('reminders-off-note');
/** `/events/<id>` redirects to the meetup's page; the real path replaces it once the meetup has loaded. */
let meetupPath = `/events/${id ?? ''}`;
const meetupLink = (text = 'See the meetup page') => h('a', { href: meetupPath }, text);
const apiPath = `/api/events/${encodeURIComponent(id ?? '')}/rsvps/${encodeURIComponent(key ?? '')}/reminders-off`;

function problem(title: string, ...body: (Node | string)[]) {
  problemWith({}, title, ...body);
}

function problemWith({ focus = true }: { focus?: boolean }, title: string, ...body: (Node | string)[]) {
  status.textContent = '';
  const box = h('div', { class: 'notice notice-warning', role: 'alert' }, h('p', {}, ...body));
  actions.replaceChildren(box);
  area.hidden = false;
  setHeading(title, { focus });
}

const incomplete = () => problem(INCOMPLETE_LINK.title, INCOMPLETE_LINK.body);

/** 403, 404 and 400 end the visit with an explanation; anything else leaves the button to try again. */
function ended(result: Failure, opts: { focus?: boolean } = {}): boolean {
  if (result.status === 403) problemWith(opts, 'This link does not work', 'Use the link from your most recent reminder email. ', meetupLink(), '.');
  else if (result.status === 404)
    problemWith(opts, 'We cannot find your reply', 'The organiser may have removed it, or the meetup was a while ago. ', meetupLink(), '.');
  else if (result.status === 400) incomplete();
  else return false;
  return true;
}

/** The question's place, when there is nothing to ask: a notice, a link to the meetup, and a heading that says why. */
function nothingToAsk(heading: string, text: string) {
  actions.replaceChildren(h('p', { class: 'notice' }, text), h('p', {}, meetupLink()));
  status.textContent = '';
  area.hidden = false;
  setHeading(heading, { focus: false });
}

/** The question and its button, shown only once it is known there is something to ask (or the reads failed). */
function ask(waiting: boolean) {
  byId('reminders-off-question').textContent = `Stop reminder emails for this meetup? ${waiting ? 'You keep your place on the waitlist.' : 'You keep your place.'}`;
  status.textContent = '';
  area.hidden = false;
}

/**
 * Names the meetup above the question, and drops the question when reminders are already off or there will be none
 * anyway (no place, cancelled or over). Only reads; if they fail, the button still works.
 */
async function showMeetup() {
  const [standing, result] = await Promise.all([
    api<{ remindersOff: boolean; status: string }>('POST', `${apiPath}/status`, { token }),
    api<{ title: string; url: string; status: string; start: { utc: string } }>('GET', `/api/events/${encodeURIComponent(id!)}`),
  ]);
  if (result.ok) {
    meetupPath = pathOf(result.data.url, meetupPath);
    meetup.replaceChildren('Meetup: ', meetupLink(result.data.title));
    meetup.hidden = false;
  }
  if (!standing.ok && ended(standing, { focus: false })) return;
  if (standing.ok && standing.data.remindersOff)
    return nothingToAsk('Reminders are already off', 'Reminders are already off for this meetup; your place stays.');
  if (standing.ok && standing.data.status !== 'confirmed' && standing.data.status !== 'waitlisted')
    return nothingToAsk('No reminders to stop', 'You have no place at this meetup (or on its waitlist), so there are no reminders to stop.');
  const waiting = standing.ok && standing.data.status === 'waitlisted';
  if (!result.ok) return ask(waiting);
  const cancelled = result.data.status === 'cancelled';
  if (!cancelled && Date.parse(result.data.start.utc) > Date.now()) return ask(waiting);
  nothingToAsk('No reminders to stop', cancelled ? 'This meetup has been cancelled, so there are no more reminders to stop.' : 'This meetup has started, so there are no more reminders to stop.');
}

button.addEventListener('click', async () => {
  button.disabled = true;
  note.textContent = 'Stopping reminders…';
  const result = await api<{ status: 'reminders-off'; message: string }>('POST', apiPath, { token });
  if (result.ok) {
    const panel = h(
      'div',
      { class: 'panel panel-success', id: 'reminders-off-done', tabindex: '-1' },
      h('h2', {}, 'No more reminders'),
      h('p', {}, result.data.message),
      h('p', {}, meetupLink()),
    );
    actions.replaceChildren(panel);
    document.title = 'No more reminders · Signpost';
    return focusOn(panel);
  }
  if (ended(result)) return;
  button.disabled = false;
  note.textContent = failureMessage(result);
});

if (!id || !key || !token) incomplete();
else {
  // The question waits for the answer to "how does it stand?", so a used link never flashes its button.
  status.textContent = 'Checking your link…';
  void showMeetup();
}
window.addEventListener('hashchange', () => location.reload());
