// Events domain: changing a meetup's organiser address. An edit with a new address only asks for it: the address
// changes when someone opens the link sent to it and presses the button, and the old address is told (with a link to
// stop it) when asked and again when it happens. Confirming makes a new manage link: control follows the address.
import { AppError } from '#functions/core/errors.ts';
import type { OrganiserEmailChange, StoredEvent } from '#functions/core/event.ts';

export const ORGANISER_EMAIL_LINK_HOURS = 24;

const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** The change still waiting for its link: not confirmed, not stopped, not expired. */
export function openChange(e: Pick<StoredEvent, 'organiserEmailChange'>, now: Date): OrganiserEmailChange | undefined {
  const c = e.organiserEmailChange;
  return c && !c.confirmedAt && !c.stoppedAt && c.expiresAt > epochSeconds(now) ? c : undefined;
}

export const pendingOrganiserEmail = (e: Pick<StoredEvent, 'organiserEmailChange'>, now: Date) => openChange(e, now)?.email;

/**
 * Whether an edit asks for a new address: one that is neither the current address nor the one already waiting (the
 * manage form may send either back with every save; neither sends another email).
 */
export function asksForNewAddress(e: StoredEvent, requested: string, now: Date): boolean {
  const email = requested.trim().toLowerCase();
  return email !== e.organiserEmail && email !== openChange(e, now)?.email;
}

/** Records the request (replacing any earlier one); the caller emails both links in the same write. */
export function requestChange(e: StoredEvent, email: string, hashes: { tokenHash: string; stopTokenHash: string }, now: Date): StoredEvent {
  const change: OrganiserEmailChange = {
    email: email.trim().toLowerCase(),
    ...hashes,
    requestedAt: now.toISOString(),
    expiresAt: epochSeconds(now) + ORGANISER_EMAIL_LINK_HOURS * 3600,
  };
  return { ...e, organiserEmailChange: change };
}

const invalidLink = () =>
  new AppError('forbidden', 'invalid_token', 'This link is not valid. Use the link in the most recent email about changing the organiser address.');
const expiredLink = () =>
  new AppError(
    'forbidden',
    'link_expired',
    `This link has expired: it worked for ${ORGANISER_EMAIL_LINK_HOURS} hours. The address has not changed. To change it, save the new address on the manage page again.`,
  );

export type ChangeOutcome = { kind: 'done'; event: StoredEvent; change: OrganiserEmailChange } | { kind: 'already'; change: OrganiserEmailChange };

/**
 * Makes the new address the organiser's, given the token of the link sent to it and the hash of a new manage token.
 * A second press of the same link is 'already'. Version moves on, so an edit opened before it must reload.
 */
export function confirmChange(e: StoredEvent, matches: (hash: string) => boolean, manageTokenHash: string, now: Date): ChangeOutcome {
  const c = e.organiserEmailChange;
  if (!c || !matches(c.tokenHash)) throw invalidLink();
  if (c.confirmedAt) return { kind: 'already', change: c };
  if (c.stoppedAt)
    throw new AppError('forbidden', 'change_stopped', 'This change was stopped from the old address, so the organiser address has not changed.');
  if (c.expiresAt <= epochSeconds(now)) throw expiredLink();
  const change = { ...c, confirmedAt: now.toISOString() };
  return { kind: 'done', change, event: { ...e, organiserEmail: c.email, organiserEmailChange: change, manageTokenHash, version: e.version + 1 } };
}

/** Stops a waiting change, given the token of the link sent to the old address. Stopping twice, or too late, is 'already'. */
export function stopChange(e: StoredEvent, matches: (hash: string) => boolean, now: Date): ChangeOutcome {
  const c = e.organiserEmailChange;
  if (!c || !matches(c.stopTokenHash)) throw invalidLink();
  if (c.confirmedAt)
    throw new AppError(
      'conflict',
      'already_confirmed',
      `The new address (${c.email}) confirmed the change before it was stopped, so it now receives this meetup's emails. If you did not ask for this, use “Report this meetup” on the meetup's page.`,
    );
  if (c.stoppedAt || c.expiresAt <= epochSeconds(now)) return { kind: 'already', change: c };
  const change = { ...c, stoppedAt: now.toISOString() };
  return { kind: 'done', change, event: { ...e, organiserEmailChange: change, version: e.version + 1 } };
}
