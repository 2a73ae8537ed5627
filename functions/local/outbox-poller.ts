// Local stack: drives the mailer by polling pending outbox messages, as the DynamoDB Stream trigger does in AWS.
import { deliverPending, type DeliveryDeps } from '../mail/deliver.ts';

export function startOutboxPoller(deps: DeliveryDeps, intervalMs = 500): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const { sent } = await deliverPending(deps);
        if (sent) continue; // more may be waiting
      } catch (error) {
        deps.logger.warn('outbox poll failed; retrying', { error: (error as Error).message });
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
