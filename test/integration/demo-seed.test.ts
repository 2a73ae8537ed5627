// Integration: the demo seed on DynamoDB Local, through the real repositories — networks with their teams, meetups
// listed under them (upcoming and past, the past ones with the places people had), free-text ones left as before
// networks, and a second seeding that creates no network twice; attendance (check-ins and kept numbers, a meetup
// today with people checked in, answers to "Still coming?"). Then `npm run backfill`'s steps over the result.
import { describe, expect, it } from 'vitest';
import { systemClock } from '#functions/core/clock.ts';
import { personId } from '#functions/core/person.ts';
import { runBackfills, BACKFILL_STEPS } from '#functions/apps/backfill-steps.ts';
import { seedEverything } from '#local/seed-data.ts';
import { DEMO_ORGANISER, DEMO_ORGANISER_FOLLOWS, demoNetworks } from '#local/demo-networks.ts';
import { dynamoDemoAttendance } from '#local/demo-attendance.ts';
import { createApp } from '#functions/apps/api/app.ts';
import { verifyUrl } from '#functions/cpd/records.ts';
import { attendanceClosed } from '#functions/core/attendance.ts';
import { eventPath } from '#functions/core/event.ts';
import { testStack } from '../support/stack.ts';

describe('the demo seed', () => {
  it('creates the networks with their teams, meetups under them with the places people had, and runs twice harmlessly', async () => {
    const stack = await testStack(systemClock);
    const { deps } = stack;
    const now = new Date();
    const first = await seedEverything({ ...deps, attendance: dynamoDemoAttendance(stack.dynamo, stack.tableName, { siteUrl: deps.siteUrl, feedSecret: deps.feedSecret }) }, now, 13);
    // 13 meetups, the lunch club's monthly series of 6, and Manchester NLPN's two showing attendance.
    expect(first).toEqual({ networks: demoNetworks.length, meetups: 13 + 6 + 2 });
    const lunches = (await deps.events.organisedBy(personId('ruth@signpost.local'))).filter((e) => e.series);
    expect(lunches.map((e) => [e.series!.index, e.startLocal.slice(11), e.networkSlug, e.status])).toEqual(
      [1, 2, 3, 4, 5, 6].map((i) => [i, '12:30', 'london-library-lunch-club', 'published']),
    );

    for (const n of demoNetworks) {
      expect(await deps.networks.get(n.slug)).toMatchObject({ name: n.name, accent: n.accent, status: 'active', contactEmail: n.team[0]!.email });
      const team = await deps.networks.team(n.slug);
      expect(team.map((m) => [m.email, m.role, m.showName]).sort()).toEqual(n.team.map((m) => [m.email, m.role, m.showName]).sort());
    }
    expect((await deps.networks.membershipsOf(personId(DEMO_ORGANISER))).map((m) => m.slug).sort()).toEqual(['manchester-nlpn', 'uklibchat']);
    // Followers: counted, and grown over the months since the network was created (never before it).
    for (const n of demoNetworks) {
      const own = DEMO_ORGANISER_FOLLOWS.some((f) => f.slug === n.slug) ? 1 : 0;
      const stats = await deps.followers.stats(n.slug, 7, now);
      expect(stats.count).toBe(n.followers + own);
      expect(stats.months.reduce((sum, m) => sum + m.joined, 0)).toBe(n.followers + own);
      expect(stats.months.filter((m) => m.joined > 0).length).toBeGreaterThan(2);
      const created = (await deps.networks.get(n.slug))!.createdAt.slice(0, 7);
      expect(stats.months.filter((m) => m.month < created && m.joined > 0)).toEqual([]);
    }
    expect((await deps.followers.followedBy(personId(DEMO_ORGANISER))).map((f) => [f.networkSlug, f.mode])).toEqual(
      DEMO_ORGANISER_FOLLOWS.map((f) => [f.slug, f.mode]),
    );
    // Each team member's name is remembered, as if they had given it once: their RSVP form comes filled in.
    expect(await deps.sessions.profile(personId(DEMO_ORGANISER))).toMatchObject({ name: 'Sam Okafor' });

    // Past meetups: listed under their network, with as many places taken as people came.
    const mine = await deps.events.organisedBy(personId(demoNetworks[0]!.team[0]!.email));
    const past = mine.filter((e) => e.endUtc < now.toISOString());
    expect(past.map((e) => e.title).sort()).toEqual(demoNetworks[0]!.past.map((p) => p.title).sort());
    await expectAttendance(stack, mine, now);
    for (const e of past) {
      expect(e).toMatchObject({ status: 'published', networkSlug: 'manchester-nlpn', network: 'Manchester NLPN' });
      // Walk-ins took places too.
      const demo = demoNetworks[0]!.past.find((p) => p.title === e.title)!;
      expect(e.confirmedCount).toBe(demo.came + (demo.walkIns ?? 0));
    }
    expect(mine.some((e) => e.startUtc > now.toISOString() && e.networkSlug === 'manchester-nlpn')).toBe(true);
    // Upcoming meetups with CPD details as the listing form stores them, listed in the organiser's own name: the
    // page says "Counts towards your CPD".
    const withCpd = mine.filter((e) => e.startUtc > now.toISOString() && e.cpd);
    expect(withCpd.map((e) => [e.title, e.organiserName, e.cpd])).toContainEqual([
      'Chartership support session: reflective writing', 'Priya Shah', expect.objectContaining({ quarters: 6, format: 'workshop', areas: ['literacies-learning', 'leadership-advocacy'] }),
    ]);
    const cpdPage = await (await createApp(deps).request(eventPath(withCpd[0]!))).text();
    expect(cpdPage).toContain('Counts towards your CPD');
    expect(cpdPage).toContain('Say what makes a piece of reflective writing work as portfolio evidence');

    // A lived-in CPD log: the demo organiser's records from the two past meetups with check-ins (one reflected on) and
    // an activity from elsewhere; every checked-in attendee with an address has their record, its link verifying.
    const log = await deps.cpdLog.log(personId(DEMO_ORGANISER));
    expect(log.records.map((r) => r.title).sort()).toEqual(['#uklibchat: libraries and wellbeing', 'Library visit: the John Rylands Research Institute and Library']);
    expect(log.records.filter((r) => r.reflection)).toHaveLength(1);
    expect(log.records.find((r) => r.title.startsWith('Library visit'))).toMatchObject({
      name: 'Sam Okafor', quarters: 6, format: 'talk', areas: ['using-knowledge', 'collection-management'], organisers: ['Priya Shah', 'Sam'],
    });
    expect(log.activities).toHaveLength(1);
    const sams = log.records[0]!;
    const token = verifyUrl(deps.siteUrl, await deps.feedSecret(), sams).split('#')[1]!;
    const verified = await createApp(deps).request(`/api/records/${sams.id}/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    expect(verified.status).toBe(200);
    const visit = past.find((e) => e.title.startsWith('Library visit'))!;
    const issued = (await deps.rsvps.list(visit.id)).filter((r) => (r as { recordIssuedAt?: string }).recordIssuedAt);
    expect(issued).toHaveLength(11); // the walk-in left no address
    expect((await deps.cpdLog.log(personId(issued.find((r) => r.email !== DEMO_ORGANISER)!.email!))).records).toHaveLength(1);
    // Most of the others answered the record email's feedback form (six in every eight); the demo organiser didn't,
    // so their own link still shows the form.
    expect((await deps.feedback.tally(visit.id)).count).toBe(8);
    expect((await deps.feedback.answers(visit.id)).filter((a) => a.worked || a.better).length).toBeGreaterThan(0);
    expect(log.records.every((r) => !r.feedbackGivenAt)).toBe(true);

    const again = await seedEverything(deps, now, 1);
    expect(again).toEqual({ networks: 0, meetups: 1 });

    // The backfill: every step runs; the demo's free-text names (meetups of no demo network) become legacy names.
    const results = await runBackfills(deps);
    expect(results.map((r) => r.step)).toEqual(BACKFILL_STEPS);
    expect(await deps.networks.legacyName('teachmeet-scotland')).toMatchObject({ organisers: [personId('organisers@example.org')] });
    expect(await deps.networks.legacyName('manchester-nlpn')).toBeUndefined();
    // Idempotent: a second run rewrites nothing.
    expect((await runBackfills(deps)).filter((r) => r.rewritten)).toEqual([]);
  });
});

type Stack = Awaited<ReturnType<typeof testStack>>;
type Listed = Awaited<ReturnType<Stack['deps']['events']['organisedBy']>>;

/** The demo's attendance, as the organiser and the network page see it. */
async function expectAttendance(stack: Stack, mine: Listed, now: Date) {
  const { deps } = stack;
  const byTitle = (title: string) => mine.find((e) => e.title === title)!;

  // A past meetup with its numbers kept: the helper checked people in at the door, and one walked in.
  const visit = byTitle('Library visit: the John Rylands Research Institute and Library');
  expect(visit.attendanceSummary).toMatchObject({ booked: 14, checkedIn: 11, walkIns: 1, came: 12, noShows: 3 });
  const visitRsvps = await deps.rsvps.list(visit.id);
  expect(visitRsvps.filter((r) => r.checkedInAt).map((r) => r.checkedInBy)).toEqual(Array(12).fill({ via: 'team', name: 'Tom Hughes' }));
  // Online: checked in by the code of the day.
  const chat = (await deps.events.organisedBy(personId('sam@signpost.local'))).find((e) => e.title === '#uklibchat: libraries and wellbeing')!;
  expect(chat.attendanceSummary).toMatchObject({ booked: 31, checkedIn: 19, walkIns: 0, came: 19 });
  expect((await deps.rsvps.list(chat.id)).filter((r) => r.checkedInBy?.via === 'code')).toHaveLength(19);
  const app = createApp(deps);
  const page = await (await app.request('/networks/manchester-nlpn')).text();
  expect(page).toMatch(/John Rylands Research Institute and Library<\/a>.*?<span class="past-came">12 came<\/span>/);

  // Later today: the window is open, four checked in (one by code) and a walk-in, holding a place.
  const clinic = byTitle('CV clinic: applying for your first professional post');
  const minutesAway = (Date.parse(clinic.startUtc) - now.getTime()) / 60_000;
  expect(minutesAway).toBeGreaterThanOrEqual(30);
  expect(minutesAway).toBeLessThanOrEqual(45);
  expect(attendanceClosed(clinic, now)).toBe(false);
  const clinicRsvps = await deps.rsvps.list(clinic.id);
  expect(clinicRsvps.filter((r) => r.status === 'confirmed' && r.checkedInAt)).toHaveLength(4);
  expect(clinicRsvps.filter((r) => r.checkedInBy?.via === 'code')).toHaveLength(1);
  expect(clinicRsvps.filter((r) => r.status === 'walkin').map((r) => Boolean(r.checkedInAt))).toEqual([true]);
  expect((await deps.events.get(clinic.id))!.confirmedCount).toBe(9);

  // Coming up: asked "Still coming?", six said yes, four have not answered; two wait for their places.
  const evening = byTitle('Chartership evening: portfolio feedback');
  expect(evening).toMatchObject({ capacity: 10, attendance: { check: true, release: true }, confirmedCount: 10, waitlistCount: 2 });
  const answers = (await deps.rsvps.list(evening.id)).filter((r) => r.status === 'confirmed');
  expect(answers.every((r) => r.stillComingAskedAt && r.stillComingAskedAt < now.toISOString() && r.releaseDeadline)).toBe(true);
  expect(answers.filter((r) => r.stillComing === 'yes')).toHaveLength(6);
  expect(clinic.attendanceSummary).toBeUndefined();
}
