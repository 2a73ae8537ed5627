// Web entry for the manage page: loads the organiser's meetup, saves edits (with a version check), publishes drafts,
// cancels with a two-step confirmation, and shows who has replied (attendees.ts).
import { api, failureMessage, type ApiResult } from './api.ts';
import { setupAttendees } from './attendees.ts';
import { byId, focusOn, h } from './dom.ts';
import { setupEventForm } from './event-form.ts';
import { eventPreview, publicPath } from './event-preview.ts';
import { readManageLink, reloadOnNewLink } from './manage-link.ts';
import type { ManagedEvent } from '#functions/core/event.ts';

type Failure = Extract<ApiResult<unknown>, { ok: false }>;

const status = byId('page-status');
const problemArea = byId('problem');
const overview = byId('overview');
const overviewBody = byId('overview-body');
const editSection = byId('edit-section');
const cancelSection = byId('cancel-section');
const cancelStart = byId<HTMLButtonElement>('cancel-start');
const cancelConfirm = byId('cancel-confirm');
const cancelYes = byId<HTMLButtonElement>('cancel-yes');
const cancelNo = byId<HTMLButtonElement>('cancel-no');
const savedNotice = byId('saved-notice');
const ef = setupEventForm(byId<HTMLFormElement>('event-form'));

const { id, token } = readManageLink();
let current: ManagedEvent | undefined;

const eventUrl = (suffix = '') => `/api/events/${encodeURIComponent(id!)}${suffix}`;
const attendees = token ? setupAttendees({ eventUrl, token, fatal: (result) => fatal(result) }) : undefined;

function showProblem(title: string, ...body: (Node | string)[]) {
  status.textContent = '';
  overview.hidden = editSection.hidden = cancelSection.hidden = true;
  attendees?.hide();
  problemArea.replaceChildren(h('div', { class: 'notice notice-warning', role: 'alert' }, h('h2', {}, title), h('p', {}, ...body)));
}

/** 403 and 404 end the session whatever was being done; anything else is reported where it happened. */
function fatal(result: Failure): boolean {
  if (result.status === 403) {
    showProblem('This link does not work', result.body.message);
    return true;
  }
  if (result.status === 404) {
    showProblem(
      'We cannot find that meetup',
      'It may have been a listing that was never confirmed; those are removed after 7 days. You can ',
      h('a', { href: '/new' }, 'list it again'),
      '.',
    );
    return true;
  }
  return false;
}

function render(ev: ManagedEvent) {
  current = ev;
  problemArea.replaceChildren();
  const parts: Node[] = [];
  if (ev.status === 'draft') {
    const publish = h('button', { type: 'button', class: 'button' }, 'Confirm and publish');
    publish.addEventListener('click', () => void publishDraft(publish));
    parts.push(h('p', {}, 'This meetup is not public yet. When the details are right, publish it.'), h('p', {}, publish));
  } else if (ev.status === 'published') {
    parts.push(h('p', {}, 'Public page: ', h('a', { href: publicPath(ev) }, ev.url)));
  } else {
    parts.push(
      h('p', { class: 'notice notice-warning' }, 'This meetup is cancelled. It stays listed, marked as cancelled, and can no longer be edited.'),
      h('p', {}, 'Public page: ', h('a', { href: publicPath(ev) }, ev.url)),
    );
  }
  overviewBody.replaceChildren(h('h3', {}, ev.title), eventPreview(ev), ...parts);
  overview.hidden = false;
  overview.classList.toggle('is-cancelled', ev.status === 'cancelled');

  editSection.hidden = ev.status === 'cancelled';
  cancelSection.hidden = ev.status !== 'published';
  resetCancel();
  if (ev.status !== 'cancelled') ef.fill(ev);
  attendees?.show(ev);
}

async function load(announce = true) {
  if (!id || !token) {
    showProblem(
      'This link looks incomplete',
      'Open the link from the email we sent you. If you copied it, make sure you copied all of it, including the part after “#token=”.',
    );
    return;
  }
  status.textContent = 'Loading your meetup…';
  const result = await api<ManagedEvent>('POST', eventUrl('/manage'), { token });
  if (result.ok) {
    render(result.data);
    if (announce) status.textContent = `Loaded your meetup “${result.data.title}”.`;
    return;
  }
  if (fatal(result)) return;
  const again = h('button', { type: 'button', class: 'button button-secondary' }, 'Try again');
  again.addEventListener('click', () => void load());
  showProblem('Something went wrong', failureMessage(result), ' ');
  problemArea.append(h('p', {}, again));
}

async function publishDraft(button: HTMLButtonElement) {
  button.disabled = true;
  status.textContent = 'Publishing…';
  const result = await api<ManagedEvent>('POST', eventUrl('/publish'), { token });
  if (result.ok) {
    render(result.data);
    status.textContent = 'Published. Your meetup is now public.';
    focusOn(overviewBody);
    return;
  }
  button.disabled = false;
  if (!fatal(result)) status.textContent = failureMessage(result);
}

// ---- Saving edits ----
ef.form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (ef.busy || !current) return;
  savedNotice.hidden = true;
  ef.clearErrors();
  const checked = ef.validate();
  if (!checked.ok) return ef.showErrors(checked.issues);

  ef.setBusy(true, 'Saving…');
  const result = await api<ManagedEvent>('PUT', eventUrl(), { ...checked.data, token, version: current.version });
  ef.setBusy(false);

  if (result.ok) {
    render(result.data);
    savedNotice.replaceChildren(
      h('p', {}, h('strong', {}, 'Saved. '), result.data.status === 'published' ? 'Your changes are live on the public page.' : 'Publish it when you are ready.'),
    );
    savedNotice.hidden = false;
    focusOn(savedNotice);
    return;
  }
  if (fatal(result)) return;
  if (result.status === 400 && result.body.details?.length) return ef.showErrors(result.body.details);
  if (result.status === 409 && result.body.error === 'edit_conflict') {
    const reload = h('button', { type: 'button', class: 'button button-secondary' }, 'Load the latest version');
    reload.addEventListener('click', async () => {
      ef.clearErrors();
      await load(false);
      status.textContent = 'Loaded the latest version. Make your changes again, then save.';
      focusOn(byId('title'));
    });
    return ef.showErrors([{ field: 'body', message: result.body.message }], {
      title: 'Someone else changed this meetup',
      extra: h('p', {}, reload, ' Your unsaved changes on this page will be replaced.'),
    });
  }
  if (result.status === 409 && result.body.error === 'event_cancelled') {
    await load(false);
    status.textContent = result.body.message;
    return focusOn(overviewBody);
  }
  ef.showErrors([{ field: 'body', message: `${failureMessage(result)} Your changes are still here.` }], { title: 'We could not save your changes' });
});

// ---- Cancelling: a button that reveals the real one; no window.confirm ----
function resetCancel() {
  cancelConfirm.hidden = true;
  cancelStart.hidden = false;
  cancelYes.disabled = false;
}

cancelStart.addEventListener('click', () => {
  cancelConfirm.hidden = false;
  cancelStart.hidden = true;
  focusOn(cancelConfirm);
});

cancelNo.addEventListener('click', () => {
  resetCancel();
  cancelStart.focus();
});

cancelYes.addEventListener('click', async () => {
  cancelYes.disabled = true;
  status.textContent = 'Cancelling…';
  const result = await api<ManagedEvent>('POST', eventUrl('/cancel'), { token });
  if (result.ok) {
    render(result.data);
    status.textContent = 'Cancelled. The public page now says so.';
    focusOn(overviewBody);
    return;
  }
  cancelYes.disabled = false;
  if (!fatal(result)) status.textContent = failureMessage(result);
});

reloadOnNewLink();
void load();
