// Local stack: drives the mailer by polling pending outbox messages, as the DynamoDB Stream trigger does in AWS, and
// runs the reminder sweep every minute, as EventBridge Scheduler does there.
import { deliverPending, type DeliveryDeps } from '#functions/mail/deliver.ts';
import { sweepReminders, type ReminderDeps } from '#functions/reminders/sweep.ts';

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

/** One sweep a minute, never two at once; a failed sweep is logged and the next one catches up. */
export function startReminderSweeps(deps: ReminderDeps, intervalMs = 60_000): { stop(): void } {
  let busy = false;
  const run = async () => {
    if (busy) return;
    busy = true;
    try {
      await sweepReminders(deps);
    } catch (error) {
      deps.logger.warn('reminder sweep failed; the next one catches up', { error: (error as Error).message });
    } finally {
      busy = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
