// Test support: records of attendance stored straight into the table as the issuing transaction stores them (the
// record item in the person's log and its pointer), for browser tests of the pages a record's links open.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CpdRecord } from '#functions/core/cpd.ts';
import { personId } from '#functions/core/person.ts';
import { newRecordId } from '#functions/cpd/records.ts';
import { documentClient } from '#functions/table/client.ts';
import { recordKey, recordPointerKey } from '#functions/table/items/cpd.ts';

/** A record as the sweep issues it (Siân at a workshop on 20 November 2026), with `over` changed. */
export const aRecord = (over: Partial<CpdRecord> = {}): CpdRecord => ({
  id: newRecordId(), personId: personId('sian@example.org'), eventId: 'evt1', name: 'Siân Attendee', title: 'Cataloguing café',
  networkName: 'Manchester NLPN', organisers: ['Aoife', 'Bea'], startUtc: '2026-11-20T12:30:00.000Z', endUtc: '2026-11-20T14:15:00.000Z',
  timezone: 'Europe/London', date: '2026-11-20', format: 'workshop', quarters: 7, outcomes: ['Catalogue a serial'],
  areas: ['organising-knowledge'], role: 'attended', feedbackCollected: true, issuedAt: '2026-11-20T15:30:00.000Z',
  shared: true, shareNonce: 'nonce-e2e', reflection: 'My private reflection', ...over,
});

/** Stores the record and its pointer; the record as stored. */
export async function storeRecord(table: { dynamo: DynamoDBClient; tableName: string }, record: CpdRecord): Promise<CpdRecord> {
  const db = documentClient(table.dynamo);
  await db.send(new PutCommand({ TableName: table.tableName, Item: { ...recordKey(record.personId, record.id), type: 'cpd-record', ...record } }));
  await db.send(new PutCommand({ TableName: table.tableName, Item: { ...recordPointerKey(record.id), type: 'cpd-record-pointer', personId: record.personId } }));
  return record;
}
