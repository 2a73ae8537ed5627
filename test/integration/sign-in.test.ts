// Integration: signing in by email on DynamoDB Local and the SES emulator: the request writes the challenge, its email
// and its rate-limit claims in one transaction; the mailer sends the email; its code and its link each sign in exactly
// once, even pressed at the same moment; five wrong codes void the code, however fast they come; "sign out
// everywhere" ends every session of the address through the sessions index.
import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { hashSecret } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import { documentClient } from '#functions/table/client.ts';
import { challengeKey } from '#functions/table/items/sign-in.ts';
import { inbox, testStack, uniqueAddress, waitForEmail, type StoredEmail } from '../support/stack.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
const SITE = 'http://localhost:3000';
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;

const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE, ...headers } });
const cookieOf = (res: Response) => /__Host-signpost-session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
const withCookie = (secret: string) => ({ cookie: `__Host-signpost-session=${secret}` });
const session = async (secret: string) => (await app.request('/api/session', { headers: withCookie(secret) })).json();
const codeIn = (m: StoredEmail) => /Your code: (\d{6})/.exec(m.body.text ?? '')![1]!;
const tokenIn = (m: StoredEmail) => decodeURIComponent(/\/sign-in\/link\?token=(\S+)/.exec(m.body.text ?? '')![1]!);

/** Asks to sign in, runs the mailer, and reads the new email from the emulator. */
async function ask(email: string) {
  const before = (await inbox(stack.sesEndpoint, email)).length;
  const res = await post('/sign-in', { email });
  expect(res.status).toBe(200);
  const challenge = /name="challenge" value="([^"]+)"/.exec(await res.text())![1]!;
  await stack.deliver();
  await waitForEmail(stack.sesEndpoint, email, /^Sign in to Signpost$/);
  for (let tries = 0; ; tries++) {
    const all = await inbox(stack.sesEndpoint, email);
    if (all.length > before) return { challenge, mail: all.at(-1)! };
    if (tries > 200) throw new Error(`No new sign-in email reached ${email}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const storedChallenge = async (id: string) =>
  (await documentClient(stack.dynamo).send(new GetCommand({ TableName: stack.tableName, Key: challengeKey(id), ConsistentRead: true }))).Item;

beforeAll(async () => {
  stack = await testStack(clock, SITE);
  app = createApp(stack.deps);
});

describe('signing in by email', () => {
  it('emails a link and a code; the code signs in once, and the link is then used up too', async () => {
    const email = uniqueAddress('code');
    const { challenge, mail } = await ask(email);
    expect(mail.subject).toBe('Sign in to Signpost');
    expect(mail.body.text).toContain('expire in 15 minutes');
    const item = await storedChallenge(challenge);
    expect(item).toMatchObject({ type: 'sign-in', attempts: 0, email: email.toLowerCase(), expiresAt: Date.parse('2026-11-27T09:15:00Z') / 1000 });
    expect(JSON.stringify(item)).not.toContain(codeIn(mail));
    expect(JSON.stringify(item)).not.toContain(tokenIn(mail).split('.')[1]);

    const res = await post('/sign-in/code', { challenge, code: codeIn(mail) });
    expect(res.status).toBe(303);
    const secret = cookieOf(res)!;
    expect(await session(secret)).toEqual({ signedIn: true, email: email.toLowerCase(), operator: false });
    expect(await stack.deps.sessions.findSession(hashSecret(secret))).toMatchObject({ personId: personId(email) });

    expect((await post('/sign-in/code', { challenge, code: codeIn(mail) })).status).toBe(410);
    expect((await post('/sign-in/link', { token: tokenIn(mail) })).status).toBe(410);
  });

  it('the link signs in once; opening it first changes nothing', async () => {
    const email = uniqueAddress('link');
    const { challenge, mail } = await ask(email);
    const token = tokenIn(mail);
    const opened = await app.request(`/sign-in/link?token=${encodeURIComponent(token)}`);
    expect(opened.status).toBe(200);
    expect((await storedChallenge(challenge))!.usedAt).toBeUndefined();
    const res = await post('/sign-in/link', { token });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/me');
    expect(await session(cookieOf(res)!)).toMatchObject({ signedIn: true });
    expect((await post('/sign-in/link', { token })).status).toBe(410);
  });

  it('one link pressed five times at once signs in exactly once', async () => {
    const { mail } = await ask(uniqueAddress('race'));
    const token = tokenIn(mail);
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('/sign-in/link', { token })));
    expect(answers.map((r) => r.status).sort()).toEqual([303, 410, 410, 410, 410]);
    expect(answers.filter((r) => cookieOf(r))).toHaveLength(1);
  });

  it('five wrong codes void the code, even sent together, and the right one then fails', async () => {
    const { challenge, mail } = await ask(uniqueAddress('guess'));
    const right = codeIn(mail);
    const wrong = right === '000000' ? '111111' : '000000';
    const answers = await Promise.all(Array.from({ length: 8 }, () => post('/sign-in/code', { challenge, code: wrong })));
    expect(answers.every((r) => r.status === 400)).toBe(true);
    expect((await storedChallenge(challenge))!.attempts).toBe(5);
    const late = await post('/sign-in/code', { challenge, code: right });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('Ask for a new code');
    expect(late.headers.get('set-cookie')).toBeNull();
  });

  it('counts requests per address in the same write: the sixth in an hour sends nothing', async () => {
    const email = uniqueAddress('limit');
    for (let i = 0; i < 5; i++) expect((await post('/sign-in', { email })).status).toBe(200);
    expect((await post('/sign-in', { email })).status).toBe(429);
    await stack.deliver();
    await waitForEmail(stack.sesEndpoint, email, /^Sign in to Signpost$/);
    expect((await inbox(stack.sesEndpoint, email)).length).toBe(5);
  });

  it('signing out everywhere ends every session of the address, found through the index', async () => {
    const email = uniqueAddress('everywhere');
    const secrets: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { challenge, mail } = await ask(email);
      const res = await post('/sign-in/code', { challenge, code: codeIn(mail) });
      secrets.push(cookieOf(res)!);
    }
    const other = uniqueAddress('bystander');
    const { mail: otherMail } = await ask(other);
    const bystander = cookieOf(await post('/sign-in/link', { token: tokenIn(otherMail) }))!;

    expect((await post('/sign-out', { everywhere: '0' }, withCookie(secrets[0]!))).status).toBe(303);
    expect(await session(secrets[0]!)).toEqual({ signedIn: false });
    expect(await session(secrets[1]!)).toMatchObject({ signedIn: true });

    expect((await post('/sign-out', { everywhere: '1' }, withCookie(secrets[1]!))).status).toBe(303);
    for (const secret of secrets) expect(await stack.deps.sessions.findSession(hashSecret(secret))).toBeUndefined();
    expect(await session(bystander)).toMatchObject({ signedIn: true, email: other.toLowerCase() });
  });

  it('remembers a name in the profile, apart from the person\'s feed partition', async () => {
    const email = uniqueAddress('named');
    const { challenge, mail } = await ask(email);
    const secret = cookieOf(await post('/sign-in/code', { challenge, code: codeIn(mail) }))!;
    await stack.deps.sessions.rememberName(personId(email), 'Morag');
    expect(await session(secret)).toEqual({ signedIn: true, email: email.toLowerCase(), name: 'Morag', operator: false });
    expect(await stack.deps.sessions.profile(personId('nobody@example.org'))).toBeUndefined();
  });
});
