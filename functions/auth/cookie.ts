// Auth: the session cookie. `__Host-` binds it to this host, over HTTPS, for the whole site (Path=/, no Domain).
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE_NAME as NAME } from '#functions/core/viewer.ts';

export const SESSION_DAYS = 30;

export const readSessionCookie = (c: Context): string | undefined => getCookie(c, NAME, 'host');

export function setSessionCookie(c: Context, secret: string): void {
  setCookie(c, NAME, secret, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax', maxAge: SESSION_DAYS * 86_400, prefix: 'host' });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, NAME, { path: '/', secure: true, prefix: 'host' });
}
