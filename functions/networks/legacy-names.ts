// Networks: names used before networks existed. Meetups stored then carry a free-text `network`; its slug
// (networkSlugOf) may become a network only for an address that listed one of them. The registry of those names is
// filled from the stored meetups by backfillLegacyNames, which `npm run backfill` and `npm start` run (idempotent).
import type { Viewer } from '#functions/core/viewer.ts';
import type { NetworksRepository } from './networks.repository.ts';

export const LEGACY_NAME_TAKEN =
  'That name is used by meetups listed by another address. Sign in with the address that listed them, or ask the operator.';

/** Records every free-text network name of the stored meetups and who listed them. Safe to run again and again. */
export async function backfillLegacyNames(repo: Pick<NetworksRepository, 'backfillLegacyNames'>): Promise<{ events: number; names: number }> {
  return repo.backfillLegacyNames();
}

/** Why `viewer` may not create a network of `slug`, or undefined when the slug is free or theirs to claim. */
export async function legacyClaimProblem(repo: Pick<NetworksRepository, 'legacyName'>, slug: string, viewer: Viewer): Promise<string | undefined> {
  const legacy = await repo.legacyName(slug);
  if (!legacy || legacy.organisers.includes(viewer.personId)) return undefined;
  return LEGACY_NAME_TAKEN;
}
