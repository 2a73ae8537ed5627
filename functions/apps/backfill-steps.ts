// Apps: what an upgrade runs over data stored by an older version of Signpost, in one list. `npm run backfill` runs it
// once after a deploy (functions/apps/backfill.ts), `npm start` on every start (local/start.ts). Each step is
// idempotent: run again, it finds nothing left to do (or records the same again).
import type { Clock } from '#functions/core/clock.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import { backfillListingMatch, backfillOrganiserIndex } from '#functions/events/use-cases.ts';
import type { NetworksRepository } from '#functions/networks/networks.repository.ts';
import { backfillLegacyNames } from '#functions/networks/legacy-names.ts';

export interface BackfillDeps {
  events: EventsRepository;
  networks: NetworksRepository;
  clock: Clock;
}

export interface BackfillResult {
  step: string;
  /** How many items the step rewrote; unset for a step that records the same again each time (the names registry). */
  rewritten?: number;
  /** One line for the terminal. */
  said: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** In order; each reads only what the ones before leave alone. */
const steps: { step: string; run: (deps: BackfillDeps) => Promise<Omit<BackfillResult, 'step'>> }[] = [
  {
    // Before search: listing entries without the folded text the filters and search match within.
    step: 'listing match text',
    run: async (deps) => {
      const n = await backfillListingMatch(deps);
      return { rewritten: n, said: n ? `Gave ${plural(n, 'upcoming listing')} the text search needs.` : 'Every upcoming listing already has the text search needs.' };
    },
  },
  {
    // Before "your meetups": event items without their place in the organiser index (ORGANISER#<person>).
    step: 'organiser index',
    run: async (deps) => {
      const n = await backfillOrganiserIndex(deps);
      return { rewritten: n, said: n ? `Put ${plural(n, 'meetup')} on their organisers' "Your meetups".` : 'Every meetup is already on its organiser\'s "Your meetups".' };
    },
  },
  {
    // Before networks: the free-text network names of stored meetups and who listed them, so a network of that slug
    // can be created only by one of those addresses (functions/networks/legacy-names.ts).
    step: 'legacy network names',
    run: async (deps) => {
      const { events, names } = await backfillLegacyNames(deps.networks);
      return { said: `Recorded ${plural(names, 'network name')} used by ${plural(events, 'meetup')} listed before networks.` };
    },
  },
];

export const BACKFILL_STEPS = steps.map((s) => s.step);

/** Runs every step in order, stopping at the first that fails (a rerun starts again; every step is idempotent). */
export async function runBackfills(deps: BackfillDeps, onStep: (result: BackfillResult) => void = () => {}): Promise<BackfillResult[]> {
  const results: BackfillResult[] = [];
  for (const { step, run } of steps) {
    const result = { step, ...(await run(deps)) };
    results.push(result);
    onStep(result);
  }
  return results;
}
