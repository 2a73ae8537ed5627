// E2E: the check-in QR code, in headless Chromium at 375 px against the local site on DynamoDB Local and the SES
// emulator. An attendee's "You're in" page shows "Show this at the door": its SVG, screenshotted, decodes (jsQR) to the
// meetup's check-in page with only the RSVP's key. A helper's check-in page then scans it and checks that person in.
// Headless Chromium has neither a camera nor BarcodeDetector, so the page gets stand-ins before it loads: the camera
// is a canvas showing the picture the test holds up (the screenshot, or a code drawn here), and BarcodeDetector reads
// the video's frames with jsQR. A code for another meetup checks nobody in, a scan made offline is kept and sent, a
// browser without BarcodeDetector shows no scan button, and opening …/check-in#rsvp=<key> (a phone's camera app)
// focuses that person's button without checking them in. axe-clean.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import qrcode from 'qrcode-generator';
import { linkIn, londonIn, postToSite, startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';
import { signInThroughSite, uniqueAddress } from '../support/stack.ts';
import { personId } from '#functions/core/person.ts';
import { SESSION_COOKIE } from '#functions/core/viewer.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;

const run = Date.now().toString(36);
const organiser = uniqueAddress('qr-organiser');
const helperEmail = uniqueAddress('qr-helper');
let organiserCookie: string;
let eventId: string;
const names = [`Ada ${run}`, `Bea ${run}`];
const emails = names.map((n) => uniqueAddress(n.split(' ')[0]!.toLowerCase()));
const keys: string[] = [];
/** The QR code on Ada's RSVP page, as the screen showed it (PNG). */
let adaQr: Buffer;

const require = createRequire(import.meta.url);
const jsQrSource = readFileSync(require.resolve('jsqr/dist/jsQR.js'), 'utf8');
/** jsQR's CommonJS build (its types describe an ES default export, which NodeNext won't call). */
const jsQR = require('jsqr') as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

const postJson = (path: string, body: unknown, cookie?: string) => postToSite(base, path, body, cookie);

/** `email` with a confirmed place, confirmed from the emailed link; returns the RSVP's key. */
async function placeFor(name: string, email: string): Promise<string> {
  expect((await postJson(`/api/events/${eventId}/rsvps`, { name, email })).status).toBe(202);
  const mail = await site.waitForEmail(email, /^Confirm your place/);
  const [, key, token] = /\/rsvp\/[a-z0-9]+\/([\w-]+)#token=([\w-]+)/.exec(mail.body.text ?? '')!;
  const confirmed = await postJson(`/api/events/${eventId}/rsvps/${key}/confirm`, { token });
  expect(((await confirmed.json()) as { status: string }).status).toBe('confirmed');
  return key!;
}

type Person = { name: string; checkedInAt?: string; checkedInBy?: string };
const listed = async () => ((await (await postJson(`/api/events/${eventId}/check-in/list`, {}, organiserCookie)).json()) as { people: Person[] }).people;
const byName = async (name: string) => (await listed()).find((p) => p.name === name)!;

/** A QR code drawn here (GIF), as if printed or shown on another phone. */
const qrImage = (text: string): Buffer => {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return Buffer.from(qr.createDataURL(8, 4).split(',')[1]!, 'base64');
};

/** Decodes an image file in `page` with jsQR (the browser decodes the PNG; jsQR reads its pixels here). */
async function decode(page: Page, image: Buffer): Promise<string | undefined> {
  const { width, height, pixels } = await page.evaluate(async (b64) => {
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    return { width: bitmap.width, height: bitmap.height, pixels: Array.from(ctx.getImageData(0, 0, bitmap.width, bitmap.height).data) };
  }, image.toString('base64'));
  return jsQR(Uint8ClampedArray.from(pixels), width, height)?.data;
}

/**
 * Stand-ins for the camera and BarcodeDetector, installed before the page's own script runs. The camera is a canvas
 * redrawn with whatever `__holdUp(image)` last put in front of it; the detector reads the video's frames with jsQR
 * (its browser build, injected first as its own init script: init scripts are not held to the page's CSP).
 */
function fakeCameraAndDetector() {
  const w = window as unknown as Record<string, unknown>;
  type Read = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
  const read = ((w.jsQR as { default?: Read }).default ?? w.jsQR) as Read;
  const camera = document.createElement('canvas');
  camera.width = camera.height = 480;
  const view = camera.getContext('2d')!;
  let held: ImageBitmap | undefined;
  const draw = () => {
    view.fillStyle = '#777';
    view.fillRect(0, 0, 480, 480);
    if (held) view.drawImage(held, 60, 60, 360, 360);
  };
  setInterval(draw, 50);
  w.__holdUp = async (b64: string | null) => {
    held = b64 ? await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))])) : undefined;
    draw();
  };
  w.__cameraRequests = [];
  w.__liveTracks = () => (w.__tracks as MediaStreamTrack[] | undefined)?.filter((t) => t.readyState === 'live').length ?? 0;
  const getUserMedia = async (constraints: MediaStreamConstraints) => {
    (w.__cameraRequests as unknown[]).push(constraints);
    const stream = camera.captureStream(20);
    w.__tracks = [...((w.__tracks as MediaStreamTrack[] | undefined) ?? []), ...stream.getTracks()];
    return stream;
  };
  if (navigator.mediaDevices) navigator.mediaDevices.getUserMedia = getUserMedia;
  else Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia } });
  class FakeBarcodeDetector {
    static async getSupportedFormats() {
      return ['qr_code'];
    }
    constructor(readonly options: { formats: string[] }) {}
    async detect(video: HTMLVideoElement) {
      const frame = new OffscreenCanvas(video.videoWidth, video.videoHeight);
      if (!frame.width || !frame.height) return [];
      const ctx = frame.getContext('2d')!;
      ctx.drawImage(video, 0, 0);
      const found = read(ctx.getImageData(0, 0, frame.width, frame.height).data, frame.width, frame.height);
      return found ? [{ rawValue: found.data, format: 'qr_code' }] : [];
    }
  }
  w.BarcodeDetector = FakeBarcodeDetector;
}

beforeAll(async () => {
  site = await startTestSite();
  browser = site.browser;
  base = site.base;
  const slug = `qr-${run}`;
  const at = new Date().toISOString();
  const member = (email: string, role: 'organiser' | 'helper', name: string) => ({ slug, personId: personId(email), email, name, role, showName: true, joinedAt: at });
  expect((await site.networks.create(
    { slug, name: `QR ${run}`, tagline: '', description: '', accent: '#1d6b54', where: { kind: 'online' }, links: {}, contactEmail: organiser, topics: [], status: 'active', createdAt: at, updatedAt: at, createdBy: organiser, version: 1 },
    [member(organiser, 'organiser', 'Morag'), member(helperEmail, 'helper', 'Hamid')],
  )).ok).toBe(true);
  organiserCookie = await signInThroughSite(base, site.sesEndpoint, organiser);
  const res = await postJson('/api/events', {
    title: `QR meetup ${run}`, description: 'Lunch and a chat.', start: londonIn(10), end: londonIn(130), timezone: 'Europe/London', format: 'in_person',
    venue: 'Central Library\nManchester', organiserName: 'Morag', organiserEmail: organiser, network: slug, capacity: 10,
  }, organiserCookie);
  expect(res.status).toBe(201);
  eventId = ((await res.json()) as { id: string }).id;
  for (const [i, name] of names.entries()) keys.push(await placeFor(name, emails[i]!));
}, 240_000);

afterAll(async () => {
  await site?.close();
});

describe('the check-in QR code', () => {
  it('shows on the page the “You’re in” email opens, and decodes to the check-in page with only the key', async () => {
    const mail = await site.waitForEmail(emails[0]!, /^You're in/);
    const attendee = await (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
    await attendee.goto(linkIn(mail, /^\/rsvp\/[a-z0-9]+\/[\w-]+\/cancel$/));
    await attendee.getByRole('heading', { name: 'Show this at the door' }).waitFor();
    const svg = attendee.getByRole('img', { name: `QR code to check you in to QR meetup ${run}` });
    expect((await svg.boundingBox())!.width).toBeGreaterThanOrEqual(190);
    expect(await attendee.locator('#door-qr').textContent()).toContain('Or give your name at the door.');
    expect(await axeViolations(attendee)).toEqual([]);
    adaQr = await svg.screenshot();
    const text = await decode(attendee, adaQr);
    expect(text).toBe(`${base}/events/${eventId}/check-in#rsvp=${keys[0]}`);
    expect(text).not.toContain('token');
    await attendee.context().close();
  });

  describe('at the door', () => {
    let context: BrowserContext;
    let page: Page;
    const holdUp = (image: Buffer | null) => page.evaluate((b64) => (window as unknown as { __holdUp(b: string | null): Promise<void> }).__holdUp(b64), image?.toString('base64') ?? null);
    const liveTracks = () => page.evaluate(() => (window as unknown as { __liveTracks(): number }).__liveTracks());
    const status = () => page.locator('#check-in-status').textContent();

    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 375, height: 740 } });
      await context.addInitScript({ content: jsQrSource });
      await context.addInitScript(fakeCameraAndDetector);
      page = await context.newPage();
      await site.signIn(page, helperEmail);
    });

    afterAll(async () => {
      await context?.close();
    });

    it('opening the check-in page at #rsvp=<key> shows that person with their button focused, checking nobody in', async () => {
      await page.goto(`${base}/events/${eventId}/check-in#rsvp=${keys[1]}`);
      await page.getByRole('heading', { name: /Expected \(2\)/ }).waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(`Check in ${names[1]}`);
      expect(await page.locator(`#person-${keys[1]}`).getAttribute('class')).toContain('is-highlighted');
      expect(await status()).toContain(`${names[1]}: press Check in`);
      expect((await byName(names[1]!)).checkedInAt).toBeUndefined();
    });

    it('a helper scans the QR code off an attendee’s phone and they are checked in', async () => {
      await page.goto(`${base}/events/${eventId}/check-in`);
      const scan = page.getByRole('button', { name: 'Scan a QR code' });
      await scan.waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await holdUp(adaQr);
      await scan.click();
      await page.locator('#check-in-scan-panel').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await expect.poll(status).toContain(`${names[0]} is checked in.`);
      // The camera is off again, and focus is back on the button, ready for the next person.
      expect(await page.locator('#check-in-scan-panel').isHidden()).toBe(true);
      expect(await liveTracks()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('check-in-scan');
      expect(await page.evaluate(() => (window as unknown as { __cameraRequests: unknown[] }).__cameraRequests)).toEqual([{ video: { facingMode: 'environment' }, audio: false }]);
      await expect.poll(async () => (await byName(names[0]!)).checkedInBy).toBe('Hamid');
      expect(await page.getByRole('heading', { name: /Checked in \(1\)/ }).count()).toBe(1);

      // Scanned twice: said, and nothing changes.
      await scan.click();
      await expect.poll(status).toContain(`${names[0]} is already checked in.`);
    });

    it('a code for another meetup says so and checks nobody in', async () => {
      await holdUp(qrImage(`${base}/events/othermeetup${run}/check-in#rsvp=${keys[1]}`));
      await page.getByRole('button', { name: 'Scan a QR code' }).click();
      await expect.poll(status).toContain('That QR code is for another meetup: nobody is checked in.');
      expect(await liveTracks()).toBe(0);
      await holdUp(qrImage('https://example.org/hello'));
      await page.getByRole('button', { name: 'Scan a QR code' }).click();
      await expect.poll(status).toContain('not a check-in code for this meetup');
      expect((await byName(names[1]!)).checkedInAt).toBeUndefined();
    });

    it('a scan made offline is shown at once, kept, and sent when the connection is back', async () => {
      await holdUp(qrImage(`${base}/events/${eventId}/check-in#rsvp=${keys[1]}`));
      await context.setOffline(true);
      await page.getByRole('button', { name: 'Scan a QR code' }).click();
      await expect.poll(() => page.locator('#check-in-unsaved').textContent()).toBe('1 check-in not saved yet: waiting for a connection');
      expect(await status()).toContain(`${names[1]} is checked in. Not saved yet`);
      expect((await byName(names[1]!)).checkedInAt).toBeUndefined();
      await context.setOffline(false);
      await expect.poll(async () => (await byName(names[1]!)).checkedInBy, { timeout: 15_000 }).toBe('Hamid');
      await expect.poll(() => page.locator('#check-in-unsaved').isHidden()).toBe(true);
    });

    it('the camera can be stopped without a scan', async () => {
      await holdUp(null);
      await page.getByRole('button', { name: 'Scan a QR code' }).click();
      await page.getByRole('button', { name: 'Stop scanning' }).click();
      expect(await page.locator('#check-in-scan-panel').isHidden()).toBe(true);
      expect(await liveTracks()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('check-in-scan');
    });
  });

  it('without BarcodeDetector there is no scan button', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    // The organiser's session (signed in once, above): a second emailed link for the helper would race the first.
    await context.addCookies([{ name: SESSION_COOKIE, value: organiserCookie.slice(SESSION_COOKIE.length + 1), domain: new URL(base).hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await page.goto(`${base}/events/${eventId}/check-in`);
    await page.getByRole('heading', { name: /Checked in \(2\)/ }).waitFor();
    expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
    await page.waitForTimeout(500);
    expect(await page.getByRole('button', { name: 'Scan a QR code' }).count()).toBe(0);
    await context.close();
  });
});
