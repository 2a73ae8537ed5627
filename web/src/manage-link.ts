// Web: reads the meetup id from the path and the organiser's token from the URL fragment (#token=…).
// The fragment never reaches a server or a Referer header; the token is only ever sent in POST/PUT bodies.
export interface ManageLink {
  id?: string;
  token?: string;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function readManageLink(): ManageLink {
  const id = /^\/(?:confirm|manage)\/([a-z0-9]{1,40})\/?$/.exec(location.pathname)?.[1];
  const raw = new URLSearchParams(location.hash.replace(/^#/, '')).get('token')?.trim();
  return { ...(id ? { id } : {}), ...(raw && TOKEN.test(raw) ? { token: raw } : {}) };
}

export const manageHref = (id: string, token: string) => `/manage/${encodeURIComponent(id)}#token=${encodeURIComponent(token)}`;

/** A corrected link pasted into the same tab changes only the fragment; start again with the new token. */
export const reloadOnNewLink = () => window.addEventListener('hashchange', () => location.reload());
