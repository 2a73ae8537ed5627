// API: signing in by email on the in-memory app, as a browser without JavaScript does it: the address form, the code
// form, the emailed link's page and button, the session cookie, /api/session, signing out (here and everywhere),
// rate limits, expiry on the test clock, and requests from other sites.
import { describe, expect, it } from 'vitest';
import { inMemoryApp } from '../support/fakes.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { hashSecret } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import { apiDocument } from '#functions/apps/api/openapi.ts';

const START = '2026-11-27T09:00:00Z';
const SITE = 'https://events.example.org';
const FORM = 'application/x-www-form-urlencoded';
const COOKIE = '__Host-signpost-session';

function setup() {
  const clock = fixedClock(START);
  let ip = '192.0.2.1';
  const ctx = inMemoryApp({ clock, clientIp: () => ip });
  const { app, sessions } = ctx;

  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = { origin: SITE }) =>
    app.request(path, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': FORM, ...headers } });
  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  const mails = (to?: string): OutboxMessage[] => sessions.outbox.filter((m) => m.purpose === 'sign-in' && (!to || m.to === to));
  const lastMail = (to: string) => mails(to).at(-1)!;
  const codeIn = (m: OutboxMessage) => /Your code: (\d{6})/.exec(m.text)![1]!;
  const tokenIn = (m: OutboxMessage) => decodeURIComponent(/\/sign-in\/link\?token=(\S+)/.exec(m.text)![1]!);
  const challengeIn = (page: string) => /name="challenge" value="([^"]+)"/.exec(page)![1]!;

  /** Asks for a sign-in; the code page, its challenge id and the email sent. */
  async function ask(email: string, extra: Record<string, string> = {}) {
    const res = await post('/sign-in', { email, website: '', ...extra });
    const page = await res.text();
    return { res, page, challenge: res.status === 200 ? challengeIn(page) : '', mail: mails(email.trim().toLowerCase()).at(-1) };
  }

  /** The secret of the cookie a response set. */
  const cookieOf = (res: Response) => /__Host-signpost-session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

  /** Signed in by code: the cookie's secret. */
  async function signIn(email: string) {
    const { challenge, mail } = await ask(email);
    const res = await post('/sign-in/code', { challenge, code: codeIn(mail!) });
    expect(res.status).toBe(303);
    return cookieOf(res)!;
  }
  const withCookie = (secret: string, headers: Record<string, string> = {}) => ({ cookie: `${COOKIE}=${secret}`, ...headers });
  const session = async (secret?: string) => (await get('/api/session', secret ? withCookie(secret) : {})).json();

  return { ...ctx, clock, setIp: (next: string) => (ip = next), post, get, mails, lastMail, codeIn, tokenIn, challengeIn, ask, cookieOf, signIn, withCookie, session };
}

const later = (clock: ReturnType<typeof fixedClock>, minutes: number) => clock.set(new Date(clock.now().getTime() + minutes * 60_000).toISOString());

describe('the address form (/sign-in)', () => {
  it('is a plain form post, never cached, with a label, autocomplete and the bot trap', async () => {
    const { get } = setup();
    const res = await get('/sign-in');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = await res.text();
    expect(page).toMatch(/<form id="sign-in-form" method="post" action="\/sign-in"/);
    expect(page).toContain('<label for="email">Your email address</label>');
    expect(page).toMatch(/<input id="email" name="email" type="email" autocomplete="email"/);
    expect(page).toContain('name="website"');
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).not.toContain('name="next"');
  });

  it('keeps a same-site "next" path and drops any other', async () => {
    const { get } = setup();
    expect(await (await get('/sign-in?next=%2Fnetworks%2Fmanchester-nlpn%2Fmanage')).text()).toContain('<input type="hidden" name="next" value="/networks/manchester-nlpn/manage">');
    for (const next of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)'])
      expect(await (await get(`/sign-in?next=${encodeURIComponent(next)}`)).text()).not.toContain('name="next"');
  });

  it('sends one email with the link and the code, stores only hashes, and shows the code form with the challenge id', async () => {
    const { ask, sessions, tokenIn, codeIn } = setup();
    const { res, page, challenge, mail } = await ask('  Sam.Person@Example.org ');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(page).toContain('<h1>Check your email</h1>');
    expect(page).toContain('enter the 6-digit code');
    expect(page).toMatch(/<form id="code-form" method="post" action="\/sign-in\/code"/);
    expect(page).toContain('autocomplete="one-time-code"');
    expect(page).toContain('inputmode="numeric"');
    expect(mail).toBeDefined();
    expect(mail!.to).toBe('sam.person@example.org');
    expect(mail!.subject).toBe('Sign in to Signpost');
    expect(mail!.text).toContain(`${SITE}/sign-in/link?token=`);
    expect(mail!.text).toContain('expire in 15 minutes');
    const stored = sessions.challenges.get(challenge)!;
    expect(stored).toMatchObject({ email: 'sam.person@example.org', personId: personId('sam.person@example.org'), attempts: 0 });
    expect(stored.linkHash).toBe(hashSecret(tokenIn(mail!).split('.')[1]!));
    expect(JSON.stringify(stored)).not.toContain(tokenIn(mail!).split('.')[1]!);
    expect(JSON.stringify(stored)).not.toContain(`"${codeIn(mail!)}"`);
    expect(stored.expiresAt).toBe(Date.parse(START) / 1000 + 900);
  });

  it('answers the same for every address, known or not', async () => {
    const { ask, signIn } = setup();
    await signIn('known@example.org');
    const known = await ask('known@example.org');
    const unknown = await ask('never-seen@example.org');
    const strip = (page: string, email: string, challenge: string) => page.replace(email, 'EMAIL').replace(challenge, 'ID');
    expect(known.res.status).toBe(unknown.res.status);
    expect(strip(known.page, 'known@example.org', known.challenge)).toBe(strip(unknown.page, 'never-seen@example.org', unknown.challenge));
    expect([...known.res.headers.keys()].sort()).toEqual([...unknown.res.headers.keys()].sort());
  });

  it('sends a bad address back with the value kept and the error naming `email`; nothing is stored or sent', async () => {
    const { post, mails, sessions } = setup();
    for (const email of ['', 'not an address', 'sam@']) {
      const res = await post('/sign-in', { email, next: '/me' });
      expect(res.status).toBe(400);
      const page = await res.text();
      expect(page).toContain('<title>Error: Sign in · Signpost</title>');
      expect(page).toMatch(/<li><a href="#email">Enter (your email address|an email address in the correct format, like name@example.org)<\/a><\/li>/);
      expect(page).toContain('aria-invalid="true"');
      expect(page).toContain(`value="${email.replace('"', '&quot;')}"`);
      expect(page).toContain('<input type="hidden" name="next" value="/me">');
    }
    expect(mails()).toHaveLength(0);
    expect(sessions.challenges.size).toBe(0);
  });

  it('refuses bodies that are not a form: 415, nothing sent', async () => {
    const { app, mails } = setup();
    const res = await app.request('/sign-in', { method: 'POST', body: JSON.stringify({ email: 'a@example.org' }), headers: { 'content-type': 'application/json', origin: SITE } });
    expect(res.status).toBe(415);
    expect(mails()).toHaveLength(0);
  });

  it('answers a filled bot trap like a real request, and sends nothing', async () => {
    const { post, mails, sessions } = setup();
    const res = await post('/sign-in', { email: 'bot@example.org', website: 'http://spam.example' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<h1>Check your email</h1>');
    expect(mails()).toHaveLength(0);
    expect(sessions.challenges.size).toBe(0);
  });
});

describe('signing in by code', () => {
  it('signs in once: a 303 to "Your meetups" with the session cookie, exactly so', async () => {
    const { ask, post, codeIn, sessions, session, cookieOf } = setup();
    const { challenge, mail } = await ask('sam@example.org');
    const res = await post('/sign-in/code', { challenge, code: codeIn(mail!) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/me');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-signpost-session=[A-Za-z0-9_-]{43}; Max-Age=2592000; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(cookie).not.toContain('Domain');
    const secret = cookieOf(res)!;
    const stored = sessions.sessions.get(hashSecret(secret))!;
    expect(stored).toMatchObject({ email: 'sam@example.org', personId: personId('sam@example.org'), expiresAt: Date.parse(START) / 1000 + 30 * 86_400 });
    expect(sessions.sessions.has(secret)).toBe(false);
    expect(await session(secret)).toEqual({ signedIn: true, email: 'sam@example.org', operator: false });

    const again = await post('/sign-in/code', { challenge, code: codeIn(mail!) });
    expect(again.status).toBe(410);
    expect(again.headers.get('set-cookie')).toBeNull();
    const page = await again.text();
    expect(page).toContain('This sign-in code has been used');
    expect(page).toContain('href="/sign-in"');
    expect(sessions.sessions.size).toBe(1);
  });

  it('goes on to the "next" path it was asked with', async () => {
    const { ask, post, codeIn } = setup();
    const { challenge, mail } = await ask('sam@example.org', { next: '/networks/manchester-nlpn/manage' });
    const res = await post('/sign-in/code', { challenge, code: ` ${codeIn(mail!).slice(0, 3)} ${codeIn(mail!).slice(3)} ` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/networks/manchester-nlpn/manage');
  });

  it('never to another site', async () => {
    const { ask, post, codeIn } = setup();
    const { challenge, mail } = await ask('sam@example.org', { next: '//evil.example/steal' });
    const res = await post('/sign-in/code', { challenge, code: codeIn(mail!) });
    expect(res.headers.get('location')).toBe('/me');
  });

  it('counts wrong codes: the form again naming `code`, and after five the code is void, even the right one', async () => {
    const { ask, post, codeIn, tokenIn, sessions } = setup();
    const { challenge, mail } = await ask('sam@example.org');
    const right = codeIn(mail!);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 5; i++) {
      const res = await post('/sign-in/code', { challenge, code: wrong });
      expect(res.status).toBe(400);
      expect(res.headers.get('set-cookie')).toBeNull();
      const page = await res.text();
      expect(page).toContain('<title>Error: Check your email · Signpost</title>');
      if (i < 5) {
        expect(page).toContain('<li><a href="#code">That code is not right. Check the email and try again</a></li>');
        expect(page).toContain(`name="challenge" value="${challenge}"`);
        expect(page).toContain(`value="${wrong}"`);
      } else {
        expect(page).toContain('Ask for a new code');
        expect(page).not.toContain('id="code-form"');
      }
      expect(sessions.challenges.get(challenge)!.attempts).toBe(i);
    }
    const late = await post('/sign-in/code', { challenge, code: right });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('That code has been tried too many times. Ask for a new code');
    expect(sessions.challenges.get(challenge)!.attempts).toBe(5);
    expect(sessions.sessions.size).toBe(0);
    // The link is 256 bits and only the mailbox has it: it still signs in.
    const byLink = await post('/sign-in/link', { token: tokenIn(mail!) });
    expect(byLink.status).toBe(303);
  });

  it('asks for 6 digits without counting a try', async () => {
    const { ask, post, sessions } = setup();
    const { challenge } = await ask('sam@example.org');
    for (const [code, message] of [['', 'Enter the 6-digit code from the email'], ['12345', 'The code is 6 digits, like 123456'], ['abcdef', 'The code is 6 digits, like 123456']] as const) {
      const res = await post('/sign-in/code', { challenge, code });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(`<li><a href="#code">${message}</a></li>`);
    }
    expect(sessions.challenges.get(challenge)!.attempts).toBe(0);
  });

  it('expires after 15 minutes on the clock', async () => {
    const { ask, post, codeIn, clock } = setup();
    const { challenge, mail } = await ask('sam@example.org');
    later(clock, 15);
    const res = await post('/sign-in/code', { challenge, code: codeIn(mail!) });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('This sign-in code has expired');
  });

  it('works at 14 minutes 59', async () => {
    const { ask, post, codeIn, clock } = setup();
    const { challenge, mail } = await ask('sam@example.org');
    clock.set(new Date(Date.parse(START) + 15 * 60_000 - 1000).toISOString());
    expect((await post('/sign-in/code', { challenge, code: codeIn(mail!) })).status).toBe(303);
  });

  it('treats a challenge it does not know as expired', async () => {
    const { post } = setup();
    const res = await post('/sign-in/code', { challenge: 'a'.repeat(22), code: '123456' });
    expect(res.status).toBe(410);
  });

  it('limits codes per IP (30 an hour) across challenges: a 429 page with Retry-After', async () => {
    const { ask, post, setIp, codeIn } = setup();
    let last: Response | undefined;
    let n = 0;
    for (let i = 0; i < 7; i++) {
      setIp(`198.51.100.${i}`);
      const { challenge } = await ask(`person${i}@example.org`);
      setIp('203.0.113.9');
      for (let j = 0; j < 5 && n < 30; j++, n++) last = await post('/sign-in/code', { challenge, code: '999999' });
    }
    expect(last!.status).toBe(400);
    setIp('198.51.100.200');
    const { challenge, mail } = await ask('final@example.org');
    setIp('203.0.113.9');
    const refused = await post('/sign-in/code', { challenge, code: codeIn(mail!) });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('Too many codes tried from your network just now.');
    setIp('198.51.100.201');
    expect((await post('/sign-in/code', { challenge, code: codeIn(mail!) })).status).toBe(303);
  });
});

describe('signing in by the emailed link', () => {
  it('opening the link changes nothing: a page with a "Sign in" button that posts the token', async () => {
    const { ask, get, tokenIn, sessions } = setup();
    const { challenge, mail } = await ask('sam@example.org');
    const token = tokenIn(mail!);
    for (let i = 0; i < 3; i++) {
      const res = await get(`/sign-in/link?token=${encodeURIComponent(token)}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const page = await res.text();
      expect(page).toMatch(/<form id="link-form" method="post" action="\/sign-in\/link">/);
      expect(page).toContain(`<input type="hidden" name="token" value="${token}">`);
      expect(page).toContain('<button type="submit" class="button" id="link-submit">Sign in</button>');
    }
    expect(sessions.challenges.get(challenge)!.usedAt).toBeUndefined();
    expect(sessions.sessions.size).toBe(0);
  });

  it('the button signs in once, to "next"; the link used again is a friendly 410 with a way to sign in again', async () => {
    const { ask, post, get, tokenIn, session, cookieOf } = setup();
    const { mail } = await ask('sam@example.org', { next: '/me' });
    const token = tokenIn(mail!);
    const res = await post('/sign-in/link', { token });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/me');
    expect(await session(cookieOf(res))).toMatchObject({ signedIn: true, email: 'sam@example.org' });

    const again = await post('/sign-in/link', { token });
    expect(again.status).toBe(410);
    expect(again.headers.get('set-cookie')).toBeNull();
    const page = await again.text();
    expect(page).toContain('This sign-in link has been used');
    expect(page).toContain('href="/sign-in?next=%2Fme"');
    const opened = await get(`/sign-in/link?token=${encodeURIComponent(token)}`);
    expect(opened.status).toBe(410);
  });

  it('the code cannot sign in after the link did', async () => {
    const { ask, post, tokenIn, codeIn } = setup();
    const { challenge, mail } = await ask('sam@example.org');
    expect((await post('/sign-in/link', { token: tokenIn(mail!) })).status).toBe(303);
    expect((await post('/sign-in/code', { challenge, code: codeIn(mail!) })).status).toBe(410);
  });

  it('expires after 15 minutes: opening and pressing both say so', async () => {
    const { ask, post, get, tokenIn, clock } = setup();
    const { mail } = await ask('sam@example.org');
    later(clock, 16);
    const token = tokenIn(mail!);
    const opened = await get(`/sign-in/link?token=${encodeURIComponent(token)}`);
    expect(opened.status).toBe(410);
    expect(await opened.text()).toContain('This sign-in link has expired');
    const pressed = await post('/sign-in/link', { token });
    expect(pressed.status).toBe(410);
    expect(pressed.headers.get('set-cookie')).toBeNull();
  });

  it('an incomplete or forged token is a 400 page, and signs nobody in', async () => {
    const { ask, post, get, tokenIn, sessions } = setup();
    const { mail } = await ask('sam@example.org');
    const token = tokenIn(mail!);
    const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;
    for (const t of ['', 'nonsense', token.slice(0, -1), forged]) {
      expect((await get(`/sign-in/link?token=${encodeURIComponent(t)}`)).status).toBe(400);
      const res = await post('/sign-in/link', { token: t });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('This sign-in link is not valid');
    }
    expect(sessions.sessions.size).toBe(0);
  });
});

describe('rate limits on asking', () => {
  it('5 emails per address an hour, then a 429 page naming `email` with Retry-After; nothing more sent', async () => {
    const { ask, post, setIp, mails, clock } = setup();
    for (let i = 0; i < 5; i++) {
      setIp(`198.51.100.${i}`);
      expect((await ask('sam@example.org')).res.status).toBe(200);
    }
    setIp('198.51.100.99');
    const res = await post('/sign-in', { email: 'SAM@example.org' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const page = await res.text();
    expect(page).toContain('<li><a href="#email">Too many sign-in emails for that address, or from your network, just now.');
    expect(page).toContain('value="SAM@example.org"');
    expect(mails('sam@example.org')).toHaveLength(5);
    later(clock, 60);
    expect((await ask('sam@example.org')).res.status).toBe(200);
  });

  it('20 requests per IP an hour, whatever the addresses', async () => {
    const { ask, mails } = setup();
    for (let i = 0; i < 20; i++) expect((await ask(`p${i}@example.org`)).res.status).toBe(200);
    const { res } = await ask('p20@example.org');
    expect(res.status).toBe(429);
    expect(mails()).toHaveLength(20);
  });
});

describe('/api/session', () => {
  it('signed out: { signedIn: false }, never cached', async () => {
    const { get, withCookie } = setup();
    for (const headers of [{}, withCookie('not-a-session'), withCookie('x'.repeat(200))]) {
      const res = await get('/api/session', headers);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({ signedIn: false });
    }
  });

  it('signed in: the address, the name last given and whether an operator; not after the session expired', async () => {
    const { signIn, session, sessions, clock } = setup();
    const secret = await signIn('sam@example.org');
    expect(await session(secret)).toEqual({ signedIn: true, email: 'sam@example.org', operator: false });
    await sessions.rememberName(personId('sam@example.org'), 'Sam');
    expect(await session(secret)).toEqual({ signedIn: true, email: 'sam@example.org', name: 'Sam', operator: false });
    const operator = await signIn('Operator@Example.org');
    expect(await session(operator)).toEqual({ signedIn: true, email: 'operator@example.org', operator: true });
    later(clock, 30 * 24 * 60);
    expect(await session(secret)).toEqual({ signedIn: false });
  });

  it('is in the OpenAPI document; the sign-in pages are not', () => {
    const paths = (apiDocument() as unknown as { paths: Record<string, Record<string, unknown>> }).paths;
    expect(Object.keys(paths['/api/session'] ?? {})).toEqual(['get']);
    expect(Object.keys(paths).filter((p) => p.startsWith('/sign-'))).toEqual([]);
  });
});

describe('signing out', () => {
  it('ends this session and clears the cookie, then goes home', async () => {
    const { signIn, post, withCookie, session, sessions } = setup();
    const secret = await signIn('sam@example.org');
    const other = await signIn('sam@example.org');
    const res = await post('/sign-out', { everywhere: '0' }, withCookie(secret, { origin: SITE }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('set-cookie')).toBe('__Host-signpost-session=; Max-Age=0; Path=/; Secure');
    expect(await session(secret)).toEqual({ signedIn: false });
    expect(sessions.sessions.has(hashSecret(secret))).toBe(false);
    expect(await session(other)).toMatchObject({ signedIn: true });
  });

  it('everywhere=1 ends every session of the address, and no one else\'s', async () => {
    const { signIn, post, withCookie, session } = setup();
    const laptop = await signIn('sam@example.org');
    const phone = await signIn('sam@example.org');
    const someoneElse = await signIn('alex@example.org');
    const res = await post('/sign-out', { everywhere: '1' }, withCookie(laptop, { origin: SITE }));
    expect(res.status).toBe(303);
    expect(await session(laptop)).toEqual({ signedIn: false });
    expect(await session(phone)).toEqual({ signedIn: false });
    expect(await session(someoneElse)).toMatchObject({ signedIn: true, email: 'alex@example.org' });
  });

  it('GET /sign-in says who is signed in already (the header says "Sign in" without JavaScript), and still offers the form', async () => {
    const { signIn, get, withCookie } = setup();
    const secret = await signIn('sam@example.org');
    const page = await (await get('/sign-in', withCookie(secret))).text();
    expect(page).toContain('You are signed in as <strong>sam@example.org</strong>');
    expect(page).toContain('id="sign-in-form"');
    expect(await (await get('/sign-in')).text()).not.toContain('You are signed in as');
  });

  it('GET /sign-out shows the two buttons when signed in, and says so when not; it changes nothing', async () => {
    const { signIn, get, withCookie, session } = setup();
    const secret = await signIn('sam@example.org');
    const page = await (await get('/sign-out', withCookie(secret))).text();
    expect(page).toMatch(/<form method="post" action="\/sign-out"/);
    expect(page).toContain('name="everywhere" value="1"');
    expect(await session(secret)).toMatchObject({ signedIn: true });
    expect(await (await get('/sign-out')).text()).toContain('<h1>You are signed out</h1>');
  });

  it('a cross-site POST with the cookie is refused 403 and ends nothing', async () => {
    const { signIn, post, withCookie, session } = setup();
    const secret = await signIn('sam@example.org');
    const res = await post('/sign-out', { everywhere: '1' }, withCookie(secret, { origin: 'https://evil.example' }));
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await session(secret)).toMatchObject({ signedIn: true });
  });

  it('a POST with the cookie but no Origin or Sec-Fetch-Site counts as signed out: no session ends', async () => {
    const { signIn, post, withCookie, session, sessions } = setup();
    const secret = await signIn('sam@example.org');
    const res = await post('/sign-out', { everywhere: '1' }, withCookie(secret));
    expect(res.status).toBe(303);
    expect(sessions.sessions.has(hashSecret(secret))).toBe(true);
    expect(await session(secret)).toMatchObject({ signedIn: true });
    // From the site's own page without Origin (Sec-Fetch-Site: same-origin) it does count.
    await post('/sign-out', { everywhere: '0' }, withCookie(secret, { 'sec-fetch-site': 'same-origin' }));
    expect(sessions.sessions.has(hashSecret(secret))).toBe(false);
  });

  it('a cross-site sign-in request is refused 403 too, and sends nothing', async () => {
    const { post, mails } = setup();
    const res = await post('/sign-in', { email: 'victim@example.org' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(mails()).toHaveLength(0);
  });
});

describe('the header', () => {
  it('cached pages offer "Sign in" and load the session script; the session is not rendered on the server', async () => {
    const { get, signIn, withCookie } = setup();
    const secret = await signIn('sam@example.org');
    // (/sign-in is never cached, and says who is signed in.)
    for (const path of ['/', '/networks', '/no-such-page']) {
      const page = await (await get(path, withCookie(secret))).text();
      expect(page).toContain('<li id="session-item"><a href="/sign-in" id="session-link">Sign in</a></li>');
      expect(page).toContain('<script type="module" src="/assets/session.js"></script>');
      expect(page).not.toContain('sam@example.org');
    }
  });
});

describe('the sign-in page opened from a record of attendance’s email', () => {
  const WHY = 'Sign in to see your CPD log and write your reflection. Use the email address your record of attendance was sent to.';
  it('says why, above the form, when `next` is the CPD log, and keeps it when the form comes back with an error', async () => {
    const { get, post } = setup();
    const record = 'abcdefghijkmnpqrstuvwxyz23';
    for (const next of [`/me/cpd?record=${record}`, '/me/cpd', '/me/cpd/activities/x']) {
      const page = await (await get(`/sign-in?next=${encodeURIComponent(next)}`)).text();
      expect(page, next).toContain(`<p id="sign-in-why">${WHY}</p>`);
      expect(page.indexOf('id="sign-in-why"'), next).toBeLessThan(page.indexOf('<form id="sign-in-form"'));
      expect(page, next).toContain(`<input type="hidden" name="next" value="${next.replace(/&/g, '&amp;')}">`);
    }
    const again = await post('/sign-in', { email: 'not an address', website: '', next: `/me/cpd?record=${record}` });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain(WHY);
  });

  it('says nothing extra for another `next`, none, or one that isn’t safe', async () => {
    const { get } = setup();
    for (const path of ['/sign-in', '/sign-in?next=%2Fme', '/sign-in?next=%2Fme%2Fcpdx', '/sign-in?next=%2Fnetworks%2Fmanchester-nlpn%2Fmanage', `/sign-in?next=${encodeURIComponent('//evil.example/me/cpd')}`]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).not.toContain('sign-in-why');
    }
  });
});
