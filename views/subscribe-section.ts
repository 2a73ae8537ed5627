// Views: the "Subscribe" panel's wording and markup, shared by the event page (server), the static pages (build)
// and their scripts. Browser-safe (no Node imports); every piece of text is escaped by the html template.
import { html, type Html } from './html.ts';
import { SUBSCRIBE_NOTES, subscribeLinks, type SubscribeLinks } from '#functions/core/subscribe-links.ts';
import type { ALARM_CHOICES } from '#functions/core/paths.ts';

/** One feed offered in a panel: its absolute https URL, the name calendars give it, and the heading shown for it. */
export interface SubscribeFeed {
  url: string;
  name: string;
  label: string;
}

type AlarmMinutes = (typeof ALARM_CHOICES)[number];
/** The reminder choices, as the feeds accept them (`?alarm=<minutes>`); the type keeps them in step. */
export const ALARM_LABELS: Record<AlarmMinutes, string> = {
  15: '15 minutes before',
  30: '30 minutes before',
  60: '1 hour before',
  120: '2 hours before',
  1440: '1 day before',
};

export const withAlarm = (url: string, minutes: string) => (minutes ? `${url}?alarm=${encodeURIComponent(minutes)}` : url);

/** The links under each feed, in order; `hint` says which apps a link suits. */
export const LINK_LABELS: { key: Exclude<keyof SubscribeLinks, 'https'>; label: string; hint?: string }[] = [
  { key: 'webcal', label: 'Subscribe in your calendar app', hint: 'Apple Calendar, Outlook on a computer' },
  { key: 'google', label: 'Add to Google Calendar' },
  { key: 'outlook', label: 'Add to Outlook.com', hint: 'personal Microsoft accounts' },
  { key: 'outlookWork', label: 'Add to Outlook (work or school)', hint: 'Microsoft 365' },
];

export const COPY_LABEL = 'Or copy this address into any calendar app';

/** One feed: its links, and its address in a read-only box with a Copy button (shown by the page script). */
export function feedBlockHtml(feed: SubscribeFeed, id: string): Html {
  const links = subscribeLinks(feed.url, feed.name);
  const items = LINK_LABELS.map(
    ({ key, label, hint }) =>
      html`<li><a href="${links[key]}" data-link="${key}">${label}<span class="visually-hidden">: ${feed.label}</span></a>${hint ? html` <span class="link-hint">(${hint})</span>` : ''}</li>`,
  );
  return html`<div class="feed" data-feed-url="${feed.url}" data-feed-name="${feed.name}" aria-labelledby="${id}-title" role="group">
<h3 id="${id}-title">${feed.label}</h3>
<ul class="feed-links">${items}</ul>
<label for="${id}-url">${COPY_LABEL}</label>
<div class="copy-row"><input id="${id}-url" type="text" readonly value="${links.https}" data-link="https" spellcheck="false"><button type="button" class="button button-secondary copy-button js-only" hidden>Copy<span class="visually-hidden"> the address for ${feed.label}</span></button></div>
</div>`;
}

/** The reminder choice; hidden until the page script can rewrite the links with it. */
function alarmFieldHtml(id: string): Html {
  const options = [html`<option value="">None</option>`, ...Object.entries(ALARM_LABELS).map(([m, label]) => html`<option value="${m}">${label}</option>`)];
  return html`<div class="field alarm-field js-only" hidden>
<label for="${id}-alarm">Reminder <span class="optional">(optional)</span></label>
<p class="hint" id="${id}-alarm-hint">Added to every meetup in the calendar. Some apps, including Google Calendar, use their own reminder settings instead.</p>
<select id="${id}-alarm" class="alarm-select" aria-describedby="${id}-alarm-hint">${options}</select>
</div>`;
}

export const notesHtml = (): Html => html`<ul class="subscribe-notes">${SUBSCRIBE_NOTES.map((n) => html`<li>${n}</li>`)}</ul>`;

export interface PanelOptions {
  /** Prefix for element ids, unique on the page. */
  id: string;
  /** HTML for the feeds box: feed blocks, or what shows until the script fills it in. */
  feedsHtml: Html;
  /** When set, the panel is a <details> with this summary, so it stays one line until opened. */
  summary?: string;
}

/** The panel's body: reminder, feeds, notes, and the live region the Copy buttons report to. */
export function subscribePanelHtml({ id, feedsHtml, summary }: PanelOptions): Html {
  const body = html`${alarmFieldHtml(id)}
<div class="feeds" id="${id}-feeds">${feedsHtml}</div>
${notesHtml()}
<p class="copy-status" id="${id}-status" role="status"></p>`;
  return summary ? html`<details class="subscribe-more"><summary>${summary}</summary>\n${body}\n</details>` : body;
}
