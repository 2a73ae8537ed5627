// Web: the check-in QR code's address, shared by the RSVP page (which draws it) and the check-in page (which reads
// it). It names the meetup's check-in page and, in the fragment, only the RSVP's key: never the token. The key alone
// gives no power, since only the team can check someone in; a fragment never reaches a server's logs. No imports,
// so the check-in page's bundle doesn't carry the QR drawing library.

const EVENT_ID = /^[a-z0-9]{1,40}$/;
const KEY = /^[A-Za-z0-9_-]{1,64}$/;
const CHECK_IN_PATH = /^\/events\/([a-z0-9]{1,40})\/check-in\/?$/;

/** The address a helper's camera opens: `${origin}/events/<id>/check-in#rsvp=<key>`. */
export function checkInQrUrl(origin: string, eventId: string, key: string): string {
  if (!EVENT_ID.test(eventId) || !KEY.test(key)) throw new Error('Not a meetup id and RSVP key');
  return `${origin}/events/${eventId}/check-in#rsvp=${key}`;
}

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
