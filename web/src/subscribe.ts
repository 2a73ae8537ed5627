// Web: the Subscribe panel in the browser. Builds feed blocks shaped like feedBlockHtml (the event page's come from
// the server), keeps every link in step with the reminder choice, and copies addresses, selecting the text instead
// when the clipboard is not available.
import { subscribeLinks, type SubscribeLinks } from '#functions/core/subscribe-links.ts';
import { COPY_LABEL, LINK_LABELS, withAlarm, type SubscribeFeed } from '#views/subscribe-section.ts';
import { h } from './dom.ts';

function feedBlock(feed: SubscribeFeed, id: string): HTMLElement {
  const hidden = (text: string) => h('span', { class: 'visually-hidden' }, text);
  return h(
    'div',
    { class: 'feed', role: 'group', 'aria-labelledby': `${id}-title`, 'data-feed-url': feed.url, 'data-feed-name': feed.name },
    h('h3', { id: `${id}-title` }, feed.label),
    h(
      'ul',
      { class: 'feed-links' },
      ...LINK_LABELS.map(({ key, label, hint }) =>
        h('li', {}, h('a', { 'data-link': key }, label, hidden(`: ${feed.label}`)), hint ? ' ' : null, hint ? h('span', { class: 'link-hint' }, `(${hint})`) : null),
      ),
    ),
    h('label', { for: `${id}-url` }, COPY_LABEL),
    h(
      'div',
      { class: 'copy-row' },
      h('input', { id: `${id}-url`, type: 'text', readonly: true, 'data-link': 'https', spellcheck: 'false' }),
      h('button', { type: 'button', class: 'button button-secondary copy-button' }, 'Copy', hidden(` the address for ${feed.label}`)),
    ),
  );
}

/** Rewrites every link and address in the panel for the chosen reminder. */
function refresh(panel: HTMLElement): void {
  const minutes = panel.querySelector<HTMLSelectElement>('.alarm-select')?.value ?? '';
  for (const block of panel.querySelectorAll<HTMLElement>('.feed[data-feed-url]')) {
    const links = subscribeLinks(withAlarm(block.dataset.feedUrl!, minutes), block.dataset.feedName!);
    for (const el of block.querySelectorAll<HTMLAnchorElement | HTMLInputElement>('[data-link]')) {
      const value = links[el.dataset.link as keyof SubscribeLinks];
      if (el instanceof HTMLInputElement) el.value = value;
      else el.href = value;
    }
  }
}

/** Replaces the panel's feeds (the reminder choice carries over); `extra` is shown after them. */
export function showFeeds(panel: HTMLElement, feeds: SubscribeFeed[], ...extra: Node[]): void {
  const prefix = panel.id || 'subscribe';
  panel.querySelector('.feeds')!.replaceChildren(...feeds.map((feed, i) => feedBlock(feed, `${prefix}-feed-${i}`)), ...extra);
  refresh(panel);
}

/** Says something in the panel's live region; clearing first makes a repeated message heard again. */
function say(status: HTMLElement | null, text: string) {
  if (!status) return;
  status.textContent = '';
  setTimeout(() => (status.textContent = text), 50);
}

async function copy(button: HTMLButtonElement, status: HTMLElement | null) {
  const input = button.parentElement!.querySelector('input')!;
  const label = button.closest('.feed')?.querySelector('h3')?.textContent ?? 'this calendar';
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(input.value);
    say(status, `Copied the address for ${label}.`);
  } catch {
    input.focus();
    input.select();
    say(status, 'The address is selected: press Ctrl+C (or ⌘C on a Mac) to copy it.');
  }
}

/** Shows the parts that need a script and wires the reminder and the Copy buttons (once per panel). */
export function enhanceSubscribe(panel: HTMLElement): void {
  panel.querySelectorAll<HTMLElement>('.js-only').forEach((el) => (el.hidden = false));
  panel.querySelector('.alarm-select')?.addEventListener('change', () => refresh(panel));
  const status = panel.querySelector<HTMLElement>('.copy-status');
  panel.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('.copy-button');
    if (button) void copy(button, status);
  });
  refresh(panel);
}
