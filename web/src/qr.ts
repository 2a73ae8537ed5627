// Web: the check-in QR code, shared by the RSVP page (which draws it) and the check-in page (which reads it). Its
// address is built in functions/core/paths.ts, which the "You're in" email uses too. No imports beyond that, so the
// check-in page's bundle doesn't carry the QR drawing library.
import { CHECK_IN_QR, checkInQrUrl } from '#functions/core/paths.ts';

export { checkInQrUrl };

const KEY = CHECK_IN_QR.key;
const CHECK_IN_PATH = /^\/events\/([a-z0-9]{1,40})\/check-in\/?$/;

/** The RSVP key in a check-in page's fragment (`#rsvp=<key>`), when it is one. */
export function rsvpKeyIn(hash: string): string | undefined {
  const key = new URLSearchParams(hash.replace(/^#/, '')).get('rsvp')?.trim();
  return key && KEY.test(key) ? key : undefined;
}

/** What a scanned QR code says, for the check-in page of `eventId` on `origin`. */
export type ScannedQr =
  | { kind: 'person'; key: string }
  /** A Signpost check-in code, but for another meetup: nobody is checked in. */
  | { kind: 'other-meetup'; eventId: string }
  /** Anything else: another site, another page, no key, or not an address at all. */
  | { kind: 'unknown' };

export function readCheckInQr(text: string, here: { origin: string; eventId: string }): ScannedQr {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { kind: 'unknown' };
  }
  const eventId = CHECK_IN_PATH.exec(url.pathname)?.[1];
  const key = rsvpKeyIn(url.hash);
  if (url.origin !== here.origin || !eventId || !key) return { kind: 'unknown' };
  return eventId === here.eventId ? { kind: 'person', key } : { kind: 'other-meetup', eventId };
}
