// API: the check-in page without JavaScript, polished after a walk-through, in-process on the in-memory app. A search
// (?q=) says in each section's heading how many of it match, never "Checked in (4)" over no rows; a walk-in whose
// name the search would hide is shown, the search dropped; every form posts to the page at the row or section it
// acted on (#person-<key>, #add-walk-in, …), an id the answer has, so the page opens there and Tab starts there.
// And the RSVP status read (the "You're in" email's page) says when a place was checked in.
import { beforeEach, describe, expect, it } from 'vitest';
import { hashSecret, newToken } from '#functions/core/ids.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import { rsvpKey } from '#functions/rsvps/rsvp.ts';
import type { memoryRsvpsRepository } from '#functions/rsvps/memory-rsvps.repository.ts';
import { inMemoryApp } from '../support/fakes.ts';
import { get, meetup, network, post, putNetwork, rsvp, signIn, SITE, type Ctx } from '../support/signed-in.ts';

let ctx: Ctx;
let event: StoredEvent;
let organiser: string;
const cancelToken = newToken();

const stored = (email: string): StoredRsvp => (ctx.deps.rsvps as ReturnType<typeof memoryRsvpsRepository>).rsvps.get(`${event.id}/${rsvpKey(event.id, email)}`)!;
const keyOf = (email: string) => rsvpKey(event.id, email);
const page = (path = '') => get(ctx, `/events/${event.id}/check-in${path}`, organiser);
const form = (fields: Record<string, string>) => post(ctx, `/events/${event.id}/check-in`, fields, organiser);
const headings = (body: string) => [...body.matchAll(/<h2 id="(?:expected|checked-in|waitlist|walk-ins)-title">([^<]*)<\/h2>/g)].map((m) => m[1]);

function person(email: string, name: string, status: StoredRsvp['status']) {
  rsvp(ctx, event, email, status);
  Object.assign(stored(email), { name });
  if (status === 'confirmed') ctx.events.events.get(event.id)!.confirmedCount = (ctx.events.events.get(event.id)!.confirmedCount ?? 0) + 1;
}

beforeEach(async () => {
  ctx = inMemoryApp();
  putNetwork(ctx, network('nlpn', { name: 'Manchester NLPN' }), [{ email: 'org@example.org', role: 'organiser' }]);
  organiser = signIn(ctx, 'org@example.org');
  event = await meetup(ctx, { title: 'Lunch club', organiser: 'owner@example.org', slug: 'nlpn', capacity: 10, days: 0 });
  person('ada@example.org', 'Ada Lovelace', 'confirmed');
  person('zoe@example.org', 'Zoë Baker', 'confirmed');
  person('bea@example.org', 'Bea Hall', 'confirmed');
  person('wait@example.org', 'Wendy Wait', 'waitlisted');
  stored('ada@example.org').cancelTokenHash = hashSecret(cancelToken);
});

describe('a search says how many of each section match', () => {
  it('without a search, the counts; with one, how many match, or that none do', async () => {
    expect((await form({ action: 'check-in', key: keyOf('bea@example.org') })).status).toBe(200);
    expect(headings(await (await page()).text())).toEqual(['Expected (2)', 'Checked in (1)', 'Waitlist (1)', 'Walk-ins (0)']);
    expect(headings(await (await page('?q=zoe')).text())).toEqual(['Expected: 1 of 2 match “zoe”', 'Checked in: none match “zoe”', 'Waitlist: none match “zoe”', 'Walk-ins (0)']);
    const none = await (await page('?q=xyz')).text();
    expect(headings(none)).toEqual(['Expected: none match “xyz”', 'Checked in: none match “xyz”', 'Waitlist: none match “xyz”', 'Walk-ins (0)']);
    expect(none).toMatch(/<p class="hint" id="check-in-no-match">Nobody on the list matches “xyz”/);
  });

  it('a walk-in the search would hide is shown, the search dropped; one it matches keeps it', async () => {
    const added = await (await form({ action: 'walk-in', name: 'Walter Walk', email: '', requestId: 'polish-request-1', q: 'zoe' })).text();
    expect(added).toContain('Walter Walk is added as a walk-in, and checked in.');
    expect(added).toMatch(/data-name="walter walk">/);
    expect(added).toMatch(/data-name="zoe baker">/);
    expect(added).toContain('id="check-in-q" name="q" type="search" value=""');
    const kept = await (await form({ action: 'walk-in', name: 'Zed Walk', email: '', requestId: 'polish-request-2', q: 'walk' })).text();
    expect(kept).toMatch(/data-name="zed walk">/);
    expect(kept).toMatch(/data-name="zoe baker" hidden>/);
    expect(headings(kept)).toContain('Walk-ins (2)');
  });
});

describe('each form posts to the page at what it acted on', () => {
  const actions = (body: string) => [...body.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]!).filter((a) => a.includes('/check-in'));
  const ids = (body: string) => new Set([...body.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));

  it('a person’s forms go to their row, the walk-in form to its section, and every anchor is on the answer', async () => {
    const ada = keyOf('ada@example.org');
    const before = await (await page()).text();
    const path = `/events/${event.id}/check-in`;
    expect(actions(before)).toContain(`${path}#person-${ada}`);
    expect(actions(before)).toContain(`${path}#add-walk-in`);
    expect(actions(before)).toContain(`${path}#check-in-code-panel`);
    for (const action of actions(before)) expect(action).toMatch(/#[\w-]+$/);
    for (const action of actions(before)) expect(ids(before)).toContain(action.split('#')[1]);

    // Checked in, the row moves to "Checked in" with the same id: its Undo posts there too.
    const after = await (await form({ action: 'check-in', key: ada })).text();
    expect(ids(after)).toContain(`person-${ada}`);
    expect(after).toMatch(new RegExp(`<form method="post" action="${path}#person-${ada}" class="check-in-form">\\s*<input type="hidden" name="action" value="undo">`));
    const walked = await (await form({ action: 'walk-in', name: 'Walter Walk', email: '', requestId: 'polish-request-3' })).text();
    // A walk-in's Remove lands on the walk-ins section: their row is gone from that answer.
    expect(actions(walked).filter((a) => a.endsWith('#walk-ins'))).toHaveLength(1);
    for (const action of actions(walked)) expect(ids(walked)).toContain(action.split('#')[1]);
  });
});

describe('the RSVP status read says when a place was checked in', () => {
  const status = async () => {
    const res = await ctx.app.request(`/api/events/${event.id}/rsvps/${keyOf('ada@example.org')}/status`, {
      method: 'POST', headers: { 'content-type': 'application/json', Origin: SITE }, body: JSON.stringify({ token: cancelToken }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { status: string; checkedInAt?: string };
  };

  it('absent until checked in; then when', async () => {
    expect((await status()).checkedInAt).toBeUndefined();
    expect((await form({ action: 'check-in', key: keyOf('ada@example.org') })).status).toBe(200);
    const standing = await status();
    expect(standing.status).toBe('confirmed');
    expect(standing.checkedInAt).toBe(stored('ada@example.org').checkedInAt);
    expect(standing.checkedInAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
