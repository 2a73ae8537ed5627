// Unit: the sign-in challenge's rules: codes, hashes, tokens, expiry, the five-try limit and where "next" may lead.
import { describe, expect, it } from 'vitest';
import { hashSecret } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import {
  MAX_CODE_ATTEMPTS, SIGN_IN_MINUTES, challengeState, codeHash, codeMatches, codeVoid, isChallengeId, issueChallenge, linkMatches, newCode, readCode,
  readLinkToken, safeNext, signInRequestSchema,
} from '#functions/auth/sign-in.ts';
import { signInEmail, signInLink, SIGN_IN_SUBJECT } from '#functions/auth/emails.ts';
import { claimFor, signInRules } from '#functions/ratelimit/rate-limit.ts';

const NOW = new Date('2026-11-27T09:00:00Z');

describe('a sign-in challenge', () => {
  it('has a 128-bit id, a 256-bit link token and a 6-digit code, and stores only their hashes', () => {
    const { challenge, linkToken, code } = issueChallenge('  Sam.Person@Example.ORG ', NOW, '/me');
    expect(challenge.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(challenge.id, 'base64url')).toHaveLength(16);
    expect(isChallengeId(challenge.id)).toBe(true);
    const [id, secret] = linkToken.split('.');
    expect(id).toBe(challenge.id);
    expect(Buffer.from(secret!, 'base64url')).toHaveLength(32);
    expect(code).toMatch(/^\d{6}$/);
    expect(challenge.email).toBe('sam.person@example.org');
    expect(challenge.personId).toBe(personId('sam.person@example.org'));
    expect(challenge.linkHash).toBe(hashSecret(secret!));
    expect(challenge.codeHash).toBe(hashSecret(`${challenge.id}:${code}`));
    expect(JSON.stringify(challenge)).not.toContain(secret);
    expect(JSON.stringify(challenge)).not.toContain(`"${code}"`);
    expect(challenge.attempts).toBe(0);
    expect(challenge.next).toBe('/me');
  });

  it('salts the code with the challenge id: the same code hashes differently in two challenges', () => {
    const a = issueChallenge('a@example.org', NOW);
    const b = issueChallenge('a@example.org', NOW);
    expect(a.challenge.id).not.toBe(b.challenge.id);
    expect(codeHash(a.challenge.id, '123456')).not.toBe(codeHash(b.challenge.id, '123456'));
  });

  it('expires after 15 minutes, to the second (also its TTL)', () => {
    const { challenge } = issueChallenge('a@example.org', NOW);
    expect(SIGN_IN_MINUTES).toBe(15);
    expect(challenge.expiresAt).toBe(NOW.getTime() / 1000 + 15 * 60);
    expect(challengeState(challenge, new Date(NOW.getTime() + 15 * 60_000 - 1000))).toBeUndefined();
    expect(challengeState(challenge, new Date(NOW.getTime() + 15 * 60_000))).toBe('expired');
    expect(challengeState({ ...challenge, usedAt: NOW.toISOString() }, NOW)).toBe('used');
    expect(challengeState(undefined, NOW)).toBe('unknown');
  });

  it('matches its own link and code only', () => {
    const { challenge, linkToken, code } = issueChallenge('a@example.org', NOW);
    const read = readLinkToken(linkToken)!;
    expect(read.challengeId).toBe(challenge.id);
    expect(linkMatches(challenge, read.linkHash)).toBe(true);
    expect(linkMatches(challenge, readLinkToken(issueChallenge('a@example.org', NOW).linkToken)!.linkHash)).toBe(false);
    expect(codeMatches(challenge, code)).toBe(true);
    expect(codeMatches(challenge, code === '000000' ? '000001' : '000000')).toBe(false);
  });

  it('voids its code at five wrong tries', () => {
    expect(MAX_CODE_ATTEMPTS).toBe(5);
    expect(codeVoid({ attempts: 4 })).toBe(false);
    expect(codeVoid({ attempts: 5 })).toBe(true);
  });

  it('reads link tokens of its own shape only', () => {
    expect(readLinkToken('')).toBeUndefined();
    expect(readLinkToken('x'.repeat(66))).toBeUndefined();
    expect(readLinkToken(`${'a'.repeat(22)}.${'b'.repeat(42)}`)).toBeUndefined();
    expect(readLinkToken(`${'a'.repeat(22)}.${'b'.repeat(43)}`)).toEqual({ challengeId: 'a'.repeat(22), linkHash: hashSecret('b'.repeat(43)) });
  });
});

describe('codes', () => {
  it('are 6 digits from a CSPRNG, leading zeros kept, spread over the whole range', () => {
    const codes = Array.from({ length: 2000 }, newCode);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    const firstDigits = new Set(codes.map((c) => c[0]));
    expect(firstDigits.size).toBe(10);
  });

  it('are read as typed, forgiving spaces and dashes', () => {
    expect(readCode('123456')).toBe('123456');
    expect(readCode(' 123 456 ')).toBe('123456');
    expect(readCode('123-456')).toBe('123456');
    expect(readCode('12345')).toBeUndefined();
    expect(readCode('1234567')).toBeUndefined();
    expect(readCode('12345a')).toBeUndefined();
    expect(readCode('')).toBeUndefined();
  });
});

describe('where "next" may lead after signing in', () => {
  it.each(['/me', '/networks/manchester-nlpn/manage', '/events/abc123/lunch?x=1', '/'])('a path on this site: %s', (path) => {
    expect(safeNext(path)).toBe(path);
  });
  it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', '\\\\evil.example', 'javascript:alert(1)', 'me', '/a\nb', `/${'a'.repeat(600)}`, '', undefined, null])(
    'never elsewhere: %j',
    (next) => {
      expect(safeNext(next as string | undefined)).toBeUndefined();
    },
  );
});

describe('the address form', () => {
  it('needs an address, trimmed, in the right format', () => {
    expect(signInRequestSchema.safeParse({ email: ' sam@example.org ' }).data).toEqual({ email: 'sam@example.org' });
    for (const email of ['', '   ', 'not an address', 'a@', `${'a'.repeat(250)}@example.org`, undefined]) {
      const out = signInRequestSchema.safeParse({ email });
      expect(out.success).toBe(false);
      expect(out.error!.issues[0]!.path).toEqual(['email']);
    }
  });
});

describe('the sign-in email', () => {
  it('has the link and the code in its body, and neither in its subject', () => {
    const mail = signInEmail('sam@example.org', signInLink('https://events.example.org', 'abc.def'), '042137');
    expect(mail.to).toBe('sam@example.org');
    expect(mail.subject).toBe(SIGN_IN_SUBJECT);
    expect(mail.subject).not.toMatch(/\d/);
    expect(mail.text).toContain('https://events.example.org/sign-in/link?token=abc.def');
    expect(mail.text).toContain('Your code: 042137');
    expect(mail.text).toContain('expire in 15 minutes');
    expect(mail.text).toMatch(/If you didn't ask to sign in, ignore this email/);
    expect(mail.html).toContain('href="https://events.example.org/sign-in/link?token=abc.def"');
    // The preheader shows on lock screens too.
    expect(mail.html.slice(0, mail.html.indexOf('Someone asked'))).not.toContain('042137');
  });
});

describe('sign-in rate limits', () => {
  it('count per address (5 an hour) and per IP (20 an hour), codes per IP (30 an hour), by hashes only', () => {
    expect(signInRules.perAddress).toMatchObject({ limit: 5, windowSeconds: 3600 });
    expect(signInRules.perIp).toMatchObject({ limit: 20, windowSeconds: 3600 });
    expect(signInRules.codesPerIp).toMatchObject({ limit: 30, windowSeconds: 3600 });
    const claim = claimFor(signInRules.perAddress, 'Sam@Example.org', NOW);
    expect(claim.key).not.toContain('sam');
    expect(claim.key).toBe(claimFor(signInRules.perAddress, 'sam@example.org', NOW).key);
  });
});
