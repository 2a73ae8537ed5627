// Cost bench: what a run left in the table, by kind (meetups, RSVPs, sent emails, the rest), for a year's storage.
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inIndex, itemSize, type Item } from './items.ts';

/** Storage billing adds 100 bytes to each item, and to each copy of it in the index. */
export const storedBytes = (item: Item) => (itemSize(item) + 100) * (inIndex(item) ? 2 : 1);

export async function storageFacts(plain: DynamoDBClient, tableName: string, emails: number) {
  const kinds = { meetup: 0, meetups: 0, rsvp: 0, rsvps: 0, outbox: 0, fixed: 0 };
  let start: Item | undefined;
  do {
    const out = await plain.send(new ScanCommand({ TableName: tableName, ...(start ? { ExclusiveStartKey: start } : {}) }));
    for (const item of out.Items ?? []) {
      const pk = item.PK?.S ?? '';
      const sk = item.SK?.S ?? '';
      const bytes = storedBytes(item);
      if (pk.startsWith('EVENT#') && (sk === 'EVENT' || sk.startsWith('LIST#'))) {
        kinds.meetup += bytes;
        if (sk === 'EVENT') kinds.meetups++;
      } else if (pk.startsWith('EVENT#') && sk.startsWith('RSVP#')) {
        kinds.rsvp += bytes;
        kinds.rsvps++;
      } else if (pk.startsWith('PERSON#') && sk !== 'SUPPRESSED') kinds.rsvp += bytes;
      else if (pk.startsWith('OUTBOX#')) kinds.outbox += bytes;
      else kinds.fixed += bytes; // feed versions, rate-limit counters (TTL: an hour), suppressions
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return { perMeetup: kinds.meetup / kinds.meetups, perRsvp: kinds.rsvp / kinds.rsvps, perSentEmail: kinds.outbox / Math.max(1, emails), fixed: kinds.fixed };
}
