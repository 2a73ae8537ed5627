// Web entry for the check-in page (/events/<id>/check-in). Signed in, the server has rendered the list; with the
// manage link (#token=… from the manage page) it is fetched here. Taps are applied on screen at once and queued
// (check-in-queue.ts), sent in order, and kept when the Wi-Fi drops: the page says plainly what is not saved yet and
// sends it when the connection returns. The search filters as you type; focus stays with the person tapped.
import { checkInBodyHtml, checkInTeamHtml, nameMatches, type CheckInList, type CheckInPerson } from '#views/check-in-page.ts';
import { api, waitText, type ApiResult } from './api.ts';
import { byId, h } from './dom.ts';
import { enqueue, sendQueued, storedQueue, unsavedText, withQueued, type QueuedTap, type Sent } from './check-in-queue.ts';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const RETRY_MS = 5000;

const id = /^\/events\/([a-z0-9]{1,40})\/check-in\/?$/.exec(location.pathname)?.[1];
const fragmentToken = new URLSearchParams(location.hash.replace(/^#/, '')).get('token')?.trim();
const token = fragmentToken && TOKEN.test(fragmentToken) ? fragmentToken : undefined;
const app = document.getElementById('check-in-app');

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
})();

const newRequestId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
const apiPath = (path: string) => `/api/events/${encodeURIComponent(id!)}${path}`;
const withToken = (body: Record<string, unknown> = {}) => (token ? { ...body, token } : body);

type Failure = Extract<ApiResult<unknown>, { ok: false }>;
const failureText = (r: Failure) =>
  r.status === 0 ? 'No connection.' : r.status === 429 ? `Too many tries: wait ${waitText(r.retryAfterSeconds ?? 60)}.` : r.status >= 500 ? 'Something went wrong on our side.' : r.body.message;

function start(list: CheckInList) {
  const queue = storedQueue(storage, list.eventId);
  let requestId = newRequestId();
  let retryTimer: number | undefined;
  let sending = false;

  const status = byId('check-in-status');
  const unsaved = byId('check-in-unsaved');
  const say = (text: string, warning = false) => status.replaceChildren(h('p', { class: `notice ${warning ? 'notice-warning' : 'notice-success'}` }, text));
  const query = () => (document.getElementById('check-in-q') as HTMLInputElement | null)?.value ?? '';

  /** Draws the list (with the queued taps), then puts focus on `focusId`, or back where it was. */
  function render(focusId?: string) {
    const was = document.activeElement?.id;
    const q = query();
    const template = document.createElement('template');
    template.innerHTML = checkInBodyHtml({ ...list, people: withQueued(list.people, queue.read()) }, { q, requestId }).toString();
    byId('check-in-body').replaceChildren(template.content);
    const text = unsavedText(queue.read(), navigator.onLine);
    unsaved.hidden = !text;
    unsaved.textContent = text ?? '';
    const target = (focusId && document.getElementById(focusId)) || (was && document.getElementById(was)) || undefined;
    target?.focus();
    if (target instanceof HTMLInputElement && target.type === 'search') target.setSelectionRange(q.length, q.length);
  }

  function filter() {
    const q = query();
    let shown = 0;
    for (const row of document.querySelectorAll<HTMLElement>('.check-in-person')) {
      row.hidden = !nameMatches(row.dataset.name ?? '', q);
      if (!row.hidden) shown++;
    }
    const none = document.getElementById('check-in-no-match');
    if (none) {
      none.hidden = shown > 0 || !list.people.length || !q.trim();
      none.textContent = `Nobody on the list matches “${q.trim()}”. Add them as a walk-in below if they have no place.`;
    }
  }

  const upsert = (person: CheckInPerson) => {
    list.people = [...list.people.filter((p) => p.key !== person.key), person];
  };

  async function send(tap: QueuedTap): Promise<Sent> {
    const result =
      tap.op === 'walk-in'
        ? await api<{ person: CheckInPerson }>('POST', apiPath('/check-in/walk-ins'), withToken({ name: tap.name, email: tap.email ?? '', requestId: tap.requestId }))
        : await api<{ person?: CheckInPerson }>('POST', apiPath({ 'check-in': '/check-in/person', undo: '/check-in/person/undo', 'remove-walk-in': '/check-in/walk-ins/remove' }[tap.op]), withToken({ key: tap.key }));
    if (result.ok) return { ok: true, person: result.data.person };
    if (result.status === 0 || result.status === 429 || result.status >= 500) return { ok: false, retry: true };
    return { ok: false, retry: false, message: `${tap.name}: ${failureText(result)}` };
  }

  function saved(tap: QueuedTap, sent: Exclude<Sent, { retry: true }>) {
    if (!sent.ok) return say(`Not saved: ${sent.message}`, true);
    if (tap.op === 'remove-walk-in') list.people = list.people.filter((p) => p.key !== tap.key);
    else if (sent.person) upsert(sent.person);
  }

  async function flush() {
    if (sending || !navigator.onLine) return render();
    sending = true;
    render();
    const was = queue.read().length;
    const outcome = await sendQueued(queue, send, saved).finally(() => (sending = false));
    // A walk-in saved moves from its pending key to its own: focus follows the list, not a vanished row.
    render();
    if (outcome === 'retry') {
      window.clearTimeout(retryTimer);
      retryTimer = window.setTimeout(() => void flush(), RETRY_MS);
    } else if (was > 0 && !status.querySelector('.notice-warning')) say('All changes are saved.');
  }

  function tap(t: QueuedTap, words: string, focusId: string) {
    queue.write(enqueue(queue.read(), t));
    render(focusId);
    say(navigator.onLine ? words : `${words} Not saved yet: it is sent when the connection is back.`);
    void flush();
  }

  app!.addEventListener('input', (e) => {
    if ((e.target as HTMLElement).id === 'check-in-q') filter();
  });

  app!.addEventListener('submit', (e) => {
    const form = e.target as HTMLFormElement;
    e.preventDefault();
    if (form.method.toLowerCase() === 'get') return filter();
    const fields = new FormData(form);
    const action = String(fields.get('action'));
    const key = String(fields.get('key') ?? '');
    const name = (list.people.find((p) => p.key === key) ?? withQueued(list.people, queue.read()).find((p) => p.key === key))?.name ?? 'The walk-in';
    const at = new Date().toISOString();
    if (action === 'check-in') return tap({ op: 'check-in', key, name, at }, `${name} is checked in.`, `undo-${key}`);
    if (action === 'undo') return tap({ op: 'undo', key, name, at }, `Undone: ${name} is not checked in.`, `check-in-${key}`);
    if (action === 'remove-walk-in') return tap({ op: 'remove-walk-in', key, name, at }, `${name} is removed.`, 'check-in-q');
    if (action === 'walk-in') {
      const walkIn = String(fields.get('name') ?? '').trim();
      if (!walkIn) {
        say('Write their name to add a walk-in.', true);
        return document.getElementById('walk-in-name')?.focus();
      }
      const t: QueuedTap = { op: 'walk-in', requestId, name: walkIn, email: String(fields.get('email') ?? '').trim() || undefined, at };
      requestId = newRequestId();
      return tap(t, `${walkIn} is added as a walk-in, and checked in.`, 'walk-in-name');
    }
    if (action === 'rotate') void rotate();
  });

  async function rotate() {
    if (!navigator.onLine) return say('A new code needs a connection: try again when it is back.', true);
    const result = await api<{ code: string; createdAt: string }>('POST', apiPath('/check-in/code/rotate'), withToken());
    if (!result.ok) return say(`No new code: ${failureText(result)}`, true);
    list.code = { code: result.data.code, createdAt: result.data.createdAt };
    render('rotate-code');
    say(`New code: ${result.data.code}. The old one no longer works.`);
  }

  window.addEventListener('online', () => void flush());
  window.addEventListener('offline', () => render());
  render();
  filter();
  void flush();
}

async function load() {
  if (!id || !app) return;
  const mode = app.dataset.mode;
  if (mode === 'self' || (mode === 'signed-out' && !token)) return;
  const result = await api<CheckInList>('POST', apiPath('/check-in/list'), withToken());
  if (!result.ok) {
    if (mode === 'team') return; // the server's list stays, as plain forms
    app.replaceChildren(h('div', { class: 'notice notice-warning', role: 'alert' }, h('p', {}, result.status === 403 ? 'This manage link is not valid or has expired. Use the latest link from your email.' : failureText(result))));
    return;
  }
  if (mode !== 'team') {
    const template = document.createElement('template');
    template.innerHTML = checkInTeamHtml(result.data, { requestId: '' }).toString();
    app.replaceChildren(template.content);
    app.dataset.mode = 'team';
    const title = document.getElementById('page-title');
    if (title) title.textContent = `Check-in: ${result.data.title}`;
  }
  start(result.data);
}

void load();
