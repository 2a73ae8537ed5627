// Web entry for the CPD log (/me/cpd, and an activity's edit page): a live word count under each reflection. The
// page works without it (the forms are plain posts, and the server writes the count of what was saved). The count is
// a polite live region. Over 250 words is a warning, never a block: the 5,000-character limit is the textarea's.
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
