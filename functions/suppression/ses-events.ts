// Suppression service: handles SES bounce and complaint events, delivered by EventBridge (or wrapped in SNS), and marks
// the addresses they name. A malformed event is logged and dropped; a storage failure throws, so Lambda retries it and
// then parks it in the dead-letter queue.
import type { Clock } from '#functions/core/clock.ts';
import type { Logger } from '#functions/core/log.ts';
import { sesEventSchema, suppressionsFrom } from './suppression.ts';
import type { SuppressionsRepository } from './suppressions.repository.ts';

export interface SesEventsDeps {
  suppressions: Pick<SuppressionsRepository, 'mark'>;
  clock: Clock;
  logger: Logger;
}

/** An EventBridge event from SES (`detail` is the SES event record), or an SNS delivery of SES notifications. */
export interface SesEventInput {
  'detail-type'?: string;
  source?: string;
  detail?: unknown;
  Records?: { Sns?: { Message?: string } }[];
}

function records(input: SesEventInput): unknown[] {
  if (input.detail !== undefined) return [input.detail];
  return (input.Records ?? []).flatMap((r) => {
    try {
      return r.Sns?.Message ? [JSON.parse(r.Sns.Message) as unknown] : [];
    } catch {
      return [undefined];
    }
  });
}

export function sesEventsHandler(deps: SesEventsDeps) {
  return async (input: SesEventInput): Promise<{ suppressed: number }> => {
    let suppressed = 0;
    for (const record of records(input)) {
      const parsed = sesEventSchema.safeParse(record);
      if (!parsed.success) {
        deps.logger.warn('ignored an SES event that is not a bounce or complaint record', { detailType: input['detail-type'] ?? 'sns' });
        continue;
      }
      const marks = suppressionsFrom(parsed.data, deps.clock.now());
      for (const { email, suppression } of marks) await deps.suppressions.mark(email, suppression);
      suppressed += marks.length;
      // Never the address: the reason and SES's message id are enough to trace it.
      deps.logger.info('SES event handled', {
        eventType: parsed.data.eventType ?? parsed.data.notificationType ?? 'unknown',
        detail: marks[0]?.suppression.detail ?? parsed.data.bounce?.bounceType ?? 'none',
        suppressed: marks.length,
        messageId: parsed.data.mail.messageId ?? 'unknown',
      });
    }
    return { suppressed };
  };
}
