// Suppression: an in-memory repository for tests and the in-memory app.
import { suppressionKey, type Suppression } from './suppression.ts';
import type { SuppressionsRepository } from './suppressions.repository.ts';

export function memorySuppressionsRepository(): SuppressionsRepository & { suppressed: Map<string, Suppression> } {
  const suppressed = new Map<string, Suppression>();
  return {
    suppressed,
    async mark(email, suppression) {
      // As the DynamoDB adapter: a complaint outranks a later bounce.
      if (suppressed.get(suppressionKey(email))?.reason === 'complaint' && suppression.reason === 'bounce') return;
      suppressed.set(suppressionKey(email), suppression);
    },
    async find(emails) {
      return new Map(emails.flatMap((email) => {
        const found = suppressed.get(suppressionKey(email));
        return found ? [[email, found] as const] : [];
      }));
    },
  };
}
