// Unit: every email builder — the joining link only for people with a confirmed place, as a labelled link in both
// parts; subjects that say what and when; a text part with no line over 100 characters but a URL's; short "add to
// calendar" links; honest words for the waitlist and for changes. Pure functions over sample meetups, no mocks.
import { describe, expect, it } from 'vitest';
import { allSamples, JOIN_URL, sampleEvent, samplesFor, SITE } from '../support/email-samples.ts';
import { compose, wrapText } from '#functions/mail/layout.ts';
import { calendarFile } from '#functions/calendar/ics.ts';
import { confirmedEmail, waitlistedEmail } from '#functions/rsvps/emails.ts';
import { alreadyBookedEmail } from '#functions/rsvps/status-emails.ts';
import { reminderEmail, updatedEmail } from '#functions/reminders/emails.ts';
import { reminderSubject, startsWhen } from '#functions/reminders/reminder.ts';
import { changesSince, noticeReaches, snapshot } from '#functions/events/change-notice.ts';
import { calendarEntry, joiningLink } from '#functions/events/calendar-links.ts';
import { parseIcs } from '../support/ical.ts';

const samples = allSamples();
const URL_RE = /https?:\/\/\S+/;
const links = { cancel: `${SITE}/rsvp/e/k/cancel#token=t`, remindersOffPage: `${SITE}/r`, remindersOffOneClick: `${SITE}/o` };
const person = { name: 'Ann', email: 'ann@example.org' };

describe('the joining link', () => {
  for (const s of samples) {
    const online = s.event.format !== 'in_person';
    it(`${s.name}: ${s.hasPlace && online ? 'is a labelled link in both parts and the .ics' : 'is nowhere in it'}`, () => {
      const link = joiningLink(s.event, 'place');
      const ics = s.email.calendar ? calendarFile(s.email.calendar) : '';
      const unfolded = ics.replace(/\r\n[ \t]/g, '');
      if (s.hasPlace && link) {
        expect(s.email.text).toMatch(new RegExp(`(Join online: |New joining link:\\n)${link.replace(/[.?*+^$()[\]{}|\\]/g, '\\$&')}(\\n|$)`));
        expect(s.email.html).toMatch(new RegExp(`<a href="${link.replace(/[.?*+^$()[\]{}|\\]/g, '\\$&')}"[^>]*>Join the meetup online</a>`));
        expect(unfolded).toContain(`Join online: ${link}`);
      } else {
        for (const part of [s.email.text, s.email.html, unfolded]) expect(part).not.toContain(JOIN_URL);
      }
    });
  }

  it('goes to anyone with a place when the organiser made it public, and to nobody once cancelled', () => {
    const open = sampleEvent('online', { onlineUrlPublic: true });
    expect(joiningLink(open, 'public')).toBe(JOIN_URL);
    expect(joiningLink({ ...open, status: 'cancelled' }, 'place')).toBeUndefined();
    expect(joiningLink(sampleEvent('hybrid'), 'public')).toBeUndefined();
    expect(joiningLink(sampleEvent('hybrid'), 'place')).toBe(JOIN_URL);
    // A public link needs no "keep it to yourself".
    expect(confirmedEmail(open, SITE, person, links.cancel).text).not.toContain('keep it to yourself');
  });

  it('is left out of the calendar entry of the waitlisted and of the public, with a note saying who gets it', () => {
    const e = sampleEvent('online');
    for (const entry of [calendarEntry(e, SITE), calendarEntry(e, SITE, { waitlisted: true, audience: 'place' })]) {
      expect(JSON.stringify(entry)).not.toContain(JOIN_URL);
      expect(entry.location).toBe('Online');
      expect(entry.description).toContain('The joining link is sent to everyone with a place.');
    }
    const mine = calendarEntry(e, SITE, { audience: 'place' });
    expect(mine.location).toBe(JOIN_URL);
    expect(parseIcs(calendarFile(mine)).events[0]!.description).toContain(`Join online: ${JOIN_URL}`);
  });
});

describe('the text part', () => {
  for (const s of samples) {
    it(`${s.name}: no line over 100 characters except a URL's, and short calendar links`, () => {
      for (const line of s.email.text.split('\n')) {
        if (line.length <= 100) continue;
        // Only a URL may make a line long: whatever else is on it is a short label.
        expect(URL_RE.test(line), line).toBe(true);
        expect(line.replace(URL_RE, '').length, line).toBeLessThanOrEqual(40);
      }
      for (const part of [s.email.text, s.email.html]) {
        expect(part).not.toContain('calendar.google.com');
        expect(part).not.toContain('outlook.live.com');
      }
    });
  }

  it('offers our own short "add to calendar" links to people with a place', () => {
    const text = confirmedEmail(sampleEvent('in_person'), SITE, person, links.cancel).text;
    expect(text).toContain(`Add to Google Calendar: ${SITE}/events/evt123/add/google`);
    expect(text).toContain(`Add to Outlook: ${SITE}/events/evt123/add/outlook`);
  });
});

describe('every email', () => {
  for (const s of samples) {
    it(`${s.name}: British English, the meetup's title as the heading, a preheader`, () => {
      expect(s.email.html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
      expect(s.email.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(s.email.html).toMatch(/<h1[^>]*>Cataloguing café and metadata surgery/);
      expect(s.email.html).toContain('display:none');
      expect(s.email.text.split('\n')[0]).toBe('Cataloguing café and metadata surgery for new professionals in libraries,');
      expect(s.email.html).toContain('overflow-wrap:anywhere');
    });
  }
});

describe('a meetup with no limit on places', () => {
  // No capacity, no waitlist: nothing a person reads may speak of one.
  const unlimited = sampleEvent('in_person', { capacity: undefined, waitlistCount: 0 });
  const wanted = /^(you're in|reminder, day before|reminder, starting soon|change notice, confirmed) /;
  const chosen = samplesFor(unlimited).filter((x) => wanted.test(x.name));
  it('covers the emails of people with a place', () => expect(chosen).toHaveLength(4));
  it('"You already have a place": asks to free the place without mentioning a waitlist', () => {
    const email = alreadyBookedEmail(unlimited, SITE, { name: 'Siân', email: 'sian@example.org' }, { status: 'confirmed', cancelUrl: `${SITE}/rsvp/evt123/k/cancel#token=t` });
    expect(email.text.replace(/\s+/g, ' ')).toContain('so the organiser knows you are not coming');
    expect(email.text).not.toMatch(/waitlist/i);
  });
  for (const s of chosen) {
    it(`${s.name}: asks to free the place without mentioning a waitlist`, () => {
      expect(s.email.text).not.toMatch(/waitlist/i);
      expect(s.email.html).not.toMatch(/waitlist/i);
    });
  }
});

describe('subjects', () => {
  const e = sampleEvent('hybrid');
  it('say when a reminder is for, in the meetup\'s own zone', () => {
    expect(reminderEmail(e, SITE, person, 'day', links, new Date('2026-12-02T12:31:00Z')).subject).toBe(`Tomorrow, 12:30: ${e.title}`);
    expect(reminderEmail(e, SITE, person, 'soon', links, new Date('2026-12-03T11:31:00Z')).subject).toBe(`Starting in 1 hour: ${e.title}`);
    expect(reminderEmail(e, SITE, person, 'day', links, new Date('2026-12-03T08:00:00Z')).subject).toBe(`Today, 12:30: ${e.title}`);
    // Without the sweep's time, the day itself.
    expect(reminderEmail(e, SITE, person, 'day', links).subject).toBe(`Thursday 3 December, 12:30: ${e.title}`);
  });

  it('count days in the meetup\'s zone, not UTC, and round the minutes', () => {
    // 19:00 in New York on 3 December is 00:00 UTC on the 4th; at 20:00 UTC on the 2nd it is 15:00 there: tomorrow.
    const ny = { startUtc: '2026-12-04T00:00:00.000Z', timezone: 'America/New_York', title: 'T' };
    expect(startsWhen(ny, new Date('2026-12-02T20:00:00Z'))).toBe('Tomorrow, 19:00');
    expect(startsWhen(ny, new Date('2026-12-03T01:00:00Z'))).toBe('Tomorrow, 19:00');
    expect(startsWhen(ny, new Date('2026-12-03T12:00:00Z'))).toBe('Today, 19:00');
    expect(startsWhen(ny, new Date('2026-12-03T23:38:00Z'))).toBe('Starting in 20 minutes');
    expect(startsWhen(ny, new Date('2026-12-03T23:59:00Z'))).toBe('Starting now');
    expect(startsWhen(ny, new Date('2026-12-01T12:00:00Z'))).toBe('Thursday 3 December, 19:00');
    expect(reminderSubject(ny, new Date('2026-12-03T23:05:00Z'))).toBe('Starting in 1 hour: T');
  });

  it('give the waitlist position, and the waitlist email never speaks of a place the person does not have', () => {
    const full = sampleEvent('online', { waitlistCount: 2 });
    const mail = waitlistedEmail(full, SITE, { ...person, status: 'pending' }, `${links.cancel}&waitlist=1`, { feedUrl: `${SITE}/f.ics`, pageUrl: `${SITE}/p` });
    expect(mail.subject).toBe(`You're number 3 on the waitlist: ${full.title}`);
    expect(mail.text).toContain("You're number 3 on the waitlist.");
    for (const words of ['a meetup you are going to', 'you are going to', 'Confirm my place', 'Free my place', 'You have a place']) expect(mail.text).not.toContain(words);
    // Asking again while already waiting: the position is not known here, so none is claimed.
    expect(waitlistedEmail(full, SITE, { ...person, status: 'waitlisted' }, links.cancel).subject).toBe(`You're on the waitlist: ${full.title}`);
  });
});

describe('change notices', () => {
  const before = sampleEvent('hybrid');
  const linkOnly = { ...before, onlineUrl: 'https://meet.example.org/new-room', version: 4 };
  const moved = { ...before, startUtc: '2026-12-03T14:00:00.000Z', endUtc: '2026-12-03T15:00:00.000Z', version: 4 };

  it('say what is new as a person would, with how it was', () => {
    const mail = updatedEmail(moved, SITE, { ...person, status: 'confirmed' }, changesSince(snapshot(before), moved), links.cancel);
    expect(mail.text).toMatch(/New time: Thursday,? 3 December 2026, 14:00 – 15:00 .+\nWas: Thursday,? 3 December 2026, 12:30 – 13:30/);
    expect(mail.text).not.toContain('(NEW)');
    expect(mail.html).toMatch(/<strong>New time:<\/strong>.*Was: <s>/);
  });

  it('reach the waitlist only with news for them: a changed joining link alone goes to people with a place', () => {
    const changes = changesSince(snapshot(before), linkOnly);
    expect(changes.map((c) => c.what)).toEqual(['Joining link']);
    expect(noticeReaches('updated', changes, 'confirmed')).toBe(true);
    expect(noticeReaches('updated', changes, 'waitlisted')).toBe(false);
    expect(noticeReaches('updated', changesSince(snapshot(before), moved), 'waitlisted')).toBe(true);
    expect(noticeReaches('cancelled', [], 'waitlisted')).toBe(true);
    for (const status of ['pending', 'cancelled', 'removed'] as const) expect(noticeReaches('cancelled', [], status)).toBe(false);

    const both = { ...moved, onlineUrl: 'https://meet.example.org/new-room' };
    const all = changesSince(snapshot(before), both);
    const waiting = updatedEmail(both, SITE, { ...person, status: 'waitlisted' }, all, links.cancel);
    for (const part of [waiting.text, waiting.html]) {
      expect(part).not.toContain('meet.example.org');
      expect(part).not.toMatch(/joining link:/i);
    }
    expect(waiting.calendar).toBeUndefined();
    expect(waiting.text).toContain('Leave the waitlist');
    const going = updatedEmail(both, SITE, { ...person, status: 'confirmed' }, all, links.cancel);
    expect(going.text).toContain('New joining link:\nhttps://meet.example.org/new-room');
    // Said once, not twice.
    expect(going.text.split('https://meet.example.org/new-room').length - 1).toBe(1);
  });
});

describe('the layout', () => {
  it('wraps text at spaces, never inside a word, and keeps a long URL whole on its own line', () => {
    const url = `https://example.org/${'x'.repeat(90)}`;
    const out = wrapText(`A sentence that goes on for long enough to need wrapping somewhere around here, then ${url} and more.`);
    const lines = out.split('\n');
    expect(lines).toContain(url);
    for (const line of lines) if (line !== url) expect(line.length).toBeLessThanOrEqual(76);
    expect(out.replace(/\n/g, ' ')).toBe(`A sentence that goes on for long enough to need wrapping somewhere around here, then ${url} and more.`);
  });

  it('keeps the blocks callers already use as they were, and escapes what it is given', () => {
    const mail = compose({
      to: { name: 'Bo <b>', email: 'bo@example.org' },
      subject: 'S',
      blocks: [{ text: 'One\ntwo' }, { link: 'https://example.org/a', label: 'Open it' }, { lead: 'Lead:', link: 'https://example.org/b', label: 'B' }],
    });
    expect(mail.text).toBe('Hello Bo <b>,\n\nOne\ntwo\n\nOpen it: https://example.org/a\n\nLead:\nhttps://example.org/b\n\n— Signpost, free meetups for the library and information community\n');
    expect(mail.html).toContain('Hello Bo &lt;b&gt;,');
    expect(mail.html).toContain('One<br>two');
    expect(mail.html).toMatch(/<a href="https:\/\/example.org\/a"[^>]*>Open it<\/a>/);
    expect(mail.html).not.toContain('<h1');
  });
});
