// Core: who is asking, when they are signed in (functions/auth reads the session cookie). A person is their address.

export interface Viewer {
  /** Lower-cased as they signed in with it; verified by the sign-in link or code. */
  email: string;
  /** core/person.ts personId(email): the one hash every room knows a person by. */
  personId: string;
  /** The session's id (a hash of its cookie's secret), so "sign out" knows which one. */
  sessionId: string;
  /** The address is one of the deployment's operators (OPERATORS / signpost:operators). */
  operator: boolean;
}

export const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The session cookie's name without its prefix (auth/cookie.ts sets it as `__Host-signpost-session`). */
export const SESSION_COOKIE_NAME = 'signpost-session';
/** Its full name, as browsers send it: CloudFront forwards only this cookie to the API function. */
export const SESSION_COOKIE = `__Host-${SESSION_COOKIE_NAME}`;
