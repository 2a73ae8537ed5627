// Feeds adapter: a feed's version kept in the function's memory for a moment. Calendar apps poll the same few
// feeds all day; this turns a burst of polls into one read. A change shows up to `ttlMs` later on each instance,
// which is nothing beside CloudFront's five minutes. Concurrent polls share one pending read; a failed read is not kept.
import type { FeedsRepository } from './feeds.repository.ts';
import type { FeedVersion } from '#functions/core/facets.ts';

export function cachedVersions(repo: FeedsRepository, ttlMs = 1_000, now: () => number = () => performance.now()): FeedsRepository {
  const kept = new Map<string, { at: number; version: Promise<FeedVersion | undefined> }>();
  return {
    ...repo,
    version(facet) {
      const hit = kept.get(facet);
      if (hit && now() - hit.at < ttlMs) return hit.version;
      const version = repo.version(facet);
      kept.set(facet, { at: now(), version });
      version.catch(() => kept.delete(facet));
      if (kept.size > 1_000) kept.delete(kept.keys().next().value!);
      return version;
    },
  };
}
