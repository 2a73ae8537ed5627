// Attendance adapter: StillComingRepository on DynamoDB. Meetups come from the listing index (the reminders' query);
// a question is one TransactWriteItems (the event still on at the start read, the RSVP claimed, the email); taking a
// released place back is another (the event's counter with the capacity and an empty waitlist as its condition).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, conditionFailed, documentClient, isConditionFailed, queryAll, transactUnlessRefused, transactWrite, updateUnlessRefused } from '#functions/table/client.ts';
import { eventKey } from '#functions/table/items/event.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { eventRsvpsQuery, rsvpFromItem, rsvpKey } from '#functions/table/items/rsvp.ts';
import { dynamoRemindersRepository } from '#functions/reminders/dynamo-reminders.repository.ts';
import { seenKey, type StillComingFields, type StillComingRepository } from './still-coming.repository.ts';
import type { StoredEvent } from '#functions/core/event.ts';

const NOT_OFF = '(attribute_not_exists(remindersOff) OR remindersOff = :false)';

export function dynamoStillComingRepository(client: DynamoDBClient, tableName: string): StillComingRepository {
  const db = documentClient(client);
  const listed = dynamoRemindersRepository(client, tableName);
  return {
    startingBetween: async (from, to) => (await listed.startingBetween(from, to)) as (StoredEvent & StillComingFields)[],

    rsvps: async (eventId) => (await queryAll(client, eventRsvpsQuery(tableName, eventId))).map(rsvpFromItem),

    async claim({ event, rsvp, now, tokenHash, releaseDeadline, email }) {
      const nowIso = now.toISOString();
      return transactUnlessRefused(client, {
        TransactItems: [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: eventKey(event.id),
              ConditionExpression: '#st = :published AND startUtc = :start AND startUtc > :now',
              ExpressionAttributeNames: { '#st': 'status' },
              ExpressionAttributeValues: { ':published': 'published', ':start': event.startUtc, ':now': nowIso },
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: rsvpKey(event.id, rsvp.key),
              // Once per RSVP, whatever the start does later.
              UpdateExpression: `SET stillComingAskedAt = :now, stillComingHash = :h${releaseDeadline ? ', releaseDeadline = :deadline' : ''}`,
              ConditionExpression: `#st = :confirmed AND attribute_not_exists(stillComingAskedAt) AND ${NOT_OFF}`,
              ExpressionAttributeNames: { '#st': 'status' },
              ExpressionAttributeValues: {
                ':now': nowIso, ':h': tokenHash, ':confirmed': 'confirmed', ':false': false,
                ...(releaseDeadline ? { ':deadline': releaseDeadline.toISOString() } : {}),
              },
            },
          },
          outboxPut(tableName, email),
        ],
      });
    },

    async mark(event, next) {
      try {
        await db.send(new UpdateCommand({
          TableName: tableName,
          Key: eventKey(event.id),
          UpdateExpression: 'SET stillComingMark = :mark',
          ConditionExpression: 'startUtc = :start',
          ExpressionAttributeValues: { ':mark': { seen: seenKey(event), ...(next ? { next: next.toISOString() } : {}) }, ':start': event.startUtc },
        }));
      } catch (error) {
        // The start moved meanwhile: the next sweep looks at the event afresh.
        if (!isConditionFailed(error)) throw error;
      }
    },

    async answerYes({ eventId, key, tokenHash, now }) {
      return updateUnlessRefused(client, {
        TableName: tableName,
        Key: rsvpKey(eventId, key),
        UpdateExpression: 'SET stillComing = :yes, stillComingAnsweredAt = if_not_exists(stillComingAnsweredAt, :now), updatedAt = :now',
        ConditionExpression: '#st = :confirmed AND stillComingHash = :h',
        ExpressionAttributeNames: { '#st': 'status' },
        ExpressionAttributeValues: { ':yes': 'yes', ':now': now.toISOString(), ':confirmed': 'confirmed', ':h': tokenHash },
      });
    },

    async takeBack({ event, key, tokenHash, now, cancelTokenHash, email }) {
      const nowIso = now.toISOString();
      try {
        await transactWrite(client, {
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: eventKey(event.id),
                UpdateExpression: 'SET #c = if_not_exists(#c, :zero) + :one, #j = if_not_exists(#j, :zero) + :one',
                // A place is free only with nobody waiting for it: the waitlist's first person comes first.
                ConditionExpression: '#st = :published AND #start > :now AND (attribute_not_exists(#cap) OR attribute_not_exists(#c) OR #c < #cap) AND (attribute_not_exists(#w) OR #w = :zero)',
                ExpressionAttributeNames: { '#st': 'status', '#start': 'startUtc', '#c': 'confirmedCount', '#w': 'waitlistCount', '#cap': 'capacity', '#j': 'joinCount' },
                ExpressionAttributeValues: { ':published': 'published', ':now': nowIso, ':zero': 0, ':one': 1 },
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: rsvpKey(event.id, key),
                UpdateExpression: 'SET #st = :confirmed, confirmedAt = :now, updatedAt = :now, cancelTokenHash = :cth, stillComing = :yes, stillComingAnsweredAt = :now REMOVE releasedAt, cancelledAt',
                ConditionExpression: '#st = :cancelled AND attribute_exists(releasedAt) AND stillComingHash = :h',
                ExpressionAttributeNames: { '#st': 'status' },
                ExpressionAttributeValues: { ':confirmed': 'confirmed', ':cancelled': 'cancelled', ':now': nowIso, ':cth': cancelTokenHash, ':yes': 'yes', ':h': tokenHash },
              },
            },
            outboxPut(tableName, email),
          ],
        });
        return 'taken';
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (conditionFailed(reasons, 1)) return 'gone';
        if (conditionFailed(reasons, 0)) return 'full';
        throw error;
      }
    },
  };
}
