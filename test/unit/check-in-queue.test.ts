// Unit: the check-in page's queue of taps not yet saved (web/src/check-in-queue.ts). Taps show at once over the list,
// an undo of a queued tap cancels it, the words say what is unsaved, the queue survives a reload (storage), and
// sending stops at the first tap that must wait, keeping it and those after it in order.
import { describe, expect, it } from 'vitest';
import { enqueue, pendingKey, sendQueued, storedQueue, unsavedText, withQueued, type QueuedTap, type Sent } from '#web/src/check-in-queue.ts';
import type { CheckInPerson } from '#views/check-in-page.ts';

const AT = '2026-12-03T12:05:00.000Z';
const people: CheckInPerson[] = [
  { key: 'ada', name: 'Ada', status: 'confirmed' },
  { key: 'bea', name: 'Bea', status: 'confirmed', checkedInAt: '2026-12-03T12:00:00.000Z', checkedInBy: 'Sam' },
  { key: 'wil', name: 'Wil', status: 'waitlisted' },
];
const tap = (op: 'check-in' | 'undo' | 'remove-walk-in', key: string): QueuedTap => ({ op, key, name: key, at: AT });
const walkIn = (requestId: string, name = 'Walter'): QueuedTap => ({ op: 'walk-in', requestId, name, at: AT });

function fakeStorage() {
  const items = new Map<string, string>();
  return { items, getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
}

describe('queued taps on screen', () => {
  it('shows check-ins, undos and walk-ins at once, each marked unsaved; the list itself is untouched', () => {
    const shown = withQueued(people, [tap('check-in', 'ada'), tap('undo', 'bea'), tap('check-in', 'wil'), walkIn('r1')]);
    expect(shown.find((p) => p.key === 'ada')).toMatchObject({ checkedInAt: AT, unsaved: true });
    expect(shown.find((p) => p.key === 'bea')).toMatchObject({ checkedInAt: undefined, checkedInBy: undefined, unsaved: true });
    expect(shown.find((p) => p.key === 'wil')).toMatchObject({ checkedInAt: AT });
    expect(shown.find((p) => p.key === pendingKey('r1'))).toMatchObject({ name: 'Walter', status: 'walkin', unsaved: true });
    expect(people[0]!.checkedInAt).toBeUndefined();
    expect(people[1]!.checkedInAt).toBeDefined();
  });

  it('an undo of a queued check-in, or removing a queued walk-in, cancels it: nothing is left to send', () => {
    expect(enqueue([tap('check-in', 'ada')], tap('undo', 'ada'))).toEqual([]);
    expect(enqueue([walkIn('r1')], tap('remove-walk-in', pendingKey('r1')))).toEqual([]);
    // A saved check-in's undo is a tap of its own.
    expect(enqueue([tap('check-in', 'ada')], tap('undo', 'bea'))).toHaveLength(2);
  });

  it('says plainly what is not saved yet', () => {
    expect(unsavedText([], false)).toBeUndefined();
    expect(unsavedText([tap('check-in', 'ada'), tap('check-in', 'wil')], false)).toBe('2 check-ins not saved yet: waiting for a connection');
    expect(unsavedText([tap('check-in', 'ada')], true)).toBe('1 check-in not saved yet: saving…');
    expect(unsavedText([walkIn('r1')], false)).toBe('1 walk-in not saved yet: waiting for a connection');
    expect(unsavedText([tap('check-in', 'ada'), walkIn('r1')], false)).toBe('2 changes not saved yet: waiting for a connection');
  });
});

describe('the stored queue', () => {
  it('survives a reload, per meetup, and leaves nothing behind once empty', () => {
    const storage = fakeStorage();
    storedQueue(storage, 'm1').write([tap('check-in', 'ada')]);
    expect(storedQueue(storage, 'm1').read()).toEqual([tap('check-in', 'ada')]);
    expect(storedQueue(storage, 'm2').read()).toEqual([]);
    storedQueue(storage, 'm1').write([]);
    expect(storage.items.size).toBe(0);
  });

  it('without storage (refused, a private window) it lives as long as the page', () => {
    const queue = storedQueue(undefined, 'm1');
    queue.write([walkIn('r1')]);
    expect(queue.read()).toEqual([walkIn('r1')]);
  });
});

describe('sending', () => {
  it('sends in order, removing each once saved or refused; stops at the first that must wait', async () => {
    const queue = storedQueue(fakeStorage(), 'm1');
    queue.write([tap('check-in', 'ada'), tap('check-in', 'nobody'), walkIn('r1'), tap('check-in', 'wil')]);
    const sent: string[] = [];
    const answers: Record<string, Sent> = {
      ada: { ok: true, person: { ...people[0]!, checkedInAt: AT } },
      nobody: { ok: false, retry: false, message: 'not on the list' },
      r1: { ok: false, retry: true },
    };
    const outcome = await sendQueued(queue, async (t) => answers[t.op === 'walk-in' ? t.requestId : t.key]!, (t, s) => sent.push(`${t.name}:${s.ok}`));
    expect(outcome).toBe('retry');
    expect(sent).toEqual(['ada:true', 'nobody:false']);
    expect(queue.read()).toEqual([walkIn('r1'), tap('check-in', 'wil')]);
    // The connection is back: the rest go, the walk-in with the same request id as before.
    const ids: string[] = [];
    expect(await sendQueued(queue, async (t) => (ids.push(t.op === 'walk-in' ? t.requestId : t.key), { ok: true }), () => {})).toBe('done');
    expect(ids).toEqual(['r1', 'wil']);
    expect(queue.read()).toEqual([]);
  });
});
