// Web entry for the check-in page (/events/<id>/check-in). Signed in, the server has rendered the list; with the
// manage link (#token=… from the manage page) it is fetched here. Taps are applied on screen at once and queued
// (check-in-queue.ts), sent in order, and kept when the Wi-Fi drops: the page says plainly what is not saved yet and
// sends it when the connection returns. The search filters as you type; focus stays with the person tapped.
// Where the browser can read QR codes (BarcodeDetector), "Scan a QR code" reads the one on an attendee's RSVP page
// and checks them in as a tap does; opened at …/check-in#rsvp=<key> (a phone's own camera app), the page shows that
// person with their button focused, and checks nobody in by itself.
import { checkInBodyHtml, checkInTeamHtml, nameMatches, sectionHeading, type CheckInList, type CheckInPerson } from '#views/check-in-page.ts';
import { api, waitText, type ApiResult } from './api.ts';
import { byId, h } from './dom.ts';
import { enqueue, sendQueued, storedQueue, unsavedText, withQueued, type QueuedTap, type Sent } from './check-in-queue.ts';
import { readCheckInQr, rsvpKeyIn } from './qr.ts';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const RETRY_MS = 5000;
const SCAN_EVERY_MS = 200;

/** The little of the Barcode Detection API used here (not in TypeScript's DOM types yet). */
interface QrDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface QrDetectorClass {
  new (options: { formats: string[] }): QrDetector;
  getSupportedFormats(): Promise<string[]>;
}

/** A QR reader, where the browser has one and a camera API: otherwise the list alone. */
async function qrDetector(): Promise<QrDetector | undefined> {
  const Detector = (window as unknown as { BarcodeDetector?: QrDetectorClass }).BarcodeDetector;
  if (!Detector || !navigator.mediaDevices?.getUserMedia) return undefined;
  try {
    return (await Detector.getSupportedFormats()).includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : undefined;
  } catch {
    return undefined;
  }
}

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
  const savedNote = byId('check-in-saved');
  /**
   * Whether "All changes are saved." is also said aloud when the queue empties: only for taps whose saving was put
   * off (offline, or a retry), which the status line said were not saved. A tap saved at once was announced once, by
   * name; its saving shows in the quiet line below, so the status line keeps "Bea is checked in.".
   */
  let announceSaved = queue.read().length > 0;
  const say = (text: string, warning = false) => status.replaceChildren(h('p', { class: `notice ${warning ? 'notice-warning' : 'notice-success'}` }, text));
  const query = () => (document.getElementById('check-in-q') as HTMLInputElement | null)?.value ?? '';
  /** The person a QR code or a #rsvp= link named: marked on the list until another is. */
  let highlighted: string | undefined;

  /** Draws the list (with the queued taps), then puts focus on `focusId`, or back where it was. */
  function render(focusId?: string) {
    const was = document.activeElement?.id;
    const q = query();
    const template = document.createElement('template');
    template.innerHTML = checkInBodyHtml({ ...list, people: withQueued(list.people, queue.read()) }, { q, requestId }).toString();
    byId('check-in-body').replaceChildren(template.content);
    if (highlighted) document.getElementById(`person-${highlighted}`)?.classList.add('is-highlighted');
    const text = unsavedText(queue.read(), navigator.onLine);
    unsaved.hidden = !text;
    unsaved.textContent = text ?? '';
    if (text) savedNote.hidden = true;
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
    // Headings say how many of each section match, so none promises rows the search hides.
    for (const section of document.querySelectorAll<HTMLElement>('.check-in-section[data-title]')) {
      const rows = [...section.querySelectorAll<HTMLElement>('.check-in-person')];
      const heading = section.querySelector('h2');
      if (heading) heading.textContent = sectionHeading(section.dataset.title ?? '', rows.length, rows.filter((r) => !r.hidden).length, q);
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
    if (!sending && !navigator.onLine && queue.read().length) announceSaved = true;
    if (sending || !navigator.onLine) return render();
    sending = true;
    render();
    const was = queue.read().length;
    const outcome = await sendQueued(queue, send, saved).finally(() => (sending = false));
    // A walk-in saved moves from its pending key to its own: focus follows the list, not a vanished row.
    render();
    if (outcome === 'retry') {
      announceSaved = true;
      window.clearTimeout(retryTimer);
      retryTimer = window.setTimeout(() => void flush(), RETRY_MS);
    } else if (was > 0 && !status.querySelector('.notice-warning')) {
      // Said aloud (the status line) or shown quietly, never both at once.
      if (announceSaved) say('All changes are saved.');
      else savedNote.hidden = false;
      announceSaved = false;
    }
  }

  function tap(t: QueuedTap, words: string, focusId: string) {
    queue.write(enqueue(queue.read(), t));
    savedNote.hidden = true;
    render(focusId);
    say(navigator.onLine ? words : `${words} Not saved yet: it is sent when the connection is back.`);
    void flush();
  }

  const shown = (key: string) => withQueued(list.people, queue.read()).find((p) => p.key === key);
  const checkIn = (key: string, name: string, focusId = `undo-${key}`) =>
    tap({ op: 'check-in', key, name, at: new Date().toISOString() }, `${name} is checked in.`, focusId);

  /** Shows the person a QR code's address names (#rsvp=<key>), with their button focused: the helper presses it. */
  function showPerson(key: string) {
    const person = shown(key);
    if (!person) return say('The person in that link is not on this meetup’s list: find them by name, or add a walk-in.', true);
    highlighted = key;
    const search = document.getElementById('check-in-q') as HTMLInputElement | null;
    if (search && !nameMatches(person.name, search.value)) search.value = '';
    const done = person.status === 'walkin' || Boolean(person.checkedInAt);
    render(person.status === 'walkin' ? `remove-${key}` : done ? `undo-${key}` : `check-in-${key}`);
    filter();
    document.getElementById(`person-${key}`)?.scrollIntoView({ block: 'center' });
    say(done ? `${person.name} is already checked in.` : `${person.name}: press Check in to check them in.`);
  }

  /** "Scan a QR code": the camera in a small panel until a code is read, then the same check-in as a tap. */
  function addScanner(detector: QrDetector) {
    const scan = h('button', { type: 'button', class: 'button', id: 'check-in-scan' }, 'Scan a QR code');
    const stop = h('button', { type: 'button', class: 'button button-secondary', id: 'check-in-scan-stop' }, 'Stop scanning');
    const video = h('video', { muted: true, playsinline: true, 'aria-label': 'The camera’s view' });
    video.muted = true;
    const panel = h('div', { class: 'panel qr-scan', id: 'check-in-scan-panel', hidden: true },
      video, h('p', { class: 'hint' }, 'Point the camera at the QR code on their phone or ticket.'), h('p', {}, stop));
    byId('check-in-body').before(h('div', { class: 'qr-scanner' }, h('p', {}, scan), panel));

    let stream: MediaStream | undefined;
    let timer: number | undefined;
    let reading = false;

    function end() {
      window.clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
      stream = undefined;
      video.srcObject = null;
      panel.hidden = true;
      scan.hidden = false;
    }

    function scanned(text: string) {
      end();
      const read = readCheckInQr(text, { origin: location.origin, eventId: list.eventId });
      if (read.kind !== 'person') {
        say(read.kind === 'other-meetup' ? 'That QR code is for another meetup: nobody is checked in.' : 'That QR code is not a check-in code for this meetup: nobody is checked in.', true);
        return scan.focus();
      }
      const person = shown(read.key);
      if (!person) {
        say('That QR code’s place is not on this meetup’s list: nobody is checked in.', true);
        return scan.focus();
      }
      highlighted = read.key;
      if (person.status === 'walkin' || person.checkedInAt) {
        render('check-in-scan');
        return say(`${person.name} is already checked in.`);
      }
      checkIn(read.key, person.name, 'check-in-scan');
    }

    scan.addEventListener('click', async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch {
        return say('The camera could not be opened. Find the name in the list instead.', true);
      }
      video.srcObject = stream;
      scan.hidden = true;
      panel.hidden = false;
      stop.focus();
      await video.play().catch(() => undefined);
      timer = window.setInterval(async () => {
        if (reading || !stream || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return;
        reading = true;
        try {
          const [code] = await detector.detect(video);
          if (code && stream) scanned(code.rawValue);
        } catch {
          // A frame that can't be read: try the next one.
        } finally {
          reading = false;
        }
      }, SCAN_EVERY_MS);
    });
    stop.addEventListener('click', () => {
      end();
      scan.focus();
    });
    window.addEventListener('pagehide', end);
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
    if (action === 'check-in') return checkIn(key, name);
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
      // A search for someone else would hide the walk-in just added: clear it, so they show on the list.
      const search = document.getElementById('check-in-q') as HTMLInputElement | null;
      if (search && !nameMatches(walkIn, search.value)) search.value = '';
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
  window.addEventListener('hashchange', () => {
    const key = rsvpKeyIn(location.hash);
    if (key) showPerson(key);
  });
  render();
  filter();
  const linked = rsvpKeyIn(location.hash);
  if (linked) showPerson(linked);
  void flush();
  void qrDetector().then((detector) => detector && addScanner(detector));
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
