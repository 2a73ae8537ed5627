// Mailer: handles a batch from the table's DynamoDB Stream. The stream delivers new outbox messages; failures are reported
// per record, so Lambda retries from the first failed one (bisecting, bounded, then the dead-letter queue).
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { itemFromImage } from '#functions/table/client.ts';
import { newOutboxMessage } from '#functions/table/items/outbox.ts';
import { deliverAll, type DeliveryDeps } from './deliver.ts';

export function streamHandler(deps: DeliveryDeps) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const bySequence = new Map<string, string>();
    const messages = event.Records.flatMap((record) => {
      const image = record.dynamodb?.NewImage;
      if (record.eventName !== 'INSERT' || !image) return [];
      const message = newOutboxMessage(itemFromImage(image));
      if (!message) return [];
      bySequence.set(message.id, record.dynamodb!.SequenceNumber!);
      return [message];
    });
    const failed = await deliverAll(deps, messages);
    return { batchItemFailures: failed.map((id) => ({ itemIdentifier: bySequence.get(id)! })) };
  };
}
