// Test support: real clients and a fresh table per test file, against the services local-services.ts started.
import { inject } from 'vitest';
import { createDynamoClient } from '#functions/table/client.ts';
import { ensureTable } from '#local/local-stack.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { dynamoRsvpsRepository } from '#functions/rsvps/dynamo-rsvps.repository.ts';
import { dynamoOutbox } from '#functions/mail/dynamo-outbox.ts';
import { dynamoFeedsRepository } from '#functions/feeds/dynamo-feeds.repository.ts';
import { configuredFeedSecret } from '#functions/feeds/secret.ts';
import { createSesClient, sesMailer } from '#functions/mail/ses-mailer.ts';
import { deliverPending, type DeliveryDeps } from '#functions/mail/deliver.ts';
import { createLogger } from '#functions/core/log.ts';
import type { AppDeps } from '#functions/apps/api/deps.ts';
import type { Clock } from '#functions/core/clock.ts';
import { newId } from '#functions/core/ids.ts';
import { dynamoSuppressionsRepository } from '#functions/suppression/dynamo-suppressions.repository.ts';

export const MAIL_FROM = 'Signpost <events@signpost.test>';
export const FEED_SECRET = 'integration-feed-secret-0123456789abcdef';

export async function testStack(clock: Clock, siteUrl = 'http://localhost:3000') {
  const dynamoEndpoint = inject('dynamoEndpoint');
  const sesEndpoint = inject('sesEndpoint');
  const tableName = `signpost-test-${newId(6)}`;
  const dynamo = createDynamoClient({ region: 'eu-west-2', endpoint: dynamoEndpoint });
  await ensureTable(dynamo, tableName);
  // Each request looks like a different visitor unless a test pins one address.
  let pinnedIp: string | undefined;
  let counter = 0;
  const ip = {
    pin: (address: string | undefined) => (pinnedIp = address),
    next: () => pinnedIp ?? `198.51.${Math.floor(counter / 250) % 250}.${counter++ % 250}`,
  };
  const logger = createLogger(process.env.TEST_LOG_LEVEL === 'error' ? 'error' : 'silent');
  const suppressions = dynamoSuppressionsRepository(dynamo, tableName);
  const deps: AppDeps = {
    events: dynamoEventsRepository(dynamo, tableName),
    suppressions,
    rsvps: dynamoRsvpsRepository(dynamo, tableName),
    feeds: dynamoFeedsRepository(dynamo, tableName),
    feedSecret: configuredFeedSecret(FEED_SECRET),
    clock,
    logger,
    siteUrl,
    clientIp: () => ip.next(),
  };
  const delivery: DeliveryDeps = {
    outbox: dynamoOutbox(dynamo, tableName),
    mailer: sesMailer(createSesClient({ region: 'eu-west-2', endpoint: sesEndpoint }), MAIL_FROM),
    suppressions,
    clock,
    logger,
    ratePerSecond: 1000,
  };
  /** Runs the mailer over everything pending, as the stream trigger or local poller would; totals what it did. */
  const deliver = async () => {
    const total = { sent: 0, failed: 0 };
    for (;;) {
      const round = await deliverPending(delivery, 100);
      total.sent += round.sent;
      total.failed += round.failed;
      if (round.sent === 0) return total;
    }
  };
  return { deps, delivery, deliver, dynamo, tableName, sesEndpoint, dynamoEndpoint, ip, suppressions };
}

export interface StoredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** Emails the SES emulator recorded for an address (it keeps every message sent). */
export async function inbox(sesEndpoint: string, to: string): Promise<StoredEmail[]> {
  const res = await fetch(`${sesEndpoint}/store`);
  const { emails } = (await res.json()) as { emails: StoredEmail[] };
  return emails.filter((e) => e.destination.to.some((addr) => addr.includes(to)));
}

export function linkFrom(email: { body: { text?: string } } | { text: string }, kind: 'confirm' | 'manage'): { url: string; id: string; token: string } {
  const text = 'text' in email ? email.text : (email.body.text ?? '');
  const match = new RegExp(`(https?://[^\\s"]+/${kind}/([a-z0-9]+)#token=([A-Za-z0-9_-]+))`).exec(text);
  if (!match) throw new Error(`No ${kind} link in the email`);
  return { url: match[1]!, id: match[2]!, token: match[3]! };
}
