// Local stack: drives the mailer by polling pending outbox messages, as the DynamoDB Stream trigger does in AWS, and
// runs the sweeps (reminders, announcements, and the team messages a send left open: SweepsDeps.resumers) every
// minute, as EventBridge Scheduler does there.
import { deliverPending, type DeliveryDeps } from '#functions/mail/deliver.ts';
import { runSweeps, type SweepsDeps } from '#functions/apps/reminders/sweeps.ts';

/**
 * Sends what is pending, then looks again after `intervalMs`. While nothing can be sent (the SES emulator or DynamoDB
 * Local is down or restarting) it says so once and waits longer each round, up to `maxIntervalMs`: the mail stays
 * pending in the outbox and goes out, once, when the service is back.
 */
export function startOutboxPoller(deps: DeliveryDeps, intervalMs = 500, maxIntervalMs = 10_000): { stop(): Promise<void> } {
  let running = true;
  let wake = () => {};
  let wait = intervalMs;
  let stuckSince: number | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => (clearTimeout(timer), resolve());
    });
  const loop = (async () => {
    while (running) {
      let stuck: string | undefined;
      try {
        const { sent, failed } = await deliverPending(deps);
        if (sent) {
          if (stuckSince !== undefined) deps.logger.info('outbox: sending again', { stuckForSeconds: Math.round((Date.now() - stuckSince) / 1000) });
          stuckSince = undefined;
          wait = intervalMs;
          continue; // more may be waiting
        }
        if (failed) stuck = `${failed} email(s) could not be sent`;
      } catch (error) {
        stuck = (error as Error).message || (error as Error).name;
      }
      if (stuck) {
        if (stuckSince === undefined) {
          stuckSince = Date.now();
          deps.logger.warn('outbox: mail cannot be sent just now; it stays in the outbox and is retried', { reason: stuck });
        }
        wait = Math.min(wait * 2, maxIntervalMs);
      } else {
        wait = intervalMs;
      }
      await pause(wait);
    }
  })();
  return {
    async stop() {
      running = false;
      wake();
      await loop;
    },
  };
}

/** The sweeps (reminders, then announcements) once a minute, never two at once; a failed run is logged and the next
 * one catches up. The weekly digest is not run here: `npm run reminders -- --digest` sends it on demand. */
export function startReminderSweeps(deps: SweepsDeps, intervalMs = 60_000): { stop(): void } {
  let busy = false;
  const run = async () => {
    if (busy) return;
    busy = true;
    try {
      await runSweeps(deps);
    } catch (error) {
      deps.reminders.logger.warn('reminder sweep failed; the next one catches up', { error: (error as Error).message });
    } finally {
      busy = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
