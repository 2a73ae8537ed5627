// API: the team list on a network's manage page offers only what would work: the only organiser is not offered
// "Leave", and "Make them organiser and leave" is offered only beside someone who is not an organiser yet.
import { describe, expect, it } from 'vitest';
import { inMemoryApp } from '../support/fakes.ts';
import { get, network, putNetwork, signIn } from '../support/signed-in.ts';

const page = async (team: { email: string; role: 'organiser' | 'helper' }[]) => {
  const ctx = inMemoryApp();
  putNetwork(ctx, network('nlpn'), team);
  return (await get(ctx, '/networks/nlpn/manage', signIn(ctx, team[0]!.email))).text();
};

describe('the manage page’s team actions', () => {
  it('the only organiser gets no "Leave", and the way to hand over instead', async () => {
    const text = await page([{ email: 'lead@example.org', role: 'organiser' }, { email: 'help@example.org', role: 'helper' }]);
    expect(text).not.toContain('Leave the team');
    expect(text).toContain('You are its only one');
    expect(text).toContain('Make them organiser and leave');
  });

  it('with two organisers: "Leave" is offered, no hand-over beside the other organiser, and no "only one" warning', async () => {
    const text = await page([{ email: 'lead@example.org', role: 'organiser' }, { email: 'co@example.org', role: 'organiser' }]);
    expect(text).toContain('Leave the team');
    expect(text).not.toContain('Make them organiser and leave');
    expect(text).not.toContain('You are its only one');
  });
});
