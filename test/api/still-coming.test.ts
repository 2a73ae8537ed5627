// API: the "Still coming?" links' pages and JSON. Opening a link changes nothing and shows one button (a plain form,
// no JavaScript needed); the button's POST answers. Bad bodies are a 400 naming the field; a wrong token and an unknown
// RSVP are the same 403.
import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '#functions/core/clock.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { rsvpKey } from '#functions/rsvps/rsvp.ts';
import { sweepStillComing } from '#functions/attendance/still-coming-sweep.ts';
import { inMemoryApp } from '../support/fakes.ts';
import { NOW, get, meetup, network, post, putNetwork, rsvp, type Ctx } from '../support/signed-in.ts';

const clock = fixedClock(NOW.toISOString());
let ctx: Ctx;
let event: StoredEvent;
const ann = 'ann@example.org';
const cy = 'cy@example.org';

const page = (email: string) => `/events/${event.id}/still-coming/${rsvpKey(event.id, email)}`;
const api = (email: string) => `/api/events/${event.id}/rsvps/${rsvpKey(event.id, email)}/still-coming`;
const json = (path: string, body: unknown) =>
  ctx.app.request(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const stored = (email: string) => ctx.deps.rsvps.get(event.id, rsvpKey(event.id, email));

/** The token in the "Still coming?" email to `email`. */
function tokenFor(email: string): string {
  const mail = ctx.events.outbox.filter((m) => m.purpose === 'still-coming' && m.to.includes(email)).at(-1);
  const token = mail && /still-coming\/[\w-]+\?token=([\w-]{43})&answer=yes/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no "Still coming?" email to ${email}`);
  return token;
}
const OTHER_TOKEN = 'B'.repeat(43);

beforeEach(async () => {
  clock.set(NOW.toISOString());
  ctx = inMemoryApp({ clock });
  event = await meetup(ctx, { title: 'Cataloguing café', organiser: 'sam@example.org', capacity: 2 });
  rsvp(ctx, event, ann, 'confirmed');
  rsvp(ctx, event, 'bo@example.org', 'confirmed');
  rsvp(ctx, event, cy, 'waitlisted');
  Object.assign(ctx.events.events.get(event.id)!, { confirmedCount: 2, waitlistCount: 1 });
  // Five days ahead, booked today: asked halfway, about two and a half days from now.
  clock.set(new Date(NOW.getTime() + 3 * 86_400_000).toISOString());
  expect((await sweepStillComing({ ...ctx.deps, concurrency: 2 })).asked).toBe(2);
});

describe('the page a link opens', () => {
  it('shows the one answer\'s button as a plain form, changes nothing, and keeps the token from referrers', async () => {
    const token = tokenFor(ann);
    const res = await get(ctx, `${page(ann)}?token=${token}&answer=yes`);
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    expect(html).toContain(`<form method="post" action="${page(ann)}" id="still-coming-yes-form">`);
    expect(html).toContain(`<input type="hidden" name="token" value="${token}">`);
    expect(html).toContain('<input type="hidden" name="answer" value="yes">');
    expect(html).toContain('Yes, I’m coming');
    expect(html).not.toContain('No, give my place');
    expect(html).toContain('Cataloguing café');
    expect((await stored(ann))!.stillComing).toBeUndefined();

    const no = await (await get(ctx, `${page(ann)}?token=${token}&answer=no`)).text();
    expect(no).toContain('No, give my place to someone else');
    expect(no).not.toContain('Yes, I’m coming');
    // A link cut short of its answer offers both.
    const both = await (await get(ctx, `${page(ann)}?token=${token}`)).text();
    expect(both).toContain('Yes, I’m coming');
    expect(both).toContain('No, give my place to someone else');
    expect((await stored(ann))!.status).toBe('confirmed');
  });

  it('answers from the button without JavaScript: yes is recorded, no gives the place to the first in line', async () => {
    const token = tokenFor(ann);
    const yes = await post(ctx, page(ann), { token, answer: 'yes' });
    expect(yes.status).toBe(200);
    expect(await yes.text()).toContain('Thank you: see you there');
    expect(await stored(ann)).toMatchObject({ status: 'confirmed', stillComing: 'yes' });

    // Changed their mind: "No" still frees the place, and the waitlist's first person has it.
    const no = await post(ctx, page(ann), { token, answer: 'no' });
    expect(no.status).toBe(200);
    expect(await no.text()).toContain('It went to the first person on the waitlist');
    expect(await stored(ann)).toMatchObject({ status: 'cancelled', stillComing: 'no' });
    expect((await stored(cy))!.status).toBe('confirmed');
    expect(ctx.events.outbox.filter((m) => m.purpose === 'rsvp-promoted' && m.to.includes(cy)).length).toBe(1);
    expect(ctx.events.events.get(event.id)).toMatchObject({ confirmedCount: 2, waitlistCount: 0 });
    // Opening the link again says it is done.
    expect(await (await get(ctx, `${page(ann)}?token=${token}&answer=no`)).text()).toContain('You had given it up already');
  });

  it('refuses a wrong token and an unknown RSVP with the same 403 page, and a cut-short token with a 400', async () => {
    const wrong = await get(ctx, `${page(ann)}?token=${OTHER_TOKEN}&answer=yes`);
    const unknown = await get(ctx, `${page('nobody@example.org')}?token=${tokenFor(ann)}&answer=yes`);
    expect(wrong.status).toBe(403);
    expect(unknown.status).toBe(403);
    const words = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0];
    const said = words(await wrong.text());
    expect(said).toContain('This link is not valid');
    expect(words(await unknown.text())).toBe(said);
    expect((await get(ctx, `${page(ann)}?token=short&answer=yes`)).status).toBe(400);
    expect((await post(ctx, page(ann), { token: OTHER_TOKEN, answer: 'no' })).status).toBe(403);
    expect((await stored(ann))!.status).toBe('confirmed');
  });

  it('takes only a form post, naming a missing answer', async () => {
    const token = tokenFor(ann);
    const asJson = await json(page(ann), { token, answer: 'yes' });
    expect(asJson.status).toBe(415);
    const noAnswer = await post(ctx, page(ann), { token });
    expect(noAnswer.status).toBe(400);
    expect(await noAnswer.text()).toContain('Answer “yes” or “no”');
    expect((await stored(ann))!.stillComing).toBeUndefined();
  });
});

describe('POST /api/events/:id/rsvps/:key/still-coming', () => {
  it('answers yes once and says so again', async () => {
    const token = tokenFor(ann);
    const first = await json(api(ann), { token, answer: 'yes' });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ answer: 'yes', already: false, status: 'confirmed' });
    expect(await (await json(api(ann), { token, answer: 'yes' })).json()).toEqual({ answer: 'yes', already: true, status: 'confirmed' });
    expect(await (await json(`${api(ann)}/status`, { token })).json()).toEqual({ state: 'yes', placeFree: false });
  });

  it('refuses bad bodies with a 400 naming the field, and changes nothing', async () => {
    const token = tokenFor(ann);
    const cases: [unknown, string][] = [
      ['null', 'body'], ['[]', 'body'], ['"yes"', 'body'], [{ token, answer: 'maybe' }, 'answer'], [{ answer: 'no' }, 'token'], [{ token: 'short', answer: 'no' }, 'token'],
    ];
    for (const [body, field] of cases) {
      const res = await json(api(ann), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const out = (await res.json()) as { details: { field: string }[] };
      expect(out.details.map((d) => d.field), JSON.stringify(body)).toContain(field);
    }
    expect(await stored(ann)).toMatchObject({ status: 'confirmed' });
    expect((await stored(ann))!.stillComing).toBeUndefined();
  });

  it('gives a wrong token and an unknown RSVP the same 403', async () => {
    const wrong = await json(api(ann), { token: OTHER_TOKEN, answer: 'no' });
    const unknown = await json(api('nobody@example.org'), { token: tokenFor(ann), answer: 'no' });
    // Never asked (waitlisted): no token of theirs works either.
    const unasked = await json(api(cy), { token: tokenFor(ann), answer: 'no' });
    for (const res of [wrong, unknown, unasked]) expect(res.status).toBe(403);
    const [a, b, c] = await Promise.all([wrong.json(), unknown.json(), unasked.json()]);
    expect(a).toEqual(b);
    expect(a).toEqual(c);
    expect(a).toMatchObject({ error: 'invalid_token' });
    expect((await stored(ann))!.status).toBe('confirmed');
    expect((await stored(cy))!.status).toBe('waitlisted');
  });
});

describe('who is asked', () => {
  it('a meetup without a capacity only when it or its network turns the check on; Reply-To is the network’s', async () => {
    const asked = async (every: boolean, check?: boolean) => {
      const slug = `net-${every}-${check}`;
      putNetwork(ctx, network(slug, { stillComingEveryMeetup: every }), [{ email: `team.${slug}@example.org`, role: 'organiser' }]);
      clock.set(NOW.toISOString());
      const open = await meetup(ctx, { title: `Open meetup ${slug}`, organiser: 'sam@example.org', slug });
      if (check !== undefined) ctx.events.events.get(open.id)!.attendance = { check };
      const email = `dee.${slug}@example.org`;
      rsvp(ctx, open, email, 'confirmed');
      clock.set(new Date(NOW.getTime() + 3 * 86_400_000).toISOString());
      await sweepStillComing({ ...ctx.deps });
      return ctx.events.outbox.filter((m) => m.purpose === 'still-coming' && m.to.includes(email));
    };
    expect(await asked(false)).toEqual([]);
    const mails = await asked(true);
    expect(mails.length).toBe(1);
    expect(mails[0]!.replyTo).toBe('contact.net-true-undefined@example.org');
    // The meetup's own setting wins either way.
    expect(await asked(true, false)).toEqual([]);
    expect((await asked(false, true)).length).toBe(1);
  });
});

describe('"No" with the organiser asking to hear of cancellations', () => {
  it('sends their cancel notice, as a cancel does', async () => {
    ctx.events.events.get(event.id)!.notifyOnCancel = true;
    expect((await json(api(ann), { token: tokenFor(ann), answer: 'no' })).status).toBe(200);
    const notices = ctx.events.outbox.filter((m) => m.purpose === 'rsvp-organiser-cancel-notice');
    expect(notices.length).toBe(1);
    expect(notices[0]!.to).toContain('sam@example.org');
  });
});

describe('a released place, taken back', () => {
  it('is refused while no place is free, with the way to the waitlist, and given back once one is', async () => {
    clock.set(NOW.toISOString());
    const open = await meetup(ctx, { title: 'Release test', organiser: 'sam@example.org', capacity: 1 });
    ctx.events.events.get(open.id)!.attendance = { release: true };
    const eve = 'eve@example.org';
    const fay = 'fay@example.org';
    rsvp(ctx, open, eve, 'confirmed');
    rsvp(ctx, open, fay, 'waitlisted');
    Object.assign(ctx.events.events.get(open.id)!, { confirmedCount: 1, waitlistCount: 1 });
    clock.set(new Date(NOW.getTime() + 3 * 86_400_000).toISOString());
    await sweepStillComing({ ...ctx.deps });
    expect((await ctx.deps.rsvps.get(open.id, rsvpKey(open.id, eve)))!.releaseDeadline).toBeDefined();
    // Past the deadline (24 hours before the start): Eve's place goes to Fay.
    clock.set(new Date(NOW.getTime() + 4.5 * 86_400_000).toISOString());
    expect((await sweepStillComing({ ...ctx.deps })).released).toBe(1);
    const released = ctx.events.outbox.find((m) => m.purpose === 'still-coming-released' && m.to.includes(eve))!;
    const back = /(\/events\/[\w-]+\/still-coming\/[\w-]+\/back)\?token=([\w-]{43})/.exec(released.text)!;
    const [, path, token] = back as unknown as [string, string, string];
    expect(ctx.events.outbox.filter((m) => m.purpose === 'rsvp-promoted' && m.to.includes(fay)).length).toBe(1);

    const full = await get(ctx, `${path}?token=${token}`);
    expect(full.status).toBe(200);
    expect(await full.text()).toContain('No place is free right now');
    const refused = await json(`/api/events/${open.id}/rsvps/${rsvpKey(open.id, eve)}/still-coming/back`, { token });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toContain('No place is free right now');

    // Fay gives it up after all: nobody waits, so Eve may have it back, once.
    const fayKey = rsvpKey(open.id, fay);
    expect((await ctx.deps.rsvps.cancel({ eventId: open.id, key: fayKey, now: clock.now(), as: 'cancelled' })).ok).toBe(true);
    expect(await (await get(ctx, `${path}?token=${token}`)).text()).toContain('Take a place back');
    const taken = await post(ctx, path, { token });
    expect(taken.status).toBe(200);
    expect(await taken.text()).toContain('You have your place back');
    expect(await ctx.deps.rsvps.get(open.id, rsvpKey(open.id, eve))).toMatchObject({ status: 'confirmed', stillComing: 'yes' });
    expect(ctx.events.outbox.filter((m) => m.purpose === 'still-coming-back' && m.to.includes(eve)).length).toBe(1);
    expect(await (await post(ctx, path, { token })).text()).toContain('You had taken it back already');
    expect(ctx.events.events.get(open.id)!.confirmedCount).toBe(1);
  });
});
