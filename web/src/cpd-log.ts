// Web entry for the CPD log (/me/cpd, and an activity's edit page): a live word count under each reflection. The
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
