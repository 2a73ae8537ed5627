// Web entry for /organiser-email/:id (the links in the emails about changing a meetup's organiser address):
// #token=… (to the new address) confirms it, #stop=… (to the old one) stops the change. Either happens only when the
// person presses the button (mail scanners open every link); the token goes only into that POST's body.
import { api, failureMessage, type ApiResult } from './api.ts';
import { byId, focusOn, h, pathOf, setHeading } from './dom.ts';
import { INCOMPLETE_LINK } from '#views/link-pages.ts';

type Failure = Extract<ApiResult<unknown>, { ok: false }>;
interface Outcome {
  status: 'changed' | 'stopped';
  already: boolean;
  title: string;
  organiserEmail: string;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const id = /^\/organiser-email\/([a-z0-9]{1,40})\/?$/.exec(location.pathname)?.[1];
const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
const stopping = fragment.has('stop');
const raw = (stopping ? fragment.get('stop') : fragment.get('token'))?.trim();
const token = raw && TOKEN.test(raw) ? raw : undefined;

const status = byId('page-status');
const area = byId('organiser-email-area');
const meetup = byId('organiser-email-meetup');
const actions = byId('organiser-email-actions');
const question = byId('organiser-email-question');
const button = byId<HTMLButtonElement>('organiser-email-button');
const note = byId('organiser-email-note');
/** `/events/<id>` redirects to the meetup's page; a draft has none, so the link appears only once it has loaded. */
let meetupPath: string | undefined;
const meetupLink = () => (meetupPath ? h('p', {}, h('a', { href: meetupPath }, 'See the meetup page')) : null);

function problem(title: string, ...body: (Node | string)[]) {
  status.textContent = '';
  actions.replaceChildren(h('div', { class: 'notice notice-warning', role: 'alert' }, h('p', {}, ...body)), meetupLink() ?? '');
  area.hidden = false;
  setHeading(title);
}

/** 400, 403, 404 and 409 end the visit with an explanation; anything else leaves the button to try again. */
function ended(result: Failure): boolean {
  if (result.status === 400) problem(INCOMPLETE_LINK.title, INCOMPLETE_LINK.body);
  else if (result.status === 403) problem(stopping ? 'This link does not work' : 'This link does not work', result.body.message);
  else if (result.status === 404) problem('We cannot find that meetup', 'It may have been deleted, or an unconfirmed listing may have expired.');
  else if (result.status === 409) problem('Too late to stop it', result.body.message);
  else return false;
  return true;
}

/** Names the meetup above the question. Only a read (published meetups only); if it fails, the button still works. */
async function showMeetup() {
  const result = await api<{ title: string; url: string }>('GET', `/api/events/${encodeURIComponent(id!)}`);
  if (!result.ok) return;
  meetupPath = pathOf(result.data.url, `/events/${id}`);
  meetup.replaceChildren('Meetup: ', h('a', { href: meetupPath }, result.data.title));
  meetup.hidden = false;
}

function done(outcome: Outcome) {
  const changed = outcome.status === 'changed';
  const heading = changed ? 'Organiser address changed' : 'Change stopped';
  const words = changed
    ? [
        `Emails about “${outcome.title}” now go to ${outcome.organiserEmail}.`,
        outcome.already ? 'This link had already been used: there was nothing more to do.' : 'We have emailed a new manage link to that address; the old manage link no longer works.',
      ]
    : [
        outcome.already ? `There was nothing to stop: the change had already been stopped, or its link had expired.` : `The organiser address of “${outcome.title}” stays as it was.`,
        'Anyone with the manage link can edit the meetup, so keep that email to yourself.',
      ];
  const panel = h('div', { class: 'panel panel-success', id: 'organiser-email-done', tabindex: '-1' }, ...words.map((w) => h('p', {}, w)));
  actions.replaceChildren(panel, meetupLink() ?? '');
  setHeading(heading);
  document.title = `${heading} · Signpost`;
  focusOn(panel);
}

button.addEventListener('click', async () => {
  button.disabled = true;
  note.textContent = stopping ? 'Stopping the change…' : 'Confirming…';
  const path = `/api/events/${encodeURIComponent(id!)}/organiser-email/${stopping ? 'stop' : 'confirm'}`;
  const result = await api<Outcome>('POST', path, { token });
  if (result.ok) return done(result.data);
  if (ended(result)) return;
  button.disabled = false;
  note.textContent = failureMessage(result);
});

if (!id || !token) problem(INCOMPLETE_LINK.title, INCOMPLETE_LINK.body);
else {
  question.textContent = stopping
    ? 'Stop the change of organiser address? The meetup keeps its current address, and the link sent to the new one stops working.'
    : "Make this address the meetup's organiser address? Emails about the meetup, and its manage link, then come here.";
  button.textContent = stopping ? 'Stop this change' : 'Confirm this address';
  setHeading(stopping ? 'Stop the change of organiser address' : 'Confirm your email address', { focus: false });
  area.hidden = false;
  void showMeetup();
}
window.addEventListener('hashchange', () => location.reload());
