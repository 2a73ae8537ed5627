// Web entry for the CPD log (/me/cpd, and an activity’s edit page): a live word count under each reflection, the done
// notice focused, a warning before unsaved typing is lost, and the date’s max as the browser’s own today. The
// page works without it (the forms are plain posts, and the server writes the count of what was saved). The count is
// a polite live region. Over 250 words is a warning, never a block: the 5,000-character limit is the textarea's.
// Opened at a record (?record=<id> from the record's email; #record-<id> from older emails), its reflection takes the
// focus, with the record's title in sight when there is room (the server's autofocus focuses it without JavaScript).
import { REFLECTION_WORDS, wordCount } from '#functions/core/cpd.ts';

/** As views/cpd-log-page.ts writes it. */
const countText = (words: number) =>
  `${words} of ${REFLECTION_WORDS} words${words > REFLECTION_WORDS ? `: more than the ${REFLECTION_WORDS} most schemes ask for, which is fine` : ''}`;

/** A short pause: the count keeps up with typing, and a screen reader hears it when the typing stops, not at every key. */
const PAUSE_MS = 400;

for (const area of document.querySelectorAll<HTMLTextAreaElement>('textarea[data-word-count]')) {
  const output = document.getElementById(area.dataset.wordCount ?? '');
  if (!output) continue;
  let timer: ReturnType<typeof setTimeout> | undefined;
  area.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const words = wordCount(area.value);
      output.textContent = countText(words);
      output.classList.toggle('is-over', words > REFLECTION_WORDS);
    }, PAUSE_MS);
  });
}

/** The record (or activity) the address points at, unless the page is back from a form post (?done=: its notice speaks). */
function openedReflection(): HTMLTextAreaElement | null {
  const query = new URLSearchParams(location.search);
  if (query.has('done')) return null;
  const asked = query.get('record');
  const target = asked ? `record-${asked}` : /^#((?:record|activity)-[\w-]+)$/.exec(location.hash)?.[1];
  if (!target) return null;
  const field = document.getElementById(`${target}-reflection`);
  return field instanceof HTMLTextAreaElement ? field : null;
}

/** After the page has loaded: Chrome's own jump to a #fragment, as the page finishes, would take the focus away again. */
function openAtReflection() {
  const opened = openedReflection();
  if (!opened) return;
  if (document.activeElement !== opened) opened.focus({ preventScroll: true });
  // The record's title in sight too, when the screen is tall enough for it and the reflection; else the reflection.
  opened.closest('.cpd-item')?.scrollIntoView({ block: 'start' });
  if (opened.getBoundingClientRect().bottom > innerHeight) opened.scrollIntoView({ block: 'center' });
}
if (document.readyState === 'complete') openAtReflection();
else addEventListener('load', () => setTimeout(openAtReflection), { once: true });

/** After a form post (?done=): its notice, where the person is (the item they acted on), takes the focus. */
function focusDone() {
  const notice = document.getElementById('cpd-done');
  if (!notice) return;
  if (document.activeElement !== notice) notice.focus({ preventScroll: true });
  // The item's title in sight too, below the notice at its top; the notice itself wherever it is.
  const item = notice.closest('.cpd-item');
  if (item) item.scrollIntoView({ block: 'start' });
  const box = notice.getBoundingClientRect();
  if (box.top < 0 || box.bottom > innerHeight) notice.scrollIntoView({ block: 'center' });
}
if (document.readyState === 'complete') focusDone();
else addEventListener('load', () => setTimeout(focusDone), { once: true });

// Typing not yet saved: a form is dirty from its first input until it is sent. Sending one form (or leaving the page)
// while another is dirty would lose that typing, so the browser asks first. The form being sent stays dirty until the
// page goes (staying, at the question, keeps it so). The downloads' form (a GET, answered with a file) never leaves the
// page, so it neither counts nor asks.
const dirty = new Set<HTMLFormElement>();
let sending: HTMLFormElement | null = null;
document.addEventListener('input', (event) => {
  const form = event.target instanceof Element ? event.target.closest('form') : null;
  if (form && form.method === 'post') dirty.add(form);
});
document.addEventListener('submit', (event) => {
  if (event.target instanceof HTMLFormElement) sending = event.target;
});
addEventListener('beforeunload', (event) => {
  const downloading = sending !== null && sending.method !== 'post';
  const unsaved = [...dirty].some((form) => form !== sending);
  // Still here after the question (they stayed), or a download: the next leaving counts every dirty form again.
  setTimeout(() => { sending = null; });
  if (!unsaved || downloading) return;
  event.preventDefault();
  // Older browsers ask only when returnValue is set.
  event.returnValue = '';
});

/** The date's latest day as this browser's own today: the server allows the furthest-ahead zone's, a day later here. */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
for (const input of document.querySelectorAll<HTMLInputElement>('input[type="date"][max]')) {
  const today = localToday();
  // Never later than the server's own limit (a browser whose clock runs ahead would offer a day it refuses).
  if (today < input.max) input.max = today;
}
