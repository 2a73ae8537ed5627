// Web entry for the confirm page: shows the draft and publishes it only when the organiser presses the button
// (mail scanners open links, so loading the page changes nothing). The heading, the badge and the words always
// follow the meetup's state as the API last returned it.
import { api, failureMessage, type ApiResult } from './api.ts';
import { byId, focusOn, h, setHeading } from './dom.ts';
import { eventPreview, publicPath } from './event-preview.ts';
import { manageHref, readManageLink, reloadOnNewLink } from './manage-link.ts';
import { INCOMPLETE_LINK } from '#views/link-pages.ts';
import type { ManagedEvent } from '#functions/core/event.ts';

const status = byId('page-status');
const area = byId('confirm-area');
const { id, token } = readManageLink();

function problem(title: string, ...body: (Node | string)[]) {
  status.textContent = '';
  setHeading(title, { focus: false });
  const box = h('div', { class: 'notice notice-warning', role: 'alert' }, h('p', {}, ...body));
  area.replaceChildren(box);
}

function apiProblem(result: Extract<ApiResult<unknown>, { ok: false }>, retry: () => void) {
  if (result.status === 403) {
    problem('This link does not work', result.body.message, ' If you listed several meetups, check you opened the right email.');
  } else if (result.status === 404) {
    problem(
      'We cannot find that meetup',
      'Listings that are not confirmed within 7 days are removed, and organisers can delete meetups that are over. You can ',
      h('a', { href: '/new' }, 'list it again'),
      '.',
    );
  } else {
    const again = h('button', { type: 'button', class: 'button button-secondary' }, 'Try again');
    again.addEventListener('click', retry);
    problem('Something went wrong', failureMessage(result));
    area.append(h('p', {}, again));
  }
}

function links(ev: ManagedEvent, tokenValue: string) {
  return h(
    'ul',
    { class: 'link-list' },
    ev.status !== 'draft' ? h('li', {}, h('a', { href: publicPath(ev) }, 'See the public page')) : null,
    h('li', {}, h('a', { href: manageHref(ev.id, tokenValue) }, ev.status === 'cancelled' ? 'Manage this meetup' : 'Edit or cancel this meetup')),
  );
}

function preview(ev: ManagedEvent) {
  return h('section', { 'aria-labelledby': 'preview-title', class: 'preview' }, h('h2', { id: 'preview-title' }, ev.title), eventPreview(ev, { withDescription: true }));
}

/** After "Confirm and publish": the heading, the panel and the preview's badge all say Published. */
function published(ev: ManagedEvent, tokenValue: string) {
  const panel = h(
    'div',
    { class: 'panel panel-success', id: 'confirm-done' },
    h('p', {}, 'Your meetup is now public: ', h('a', { href: publicPath(ev) }, ev.title), '. Share that link with your network.'),
    h(
      'p',
      {},
      'Keep the email we sent you: its second link, “Manage your meetup”, is how you edit or cancel the meetup later. ',
      h('a', { href: manageHref(ev.id, tokenValue) }, 'Open the manage page now'),
      '.',
    ),
  );
  area.replaceChildren(panel, preview(ev));
  status.textContent = '';
  setHeading('Your meetup is published');
}

function show(ev: ManagedEvent, tokenValue: string) {
  const actions = h('div', { id: 'confirm-actions' });
  if (ev.status === 'draft') {
    const button = h('button', { type: 'button', class: 'button' }, 'Confirm and publish');
    const note = h('p', { class: 'status', role: 'status' });
    button.addEventListener('click', async () => {
      button.disabled = true;
      note.textContent = 'Publishing…';
      const result = await api<ManagedEvent>('POST', `/api/events/${encodeURIComponent(ev.id)}/publish`, { token: tokenValue });
      if (result.ok) return published(result.data, tokenValue);
      button.disabled = false;
      if (result.status === 403 || result.status === 404) return apiProblem(result, () => void load());
      note.textContent = failureMessage(result);
      focusOn(note);
    });
    actions.append(
      h('p', {}, 'Nothing is public yet. Check the details above, then publish it.'),
      h('p', {}, button),
      note,
      h('p', {}, 'Something to change first? ', h('a', { href: manageHref(ev.id, tokenValue) }, 'Edit the details'), '.'),
    );
    setHeading('Confirm your meetup', { focus: false });
  } else if (ev.status === 'published') {
    actions.append(h('div', { class: 'notice notice-success' }, h('p', {}, 'There is nothing more to do: it is on the public list.')), links(ev, tokenValue));
    setHeading('Your meetup is already published', { focus: false });
  } else {
    actions.append(h('div', { class: 'notice notice-warning' }, h('p', {}, 'A cancelled meetup cannot be published again.')), links(ev, tokenValue));
    setHeading('This meetup has been cancelled', { focus: false });
  }
  area.replaceChildren(preview(ev), actions);
  status.textContent = '';
}

async function load() {
  if (!id || !token) return problem(INCOMPLETE_LINK.title, INCOMPLETE_LINK.body);
  status.textContent = 'Loading your meetup…';
  area.replaceChildren();
  const result = await api<ManagedEvent>('POST', `/api/events/${encodeURIComponent(id)}/manage`, { token });
  if (result.ok) show(result.data, token);
  else apiProblem(result, () => void load());
}

reloadOnNewLink();
void load();
