// Web: the check-in page's queue of taps not yet saved. A tap is applied on screen at once and kept in localStorage
// until the API has it, so venue Wi-Fi dropping (or the page reloading) loses nothing; a walk-in carries a request id,
// so sending it twice adds one person. Pure but for the storage it is given; web/src/check-in.ts drives it.
import type { CheckInPerson } from '#views/check-in-page.ts';

export type QueuedTap =
  | { op: 'check-in' | 'undo' | 'remove-walk-in'; key: string; name: string; at: string }
  | { op: 'walk-in'; requestId: string; name: string; email?: string | undefined; at: string };

/** A walk-in not saved yet is shown under this key until the API gives it its own. */
export const pendingKey = (requestId: string) => `pending-${requestId}`;

/**
 * Adds a tap to the queue. A tap that takes back one still queued (undo of a queued check-in, removing a queued
 * walk-in) cancels it instead: nothing of either need be sent.
 */
export function enqueue(queue: readonly QueuedTap[], tap: QueuedTap): QueuedTap[] {
  const cancels = (q: QueuedTap) =>
    (tap.op === 'undo' && q.op === 'check-in' && q.key === tap.key) ||
    (tap.op === 'check-in' && q.op === 'undo' && q.key === tap.key) ||
    (tap.op === 'remove-walk-in' && q.op === 'walk-in' && pendingKey(q.requestId) === tap.key);
  const i = queue.findIndex(cancels);
  return i >= 0 ? [...queue.slice(0, i), ...queue.slice(i + 1)] : [...queue, tap];
}

/** The list as the screen shows it: what the API said, with the queued taps applied (each marked unsaved). */
export function withQueued(people: readonly CheckInPerson[], queue: readonly QueuedTap[]): CheckInPerson[] {
  let out = people.map((p) => ({ ...p }));
  for (const tap of queue) {
    if (tap.op === 'walk-in') {
      out.push({ key: pendingKey(tap.requestId), name: tap.name, status: 'walkin', checkedInAt: tap.at, unsaved: true });
    } else if (tap.op === 'remove-walk-in') {
      out = out.filter((p) => p.key !== tap.key);
    } else {
      const p = out.find((x) => x.key === tap.key);
      if (!p) continue;
      if (tap.op === 'check-in') Object.assign(p, { checkedInAt: p.checkedInAt ?? tap.at, unsaved: true });
      else Object.assign(p, { checkedInAt: undefined, checkedInBy: undefined, unsaved: true });
    }
  }
  return out;
}

/** "2 check-ins not saved yet: waiting for a connection"; undefined with nothing queued. */
export function unsavedText(queue: readonly QueuedTap[], online: boolean): string | undefined {
  if (!queue.length) return undefined;
  const n = queue.length;
  const what = queue.every((t) => t.op === 'check-in') ? (n === 1 ? 'check-in' : 'check-ins') : queue.every((t) => t.op === 'walk-in') ? (n === 1 ? 'walk-in' : 'walk-ins') : n === 1 ? 'change' : 'changes';
  return `${n} ${what} not saved yet: ${online ? 'saving…' : 'waiting for a connection'}`;
}

/** The queue of one meetup, kept in storage (nothing of the manage link: its token stays in the page's address). */
export function storedQueue(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined, eventId: string) {
  const name = `signpost.check-in.${eventId}`;
  let memory: QueuedTap[] = [];
  const read = (): QueuedTap[] => {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(name) ?? '[]');
      return Array.isArray(parsed) ? (parsed as QueuedTap[]) : [];
    } catch {
      return memory;
    }
  };
  const write = (queue: QueuedTap[]) => {
    memory = queue;
    try {
      if (queue.length) storage?.setItem(name, JSON.stringify(queue));
      else storage?.removeItem(name);
    } catch {
      // Storage full or refused (a private window): the queue lives as long as the page.
    }
  };
  if (storage === undefined) return { read: () => memory, write };
  return { read, write };
}

/** What sending one tap came to: saved (with the person as the API has them), to try again later, or refused. */
export type Sent = { ok: true; person?: CheckInPerson | undefined } | { ok: false; retry: true } | { ok: false; retry: false; message: string };

/**
 * Sends the queued taps in order, each removed once the API has it (or refused it). Stops at the first that must be
 * tried again (offline, the server busy), leaving it and those after it queued.
 */
export async function sendQueued(
  queue: { read(): QueuedTap[]; write(q: QueuedTap[]): void },
  send: (tap: QueuedTap) => Promise<Sent>,
  onSent: (tap: QueuedTap, sent: Exclude<Sent, { retry: true }>) => void,
): Promise<'done' | 'retry'> {
  for (let tap = queue.read()[0]; tap; tap = queue.read()[0]) {
    const sent = await send(tap);
    if (!sent.ok && sent.retry) return 'retry';
    queue.write(queue.read().filter((t) => JSON.stringify(t) !== JSON.stringify(tap)));
    onSent(tap, sent as Exclude<Sent, { retry: true }>);
  }
  return 'done';
}
