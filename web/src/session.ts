// Web: the header's session link, on every page. Pages are the same for everyone (and cached), so the server renders
// "Sign in"; this asks GET /api/session and, signed in, puts "Your meetups" and a "Sign out" button (a plain form
// POST) in its place. Other scripts (the event page's one-tap RSVP) share the one request through currentSession().
import { ACCOUNT_PAGES } from '#functions/core/paths.ts';
import { h } from './dom.ts';

export type SessionInfo = { signedIn: false } | { signedIn: true; email: string; name?: string; operator: boolean };

const SHARED = '__signpostSession';

/** The session as /api/session says, asked once per page load whichever bundles ask; signed out when it can't tell. */
export function currentSession(): Promise<SessionInfo> {
  const shared = window as unknown as Record<string, Promise<SessionInfo> | undefined>;
  shared[SHARED] ??= fetch('/api/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((res) => (res.ok ? (res.json() as Promise<SessionInfo>) : { signedIn: false as const }))
    .catch(() => ({ signedIn: false as const }));
  return shared[SHARED];
}

/** Signed out: "Sign in" comes back here afterwards (the path only: a query may hold a link's token). */
function enhanceHeader(): void {
  const item = document.getElementById('session-item');
  const link = document.getElementById('session-link') as HTMLAnchorElement | null;
  if (!item || !link || item.dataset.enhanced) return;
  item.dataset.enhanced = 'yes';
  const here = location.pathname;
  const accountPage = here.startsWith(ACCOUNT_PAGES.signIn) || here.startsWith(ACCOUNT_PAGES.signOut);
  if (!accountPage && here !== '/') link.href = `${ACCOUNT_PAGES.signIn}?next=${encodeURIComponent(here)}`;
  void currentSession().then((session) => {
    if (!session.signedIn) return;
    const signOut = h(
      'form',
      { method: 'post', action: ACCOUNT_PAGES.signOut, class: 'sign-out-form' },
      h('input', { type: 'hidden', name: 'everywhere', value: '0' }),
      h('button', { type: 'submit', class: 'link-button', id: 'session-sign-out' }, 'Sign out'),
    );
    item.replaceChildren(h('a', { href: ACCOUNT_PAGES.me, id: 'session-me' }, 'Your meetups'));
    item.after(h('li', {}, signOut));
  });
}

enhanceHeader();
