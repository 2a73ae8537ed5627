// Unit: the door QR code in the emails to someone with a place (issue 15). For an in-person or hybrid meetup the
// "You're in" and "A place freed up" emails name an inline image by Content-ID (never a data: URI) whose QR code
// the mailer draws as a GIF, which decodes (a small GIF decoder below, then jsQR) to the check-in page's address with
// only the RSVP's key; the text part says to show the email or give a name, with no check-in address. Online-only
// meetups get none. The mailer's MIME carries it as an inline part of multipart/related.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { sampleEvent, SITE } from '../support/email-samples.ts';
import { confirmedEmail, DOOR_QR, promotedEmail, waitlistedEmail } from '#functions/rsvps/emails.ts';
import { qrGif } from '#functions/mail/qr-image.ts';
import { buildMime } from '#functions/mail/ses-mailer.ts';
import { checkInQrUrl } from '#functions/core/paths.ts';
import { checkInQrUrl as webCheckInQrUrl } from '#web/src/qr.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';

const require = createRequire(import.meta.url);
/** jsQR's CommonJS build (its types describe an ES default export, which NodeNext won't call). */
const jsQR = require('jsqr') as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

const key = `k${'c'.repeat(20)}`;
const person = { name: 'Siân Attendee', email: 'sian@example.org', key };
const cancelUrl = `${SITE}/rsvp/evt123/${key}/cancel#token=secret-token-123`;

/** A GIF's first image as RGBA: enough of GIF89a/87a for qrcode-generator's (global palette, one LZW image). */
function decodeGif(bytes: Uint8Array): { width: number; height: number; rgba: Uint8ClampedArray } {
  expect(String.fromCharCode(...bytes.slice(0, 3))).toBe('GIF');
  const u16 = (i: number) => bytes[i]! | (bytes[i + 1]! << 8);
  let p = 10;
  const flags = bytes[p]!;
  p += 3;
  const palette = flags & 0x80 ? bytes.slice(p, (p += 3 * (1 << ((flags & 7) + 1)))) : new Uint8Array();
  while (bytes[p] === 0x21) { // extensions: skip their sub-blocks
    p += 2;
    while (bytes[p]) p += bytes[p]! + 1;
    p += 1;
  }
  expect(bytes[p]).toBe(0x2c);
  const width = u16(p + 5);
  const height = u16(p + 7);
  expect(bytes[p + 9]! & 0x80).toBe(0); // no local palette
  p += 10;
  const minSize = bytes[p++]!;
  const data: number[] = [];
  while (bytes[p]) { data.push(...bytes.slice(p + 1, p + 1 + bytes[p]!)); p += bytes[p]! + 1; }
  // LZW, codes read least significant bit first.
  const clear = 1 << minSize;
  let size = minSize + 1;
  let dict: number[][] = [];
  const reset = () => { dict = Array.from({ length: clear + 2 }, (_, i) => [i]); size = minSize + 1; };
  reset();
  const out: number[] = [];
  let prev: number[] | undefined;
  for (let bit = 0; bit + size <= data.length * 8;) {
    let code = 0;
    for (let i = 0; i < size; i++, bit++) code |= ((data[bit >> 3]! >> (bit & 7)) & 1) << i;
    if (code === clear) { reset(); prev = undefined; continue; }
    if (code === clear + 1) break;
    const entry = dict[code] ?? (prev ? [...prev, prev[0]!] : []);
    out.push(...entry);
    if (prev) dict.push([...prev, entry[0]!]);
    prev = entry;
    if (dict.length === 1 << size && size < 12) size++;
  }
  expect(out.length).toBeGreaterThanOrEqual(width * height);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba.set([palette[out[i]! * 3]!, palette[out[i]! * 3 + 1]!, palette[out[i]! * 3 + 2]!, 255], i * 4);
  }
  return { width, height, rgba };
}

const imagesOf = (email: OutgoingEmail) => email.inlineImages ?? [];

describe('the door QR code in the emails to someone with a place', () => {
  for (const format of ['in_person', 'hybrid'] as const) {
    it(`${format}: "You're in" names it by Content-ID; the mailer's GIF decodes to the check-in page with only the key`, () => {
      const email = confirmedEmail(sampleEvent(format), SITE, person, cancelUrl);
      const url = `${SITE}/events/evt123/check-in#rsvp=${key}`;
      // The same address the RSVP page draws.
      expect(webCheckInQrUrl(SITE, 'evt123', key)).toBe(url);
      expect(checkInQrUrl(SITE, 'evt123', key)).toBe(url);
      expect(imagesOf(email)).toEqual([{ cid: DOOR_QR.cid, filename: 'check-in-qr.gif', qrCode: { text: url, size: DOOR_QR.size } }]);
      expect(JSON.stringify(email.inlineImages)).not.toContain('token');

      const tag = new RegExp(`<img src="cid:${DOOR_QR.cid}" alt="${DOOR_QR.alt}" width="(\\d+)" height="(\\d+)"`).exec(email.html);
      expect(tag).not.toBeNull();
      expect(email.html).not.toContain('data:image');
      const gif = qrGif(url, DOOR_QR.size);
      expect(gif.bytes.length).toBeLessThan(3000); // small in every message
      const { width, height, rgba } = decodeGif(gif.bytes);
      expect(width).toBe(gif.size);
      expect(height).toBe(gif.size);
      // What the HTML reserves, or a pixel more (see qrGif).
      expect(Number(tag![1]) - width).toBeGreaterThanOrEqual(0);
      expect(Number(tag![1]) - width).toBeLessThanOrEqual(1);
      expect(tag![2]).toBe(tag![1]);
      expect(jsQR(rgba, width, height)?.data).toBe(url);

      expect(email.text).toContain('Show this email at the door, or give your name.');
      expect(email.text).not.toContain('check-in');
      expect(email.text).not.toMatch(/\n\n\n/); // the image leaves no empty paragraph in the text part
    });
  }

  it('QR GIFs of any address length decode, at the size asked or a pixel less, with a quiet zone', () => {
    for (const length of [10, 60, 84, 100, 130, 200]) {
      const text = `https://e.example/${'x'.repeat(length)}`;
      const gif = qrGif(text, 180);
      expect([179, 180]).toContain(gif.size);
      const { width, height, rgba } = decodeGif(gif.bytes);
      expect([width, height]).toEqual([gif.size, gif.size]);
      expect(jsQR(rgba, width, height)?.data).toBe(text);
      // The border rows are white (palette index 1 is white in qrcode-generator's GIF).
      for (let x = 0; x < width; x++) expect(rgba[x * 4]).toBe(255);
    }
  });

  it('"A place freed up" carries it too', () => {
    const email = promotedEmail(sampleEvent('in_person'), SITE, person, cancelUrl);
    expect(imagesOf(email)).toHaveLength(1);
    expect(email.html).toContain(`src="cid:${DOOR_QR.cid}"`);
  });

  it('online-only meetups, a waitlist place, a cancelled meetup or no key: none', () => {
    const none = [
      confirmedEmail(sampleEvent('online'), SITE, person, cancelUrl),
      promotedEmail(sampleEvent('online'), SITE, person, cancelUrl),
      waitlistedEmail({ ...sampleEvent('in_person'), confirmedCount: 20 }, SITE, { ...person, status: 'pending' }, cancelUrl),
      confirmedEmail(sampleEvent('in_person', { status: 'cancelled' }), SITE, person, cancelUrl),
      confirmedEmail(sampleEvent('in_person'), SITE, { name: 'Ann', email: 'ann@example.org' }, cancelUrl),
    ];
    for (const email of none) {
      expect(email.inlineImages).toBeUndefined();
      expect(email.html).not.toContain('cid:');
      expect(email.text).not.toContain('Show this email at the door');
    }
  });

  it('the mailer attaches it inline, in multipart/related beside the HTML, as the GIF it draws', async () => {
    const email = confirmedEmail(sampleEvent('hybrid'), SITE, person, cancelUrl);
    const mime = (await buildMime('Signpost <events@signpost.test>', email)).toString('utf8');
    expect(mime).toMatch(/Content-Type: multipart\/related/);
    expect(mime).toContain(`Content-ID: <${DOOR_QR.cid}>`);
    expect(mime).toMatch(/Content-Type: image\/gif; name=check-in-qr\.gif/);
    expect(mime).toMatch(/Content-Disposition: inline; filename=check-in-qr\.gif/);
    expect(mime.replace(/\r\n/g, '')).toContain(qrGif(`${SITE}/events/evt123/check-in#rsvp=${key}`, DOOR_QR.size).bytes.toString('base64'));
    // The calendar file is still there.
    expect(mime).toMatch(/text\/calendar/);
  });

  it('an image given as bytes goes as it is', async () => {
    const base64 = Buffer.from('GIF89a-not-really').toString('base64');
    const mime = (await buildMime('Signpost <events@signpost.test>', {
      to: 'a@example.org', subject: 's', text: 't', html: '<img src="cid:x@y">',
      inlineImages: [{ cid: 'x@y', filename: 'x.png', contentType: 'image/png', base64 }],
    })).toString('utf8');
    expect(mime).toContain('Content-ID: <x@y>');
    expect(mime).toMatch(/Content-Type: image\/png; name=x\.png/);
    expect(mime).toContain(base64);
  });
});
