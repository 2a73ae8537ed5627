// Core: whether a meetup takes RSVPs, why not in the words the API and the pages both use, and its places left.
import type { ClosedReason, Places, StoredEvent } from './event.ts';

export const CLOSED_MESSAGES: Record<ClosedReason, string> = {
  closed: 'The organiser has closed RSVPs for this meetup.',
  started: 'This meetup has already started, so RSVPs are closed.',
  ended: 'This meetup has ended.',
  cancelled: 'This meetup has been cancelled, so it is not taking RSVPs.',
};

export function rsvpAvailability(event: StoredEvent, now: Date): { open: true } | { open: false; reason: ClosedReason } {
  if (event.status === 'cancelled') return { open: false, reason: 'cancelled' };
  // Once it is over it has ended, not just started (the pages and the API say which).
  if (new Date(event.endUtc).getTime() <= now.getTime()) return { open: false, reason: 'ended' };
  if (new Date(event.startUtc).getTime() <= now.getTime()) return { open: false, reason: 'started' };
  if (event.rsvpsClosed) return { open: false, reason: 'closed' };
  return { open: true };
}

export function places(event: Pick<StoredEvent, 'capacity' | 'confirmedCount' | 'waitlistCount'>): Places {
  const confirmed = event.confirmedCount ?? 0;
  return {
    ...(event.capacity !== undefined ? { capacity: event.capacity, left: Math.max(0, event.capacity - confirmed) } : {}),
    confirmed,
    waitlist: event.waitlistCount ?? 0,
  };
}

