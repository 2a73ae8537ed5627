// API: a network's "Ask 'Still coming?' for every meetup", through its manage page's edit form: saved by an
// organiser (recorded on the activity list), shown ticked, cleared by an unticked post, and the default its meetups'
// attendee lists then show.
import { describe, expect, it } from 'vitest';
import { inMemoryApp, tokenFrom, validMeetup } from '../support/fakes.ts';
import { get, network, post, putNetwork, signIn, type Ctx } from '../support/signed-in.ts';
import { NETWORK_PAGES } from '#functions/core/paths.ts';
import { manageActions, networkValues } from '#views/network-manage-page.ts';

const editForm = (ctx: Ctx, over: Record<string, string> = {}): Record<string, string> => ({ ...networkValues(ctx.networks.networks.get('nlpn')!), version: String(ctx.networks.networks.get('nlpn')!.version), ...over });
const BOX = /<input type="checkbox" id="network-stillComingEveryMeetup" name="stillComingEveryMeetup" value="yes"( checked)?/;

describe('“Still coming?” for every meetup of a network', () => {
  it('is off at first, saved ticked and shown so, and cleared by an unticked save', async () => {
    const ctx = inMemoryApp();
    putNetwork(ctx, network('nlpn', { name: 'Manchester NLPN', tagline: 'New library professionals' }), [{ email: 'lead@example.org', role: 'organiser' }]);
    const lead = signIn(ctx, 'lead@example.org');
    const page = async () => (await (await get(ctx, NETWORK_PAGES.manage('nlpn'), lead)).text()).match(BOX);
    expect((await page())?.[1]).toBeUndefined();
    expect(await page()).not.toBeNull();

    expect((await post(ctx, manageActions.edit('nlpn'), editForm(ctx, { stillComingEveryMeetup: 'yes' }), lead)).status).toBe(303);
    expect(ctx.networks.networks.get('nlpn')).toMatchObject({ stillComingEveryMeetup: true, version: 2 });
    expect(ctx.networks.activities.at(-1)).toMatchObject({ summary: 'Edited the network: “Still coming?” for every meetup' });
    expect((await page())?.[1]).toBe(' checked');

    // Saving again with the box still ticked changes nothing.
    expect((await post(ctx, manageActions.edit('nlpn'), editForm(ctx), lead)).status).toBe(303);
    expect(ctx.networks.networks.get('nlpn')!.version).toBe(2);

    const { stillComingEveryMeetup: _, ...unticked } = editForm(ctx);
    expect((await post(ctx, manageActions.edit('nlpn'), unticked, lead)).status).toBe(303);
    expect(ctx.networks.networks.get('nlpn')).not.toHaveProperty('stillComingEveryMeetup');
    expect((await page())?.[1]).toBeUndefined();
  });

  it('is refused to a helper, storing nothing', async () => {
    const ctx = inMemoryApp();
    putNetwork(ctx, network('nlpn'), [{ email: 'lead@example.org', role: 'organiser' }, { email: 'helper@example.org', role: 'helper' }]);
    const res = await post(ctx, manageActions.edit('nlpn'), editForm(ctx, { stillComingEveryMeetup: 'yes' }), signIn(ctx, 'helper@example.org'));
    expect(res.status).toBe(403);
    expect(ctx.networks.networks.get('nlpn')).not.toHaveProperty('stillComingEveryMeetup');
  });

  it('makes it the default on its meetups without a limit on places', async () => {
    const ctx = inMemoryApp();
    putNetwork(ctx, network('nlpn', { stillComingEveryMeetup: true }), [{ email: 'lead@example.org', role: 'organiser' }]);
    const send = (path: string, body: unknown) => ctx.app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect((await send('/api/events', validMeetup())).status).toBe(202);
    const { id, token } = tokenFrom(ctx.events.outbox[0]!);
    expect((await send(`/api/events/${id}/publish`, { token })).status).toBe(200);
    const attendance = async () => ((await (await send(`/api/events/${id}/attendees`, { token })).json()) as { attendance: Record<string, unknown> }).attendance;
    expect(await attendance()).toMatchObject({ stillComing: false, stillComingDefault: false });
    ctx.events.events.get(id)!.networkSlug = 'nlpn';
    expect(await attendance()).toMatchObject({ stillComing: true, stillComingDefault: true });
  });
});
