// Web entry for /my-calendar#token=…: shows a person's own calendar feed with the same ways to subscribe as the
// public feeds, and "Make a new link", which kills the old address. The token lives only in the fragment and in
// POST bodies; after a replacement the fragment is rewritten so a bookmark keeps working.
import { PERSONAL_FEED_NAME, feedPaths } from '#functions/core/paths.ts';
import { api, failureMessage, type ApiResult } from './api.ts';
import { byId, h, setHeading } from './dom.ts';
import { INCOMPLETE_LINK } from '#views/link-pages.ts';
import { enhanceSubscribe, showFeeds } from './subscribe.ts';

interface PersonalFeed {
  feedUrl: string;
  pageUrl: string;
}
type Failure = Extract<ApiResult<unknown>, { ok: false }>;

/** PERSONAL_TOKEN_PATTERN from functions/feeds/personal-token.ts, copied: that module needs node:crypto. */
const TOKEN = /^[0-9a-f]{24}[A-Za-z0-9_-]{43}$/;
const raw = new URLSearchParams(location.hash.replace(/^#/, '')).get('token')?.trim();
let token = raw && TOKEN.test(raw) ? raw : undefined;

const status = byId('page-status');
const problemBox = byId('calendar-problem');
const area = byId('calendar-area');
const panel = byId('subscribe');
const replaceButton = byId<HTMLButtonElement>('replace-link');
const replaceStatus = byId('replace-status');

function problem(title: string, ...body: (Node | string)[]) {
  status.textContent = '';
  area.hidden = true;
  const box = h('div', { class: 'notice notice-warning', role: 'alert' }, h('p', {}, ...body));
  problemBox.replaceChildren(box);
  setHeading(title);
}

const incomplete = () => problem(INCOMPLETE_LINK.title, INCOMPLETE_LINK.body);
const gone = () =>
  problem("This link doesn't work any more", 'A newer link may have replaced it. Use the newest link from your Signpost emails.');

/** 404 and 400 end the visit with an explanation; true when that happened. */
function ended(result: Failure): boolean {
  if (result.status === 404) gone();
  else if (result.status === 400) incomplete();
  else return false;
  return true;
}

function show(feed: PersonalFeed) {
  showFeeds(panel, [{ url: feed.feedUrl, name: PERSONAL_FEED_NAME, label: 'Your meetups' }]);
  problemBox.replaceChildren();
  area.hidden = false;
}

async function load() {
  if (!token) return incomplete();
  status.textContent = 'Loading your calendar…';
  const result = await api<PersonalFeed>('POST', '/api/calendar/me', { token });
  status.textContent = '';
  if (result.ok) return show(result.data);
  if (ended(result)) return;
  const again = h('button', { type: 'button', class: 'button button-secondary' }, 'Try again');
  again.addEventListener('click', () => void load());
  problem('Something went wrong', failureMessage(result));
  problemBox.append(h('p', {}, again));
}

replaceButton.addEventListener('click', async () => {
  replaceButton.disabled = true;
  replaceStatus.textContent = 'Making a new link…';
  const result = await api<PersonalFeed>('POST', '/api/calendar/me/replace', { token });
  replaceButton.disabled = false;
  if (!result.ok) {
    replaceStatus.textContent = ended(result) ? '' : failureMessage(result);
    return;
  }
  token = new URLSearchParams(new URL(result.data.pageUrl).hash.slice(1)).get('token') ?? undefined;
  if (token) history.replaceState(null, '', feedPaths.personalPage(token));
  show(result.data);
  replaceStatus.textContent = 'Done: the address above is new, and the old one has stopped working. Subscribe again with it in any calendar that used the old one.';
});

enhanceSubscribe(panel);
// A corrected link pasted into the same tab changes only the fragment; start again with it.
window.addEventListener('hashchange', () => location.reload());
void load();
