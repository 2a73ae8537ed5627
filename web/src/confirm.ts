// Web entry for the confirm page: shows the draft and publishes it only when the organiser presses the button
// (mail scanners open links, so loading the page changes nothing).
import { api, failureMessage, type ApiResult } from './api.ts';
import { byId, focusOn, h } from './dom.ts';
import { eventPreview, publicPath } from './event-preview.ts';
import { manageHref, readManageLink, reloadOnNewLink } from './manage-link.ts';
import type { ManagedEvent } from '#functions/core/event.ts';

const status = byId('page-status');
const area = byId('confirm-area');
const { id, token } = readManageLink();

function problem(title: string, ...body: (Node | string)[]) {
  status.textContent = '';
  const box = h('div', { class: 'notice notice-warning', role: 'alert' }, h('h2', {}, title), h('p', {}, ...body));
  area.replaceChildren(box);
}

function apiProblem(result: Extract<ApiResult<unknown>, { ok: false }>, retry: () => void) {
  if (result.status === 403) {
    problem('This link does not work', result.body.message, ' If you listed several meetups, check you opened the right email.');
  } else if (result.status === 404) {
    problem(
      'We cannot find that meetup',
      'Listings that are not confirmed within 7 days are removed. You can ',
      h('a', { href: '/new' }, 'list it again'),
      '.',
    );
  } else {
    const again = h('button', { type: 'button', class: 'button button-secondary' }, 'Try again');
    again.addEventListener('click', retry);
    problem('Something went wrong', failureMessage(result), ' ');
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

function published(ev: ManagedEvent, tokenValue: string) {
  const panel = h(
    'div',
    { class: 'panel panel-success', tabindex: '-1' },
    h('h2', {}, 'Published'),
    h('p', {}, 'Your meetup is now public: ', h('a', { href: publicPath(ev) }, ev.title), '. Share that link with your network.'),
    h(
      'p',
      {},
      'Keep the email we sent you: its link is also your manage link, for editing or cancelling the meetup later. ',
      h('a', { href: manageHref(ev.id, tokenValue) }, 'Manage your meetup'),
      '.',
    ),
  );
  byId('confirm-actions').replaceChildren(panel);
  status.textContent = '';
  focusOn(panel);
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
      note.textContent = failureMessage(result);
    });
    actions.append(
      h('p', {}, 'Nothing is public yet. Check the details above, then publish it.'),
      h('p', {}, button),
      note,
      h('p', {}, 'Something to change first? ', h('a', { href: manageHref(ev.id, tokenValue) }, 'Edit the details'), '.'),
    );
  } else if (ev.status === 'published') {
    actions.append(h('div', { class: 'notice notice-success' }, h('p', {}, 'This meetup is already published. There is nothing more to do.')), links(ev, tokenValue));
  } else {
    actions.append(h('div', { class: 'notice notice-warning' }, h('p', {}, 'This meetup has been cancelled, so it cannot be published.')), links(ev, tokenValue));
  }

  area.replaceChildren(
    h('section', { 'aria-labelledby': 'preview-title', class: 'preview' }, h('h2', { id: 'preview-title' }, ev.title), eventPreview(ev, { withDescription: true })),
    actions,
  );
  status.textContent = ev.status === 'draft' ? `Loaded your meetup “${ev.title}”. It is not published yet.` : `Loaded your meetup “${ev.title}”.`;
}

async function load() {
  if (!id || !token) {
    problem(
      'This link looks incomplete',
      'Open the link from the email we sent you. If you copied it, make sure you copied all of it, including the part after “#token=”.',
    );
    return;
  }
  status.textContent = 'Loading your meetup…';
  area.replaceChildren();
  const result = await api<ManagedEvent>('POST', `/api/events/${encodeURIComponent(id)}/manage`, { token });
  if (result.ok) show(result.data, token);
  else apiProblem(result, () => void load());
}

reloadOnNewLink();
void load();
