// Unit: a record of attendance copies what it says from the meetup, the RSVP and the network when it is issued; its
// verification token is an HMAC of the id and the share nonce (a new nonce, a new token); the email says what it is.
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '#functions/core/event.ts';
import type { TeamMember } from '#functions/core/network.ts';
import { personId } from '#functions/core/person.ts';
import { REFLECTION_PROMPTS } from '#functions/core/cpd.ts';
import { isPersonName, organiserNames, publicRecord, RECORD_ID_PATTERN, recordFor, recordToken, recordTokenMatches, verifyUrl } from '#functions/cpd/records.ts';
import { recordEmail, recordSubject } from '#functions/cpd/emails.ts';
import { dueRecord } from '#functions/cpd/records-sweep.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import { sampleEvent, SITE } from '#test/support/email-samples.ts';

const NOW = new Date('2026-12-03T15:00:00.000Z');
const SECRET = new Uint8Array(32).fill(9);
const member = (name: string, over: Partial<TeamMember> = {}): TeamMember => ({
  slug: 'manchester-nlpn', personId: personId(`${name}@example.org`), email: `${name}@example.org`, name, role: 'organiser', showName: true, joinedAt: '2026-11-01T09:00:00.000Z', ...over,
});
const network = { name: 'Manchester NLPN', slug: 'manchester-nlpn', accent: '#1d6b54', team: [member('Bea Jones'), member('Cai Hidden', { showName: false }), member('Dee Helper', { role: 'helper' })] };
const withCpd = (over: Partial<StoredEvent> = {}) => sampleEvent('in_person', {
  cpd: { quarters: 7, outcomes: ['Catalogue a serial'], areas: ['organising-knowledge', 'customer-focus'], format: 'workshop' }, networkSlug: 'manchester-nlpn', ...over,
});

describe('recordFor', () => {
  it('copies the name as given, the meetup, the network and its CPD details', () => {
    const record = recordFor(withCpd(), { name: 'Siân Attendee', email: 'Sian@Example.org', status: 'confirmed' }, network, NOW);
    expect(record).toMatchObject({
      personId: personId('sian@example.org'), eventId: 'evt123', name: 'Siân Attendee',
      title: sampleEvent('in_person').title, networkName: 'Manchester NLPN', networkSlug: 'manchester-nlpn', accent: '#1d6b54',
      organisers: ['Aoife Organiser', 'Bea'], startUtc: '2026-12-03T12:30:00.000Z', endUtc: '2026-12-03T13:30:00.000Z', timezone: 'Europe/London',
      date: '2026-12-03', format: 'workshop', quarters: 7, outcomes: ['Catalogue a serial'], areas: ['organising-knowledge', 'customer-focus'],
      role: 'attended', feedbackCollected: true, issuedAt: NOW.toISOString(), shared: true,
    });
    expect(record.id).toMatch(RECORD_ID_PATTERN);
    expect(record.shareNonce.length).toBeGreaterThanOrEqual(22);
    expect(record.reflection).toBeUndefined();
  });

  it('counts the meetup’s length without set hours, dates it on the meetup’s wall clock, and gives each record its own id and nonce', () => {
    const late = sampleEvent('online', { startUtc: '2026-12-03T23:30:00.000Z', endUtc: '2026-12-04T01:15:00.000Z', timezone: 'Australia/Sydney' });
    const a = recordFor(late, { name: 'A', email: 'a@example.org', status: 'confirmed' }, undefined, NOW);
    const b = recordFor(late, { name: 'A', email: 'a@example.org', status: 'confirmed' }, undefined, NOW);
    expect(a).toMatchObject({ quarters: 7, date: '2026-12-04', outcomes: [], areas: [], networkName: 'Manchester NLPN', organisers: ['Aoife Organiser'] });
    expect(a.format).toBeUndefined();
    expect(a.id).not.toBe(b.id);
    expect(a.shareNonce).not.toBe(b.shareNonce);
  });

  it('names the meetup’s organiser and the network’s organisers who show their name, by first name, each once', () => {
    expect(organiserNames({ organiserName: 'Bea Jones' }, network.team)).toEqual(['Bea Jones']);
    expect(organiserNames({ organiserName: 'Aoife' }, [member('Zed Later', { joinedAt: '2026-11-02T00:00:00Z' }), member('Ann Early')])).toEqual(['Aoife', 'Ann', 'Zed']);
  });

  it('leaves out a group’s label when the network’s organisers have names to show, and one that names the network always', () => {
    const nlpn = { organiserName: 'Manchester NLPN organisers', network: 'Manchester NLPN' };
    // The walk-through's "Organised by Manchester NLPN organisers, Priya Shah": now only the people.
    expect(organiserNames(nlpn, [member('Priya Shah'), member('Sam Okafor', { joinedAt: '2026-11-02T00:00:00Z' })])).toEqual(['Priya', 'Sam']);
    expect(organiserNames({ organiserName: 'The committee', network: 'Manchester NLPN' }, [member('Priya Shah')])).toEqual(['Priya']);
    // No name to show (hidden, or helpers only): the network's own label says nothing the record's network does not.
    expect(organiserNames(nlpn, [member('Cai Hidden', { showName: false }), member('Dee Helper', { role: 'helper' })])).toEqual([]);
    expect(organiserNames({ organiserName: '  manchester nlpn  ', network: 'Manchester NLPN' })).toEqual([]);
    // Another group's label stays when it is all there is.
    expect(organiserNames({ organiserName: 'Signpost volunteers' })).toEqual(['Signpost volunteers']);
    expect(organiserNames({ organiserName: 'CILIP North West committee', network: 'Health Libraries Network' })).toEqual(['CILIP North West committee']);
    expect(organiserNames({ organiserName: '   ' }, [])).toEqual([]);
  });

  it('puts a person who listed the meetup first, with the team after, and the record says each once in every place', () => {
    const event = withCpd({ organiserName: 'Priya Shah', network: 'Manchester NLPN' });
    const team = [member('Priya Shah'), member('Sam Okafor', { joinedAt: '2026-11-02T00:00:00Z' }), member('Tom Hughes', { role: 'helper' })];
    const record = recordFor(event, { name: 'Siân Attendee', email: 'sian@example.org', status: 'confirmed' }, { ...network, team }, NOW);
    expect(record.organisers).toEqual(['Priya Shah', 'Sam']);
    // The demo's meetups before this change: the label goes, the names stay.
    const labelled = recordFor(withCpd({ organiserName: 'Manchester NLPN organisers', network: 'Manchester NLPN' }), { name: 'A', email: 'a@example.org', status: 'confirmed' }, { ...network, team }, NOW);
    expect(labelled.organisers).toEqual(['Priya', 'Sam']);
    const text = recordEmail(event, SITE, { name: 'Siân Attendee', email: 'sian@example.org' }, record, { verifyUrl: verifyUrl(SITE, SECRET, record) }).text;
    expect(text).toMatch(/Organisers: Priya Shah, Sam\b/);
    expect(text).not.toMatch(/organisers, Priya|Priya Shah, Priya/);
  });
});

describe('the verification token', () => {
  it('is a 256-bit HMAC of the id and the nonce: another nonce, id or secret gives another, and only the right one matches', () => {
    const token = recordToken(SECRET, 'a'.repeat(26), 'nonce-1');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(recordToken(SECRET, 'a'.repeat(26), 'nonce-2')).not.toBe(token);
    expect(recordToken(SECRET, 'b'.repeat(26), 'nonce-1')).not.toBe(token);
    expect(recordToken(new Uint8Array(32).fill(1), 'a'.repeat(26), 'nonce-1')).not.toBe(token);
    expect(recordTokenMatches(SECRET, 'a'.repeat(26), 'nonce-1', token)).toBe(true);
    expect(recordTokenMatches(SECRET, 'a'.repeat(26), 'nonce-2', token)).toBe(false);
    expect(recordTokenMatches(SECRET, 'a'.repeat(26), 'nonce-1', token.slice(1))).toBe(false);
  });

  it('travels in the link’s fragment only', () => {
    const url = verifyUrl(SITE, SECRET, { id: 'a'.repeat(26), shareNonce: 'n' });
    expect(url).toBe(`${SITE}/records/${'a'.repeat(26)}#${recordToken(SECRET, 'a'.repeat(26), 'n')}`);
  });
});

describe('the public record', () => {
  it('has no reflection, person id, address, event id or nonce', () => {
    const record = { ...recordFor(withCpd(), { name: 'Siân', email: 'sian@example.org', status: 'confirmed' }, network, NOW), reflection: 'Private thoughts' };
    const shown = publicRecord(record);
    expect(Object.keys(shown)).not.toEqual(expect.arrayContaining(['reflection']));
    for (const key of ['reflection', 'personId', 'eventId', 'shareNonce', 'shared', 'email', 'accent']) expect(shown).not.toHaveProperty(key);
    expect(JSON.stringify(shown)).not.toMatch(/Private|sian@/);
    expect(shown.areas).toEqual([{ id: 'organising-knowledge', name: 'Organising knowledge and information' }, { id: 'customer-focus', name: 'Customer focus, service design and marketing' }]);
    expect(shown.hours).toBe(1.75);
  });
});

describe('who is due a record', () => {
  const rsvp = (over: Partial<StoredRsvp & { recordIssuedAt: string }>) => ({ status: 'confirmed', email: 'a@example.org', checkedInAt: NOW.toISOString(), ...over }) as StoredRsvp;
  it('is checked in, with an address and no record yet', () => {
    expect(dueRecord(rsvp({}))).toBe(true);
    expect(dueRecord(rsvp({ status: 'walkin' }))).toBe(true);
    expect(dueRecord(rsvp({ checkedInAt: undefined }))).toBe(false);
    expect(dueRecord(rsvp({ status: 'walkin', email: '' }))).toBe(false);
    expect(dueRecord(rsvp({ recordIssuedAt: NOW.toISOString() }))).toBe(false);
    expect(dueRecord(rsvp({ status: 'cancelled' }))).toBe(false);
  });
});

describe('the record email', () => {
  it('is a record of attendance with its hours, date, format, outcomes, areas, links and the reflection prompts, never “accredited”', () => {
    const record = recordFor(withCpd(), { name: 'Siân', email: 'sian@example.org', status: 'confirmed' }, network, NOW);
    const link = verifyUrl(SITE, SECRET, record);
    const email = recordEmail(withCpd(), SITE, { name: 'Siân', email: 'sian@example.org' }, record, { verifyUrl: link });
    expect(email.subject).toBe(recordSubject(record));
    expect(email.subject).toMatch(/^Your record of attendance: /);
    for (const text of [email.text, email.html]) {
      expect(text).toMatch(/record of attendance/);
      expect(text).not.toMatch(/accredit/i);
      expect(text).toContain('1.75 hours');
      // The day once, in the meetup's "When" (no "Date" fact repeating it).
      expect(text).toContain('Thursday, 3 December 2026');
      expect(text).not.toMatch(/\bDate\b/);
      expect(text).toContain('Workshop');
      expect(text).toContain('Catalogue a serial');
      expect(text).toContain('Organising knowledge and information');
      expect(text).toContain(`${SITE}/me/cpd?record=${record.id}`);
      expect(text).toContain(`${SITE}/me/cpd`);
    }
    expect(email.text).toMatch(/^When: Thursday, 3 December 2026, /m);
    expect(email.text).toContain(link);
    expect(email.html).toContain(link);
    for (const prompt of Object.values(REFLECTION_PROMPTS)) expect(email.text.replace(/\s+/g, ' ')).toContain(prompt);
    expect(email.text).not.toMatch(/feedback/i);
    const withFeedback = recordEmail(withCpd(), SITE, { name: 'Siân', email: 'sian@example.org' }, record, { verifyUrl: link, feedbackUrl: `${SITE}/records/x/feedback` });
    expect(withFeedback.text).toContain(`${SITE}/records/x/feedback`);
  });
});

describe('whether the organiser field names a person', () => {
  it('takes surnames that are also group words as names (“Taylor Branch”, “Ruth Crew”), and those words in lower case as a label', () => {
    for (const name of ['Taylor Branch', 'Ruth Crew', 'Priya Shah']) expect(isPersonName(name), name).toBe(true);
    for (const label of ['Manchester branch', 'the events crew', 'Signpost volunteers', 'The Committee', 'Library Staff', 'Manchester NLPN']) {
      expect(isPersonName(label, 'Manchester NLPN'), label).toBe(false);
    }
    expect(organiserNames({ organiserName: 'Taylor Branch' })).toEqual(['Taylor Branch']);
  });
});
