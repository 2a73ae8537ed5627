// Web entry for the manage page: loads the organiser's meetup, saves edits (with a version check), publishes drafts,
// cancels with a two-step confirmation, deletes a meetup that is over, shows who has replied (attendees.ts) and
// emails them (messages.ts).
// Every action re-renders the page from the meetup the API returned, so no part of it contradicts another.
import { api, failureMessage, type ApiResult } from './api.ts';
import { setupAttendees } from './attendees.ts';
import { setupMessages } from './messages.ts';
import { byId, focusOn, h, setHeading } from './dom.ts';
import { setupEventForm } from './event-form.ts';
import { eventPreview, publicPath } from './event-preview.ts';
import { readManageLink, reloadOnNewLink } from './manage-link.ts';
import { INCOMPLETE_LINK } from '#views/link-pages.ts';
import { ACCOUNT_PAGES } from '#functions/core/paths.ts';
import { onTheDay } from '#functions/core/attendance.ts';
import { currentSession } from './session.ts';
import type { ManagedEvent } from '#functions/core/event.ts';
import type { SeriesView } from '#views/event-page.ts';
import { seriesSection } from './series.ts';

/** An address change waits for the new address to confirm it (the edit response, and later loads, say which). */
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
const deleteSection = byId('delete-section');
const deleteWhy = byId('delete-why');
const deleteStart = byId<HTMLButtonElement>('delete-start');
const deleteConfirm = byId('delete-confirm');
const deleteYes = byId<HTMLButtonElement>('delete-yes');
const deleteNo = byId<HTMLButtonElement>('delete-no');
const ef = setupEventForm(byId<HTMLFormElement>('event-form'));

const { id, token } = readManageLink();
let current: ManagedEvent | undefined;
/** The form as filled from the meetup last loaded: "Save changes" with nothing different has nothing to send. */
let filledAs = '';
const formState = () => new URLSearchParams([...new FormData(ef.form)].map(([k, v]) => [k, String(v)])).toString();

const eventUrl = (suffix = '') => `/api/events/${encodeURIComponent(id!)}${suffix}`;
// Without the emailed link's token, the session cookie answers for a signed-in organiser or team member.
const attendees = setupAttendees({ eventUrl, token, fatal: (result) => fatal(result) });
const messages = setupMessages({ eventUrl, token, fatal: (result) => fatal(result) });

function hideAll() {
  overview.hidden = editSection.hidden = cancelSection.hidden = deleteSection.hidden = true;
  attendees?.hide();
  messages.hide();
}

/** "sign in", and back to this page afterwards (its path only: the fragment may hold a token). */
const signInLink = () => h('a', { href: `${ACCOUNT_PAGES.signIn}?next=${encodeURIComponent(location.pathname)}` }, 'sign in');

function showProblem(title: string, ...body: (Node | string)[]) {
  status.textContent = '';
  hideAll();
  setHeading(title, { focus: false });
  problemArea.replaceChildren(h('div', { class: 'notice notice-warning', role: 'alert' }, h('p', {}, ...body)));
}

const hasEnded = (ev: ManagedEvent) => Date.parse(ev.end.utc) <= Date.now();

/** "We've emailed <new> a link…": shown after saving a new address, and for as long as it waits. */
function pendingEmailText(ev: ManagedEvent): string | undefined {
  if (!ev.pendingOrganiserEmail) return undefined;
  return `We've emailed ${ev.pendingOrganiserEmail} a link to confirm the change of address; until then, emails about this meetup go to ${ev.organiserEmail}.`;
}

/** 403 and 404 end the session whatever was being done; anything else is reported where it happened. */
function fatal(result: Failure): boolean {
  if (result.status === 401) {
    showProblem('Sign in to manage this meetup', 'Open the manage link from your email, or ', signInLink(), ' with the organiser’s address, or as one of its network’s organisers.');
    return true;
  }
  if (result.status === 403) {
    showProblem('This link does not work', result.body.message);
    return true;
  }
  if (result.status === 404) {
    showProblem(
      'We cannot find that meetup',
      'It may have been a listing that was never confirmed (those are removed after 7 days), or a meetup that was deleted. You can ',
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
    if (hasEnded(ev)) parts.push(h('p', {}, 'This meetup is over.'));
    parts.push(h('p', {}, 'Public page: ', h('a', { href: publicPath(ev), class: 'url' }, ev.url)));
    // The door on the day (networks/authority.ts: 12 hours either side): the list, walk-ins and the code of the day
    // (the token travels in the fragment).
    if (onTheDay({ startUtc: ev.start.utc, endUtc: ev.end.utc }, new Date())) parts.push(h('p', {}, h('a', { href: `/events/${encodeURIComponent(ev.id)}/check-in${token ? `#token=${token}` : ''}`, id: 'check-in-link' }, 'Check people in at the door')));
  } else {
    parts.push(
      h('p', { class: 'notice notice-warning' }, 'This meetup is cancelled. It stays listed, marked as cancelled, and can no longer be edited.'),
      h('p', {}, 'Public page: ', h('a', { href: publicPath(ev), class: 'url' }, ev.url)),
    );
  }
  const pending = pendingEmailText(ev);
  if (pending) parts.push(h('p', { class: 'notice' }, pending));
  parts.push(h('p', {}, h('a', { href: `/new?like=${encodeURIComponent(ev.id)}${token ? `#token=${token}` : ''}`, id: 'list-another' }, 'List another like this'), ' (the same details, new dates; nobody’s place is copied)'));
  overviewBody.replaceChildren(h('h3', {}, ev.title), eventPreview(ev), ...parts);
  void showSeries(ev);
  overview.hidden = false;
  overview.classList.toggle('is-cancelled', ev.status === 'cancelled');

  editSection.hidden = ev.status === 'cancelled';
  cancelSection.hidden = ev.status !== 'published' || hasEnded(ev);
  const deletable = ev.status === 'cancelled' || (ev.status === 'published' && hasEnded(ev));
  deleteSection.hidden = !deletable;
  deleteWhy.textContent = ev.status === 'cancelled' ? 'This meetup was cancelled, so you can delete it.' : 'This meetup is over, so you can delete it.';
  resetCancel();
  resetDelete();
  if (ev.status !== 'cancelled') {
    ef.fill(ev);
    filledAs = formState();
  }
  attendees?.show(ev);
  messages.show(ev);
}

/** One of a series: its dates in the overview, and the edit form's "this one, or this and all later ones". */
async function showSeries(ev: ManagedEvent) {
  const applyTo = byId('applyTo-field');
  const cancelNote = byId('cancel-series-note');
  applyTo.hidden = cancelNote.hidden = true;
  if (ev.status === 'draft' || !ev.inSeries) return;
  const result = await api<SeriesView>('GET', eventUrl('/series'));
  if (!result.ok || current?.id !== ev.id) return;
  applyTo.hidden = ev.status === 'cancelled';
  cancelNote.hidden = false;
  overviewBody.append(seriesSection(ev, result.data));
}

async function load(announce = true) {
  if (!id) return showProblem(INCOMPLETE_LINK.title, INCOMPLETE_LINK.body);
  // No token from an email: a signed-in owner or network organiser manages it with their session; anyone else has
  // a link cut short, or has to sign in.
  if (!token && !(await currentSession()).signedIn) return showProblem(INCOMPLETE_LINK.title, `${INCOMPLETE_LINK.body} Or `, signInLink(), ' with the organiser’s address, or as one of its network’s organisers.');
  if (announce) status.textContent = 'Loading your meetup…';
  const result = await api<ManagedEvent>('POST', eventUrl('/manage'), { token });
  if (result.ok) {
    render(result.data);
    if (announce) status.textContent = '';
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
  if (formState() === filledAs) {
    savedNotice.replaceChildren(h('p', {}, h('strong', {}, 'Nothing to save: '), "you haven't changed anything."));
    savedNotice.hidden = false;
    return focusOn(savedNotice);
  }

  ef.setBusy(true, 'Saving…');
  const applyTo = (ef.form.elements.namedItem('applyTo') as RadioNodeList | null)?.value === 'later' ? 'later' : 'this';
  const result = await api<ManagedEvent>('PUT', eventUrl(), { ...checked.data, token, version: current.version, applyTo });
  ef.setBusy(false);

  if (result.ok) {
    render(result.data);
    const pending = pendingEmailText(result.data);
    savedNotice.replaceChildren(
      h('p', {}, h('strong', {}, 'Saved. '), result.data.status === 'published' ? 'Your changes are live on the public page.' : 'Publish it when you are ready.'),
      pending ? h('p', {}, pending) : '',
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

// ---- Deleting a meetup that is over (or cancelled), with its attendee data ----
function resetDelete() {
  deleteConfirm.hidden = true;
  deleteStart.hidden = false;
  deleteYes.disabled = false;
}

deleteStart.addEventListener('click', () => {
  deleteConfirm.hidden = false;
  deleteStart.hidden = true;
  focusOn(deleteConfirm);
});

deleteNo.addEventListener('click', () => {
  resetDelete();
  deleteStart.focus();
});

deleteYes.addEventListener('click', async () => {
  deleteYes.disabled = true;
  status.textContent = 'Deleting…';
  const title = current?.title ?? 'Your meetup';
  const result = await api<{ deleted: true }>('POST', eventUrl('/delete'), { token });
  if (result.ok) {
    hideAll();
    status.textContent = '';
    problemArea.replaceChildren(
      h(
        'div',
        { class: 'panel panel-success' },
        h('p', {}, `“${title}” and everything about the people who replied to it have been deleted. This manage link no longer works.`),
        h('p', {}, h('a', { href: '/new' }, 'List another meetup')),
      ),
    );
    setHeading('Meetup deleted');
    return;
  }
  deleteYes.disabled = false;
  if (fatal(result)) return;
  status.textContent = failureMessage(result);
  if (result.status === 409) await load(false);
});

reloadOnNewLink();
void load();
