// Web entry for a network's page (/networks/<slug>): the viewer's local time on the meetup cards where it differs, the
// Subscribe panel's reminder choice and Copy buttons, and the network's accent colour for the page's buttons and
// panel. The CSP forbids inline styles, so the server draws the accent with SVG attributes only; a custom property
// set through the CSSOM (which the CSP allows) carries it to the rest. Without this script the page works as is.
import { fillViewerTime } from './time.ts';
import { enhanceSubscribe } from './subscribe.ts';
import { currentSession } from './session.ts';

document.querySelectorAll<HTMLElement>('.viewer-time[data-start-utc]').forEach(fillViewerTime);

const page = document.getElementById('network');
const accent = page?.dataset.accent;
// The networks rules check the colour for AA contrast with white text on it, so buttons keep white text in both schemes.
if (page && accent && /^#[0-9a-f]{6}$/i.test(accent)) {
  page.style.setProperty('--accent', accent);
  page.style.setProperty('--accent-text', '#ffffff');
}

const subscribe = document.getElementById('subscribe');
if (subscribe) enhanceSubscribe(subscribe);

// "Follow by email": the browser's zone, so announcements show the follower's own time too when it differs.
const followZone = document.getElementById('follow-timezone') as HTMLInputElement | null;
if (followZone && !followZone.value) followZone.value = Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';

// Signed in: the form comes filled in with the session's address and name, and following it needs no email link.
void currentSession().then((session) => {
  if (!session.signedIn) return;
  const email = document.getElementById('follow-email') as HTMLInputElement | null;
  const name = document.getElementById('follow-name') as HTMLInputElement | null;
  if (email && !email.value) email.value = session.email;
  if (name && !name.value && session.name) name.value = session.name;
});
