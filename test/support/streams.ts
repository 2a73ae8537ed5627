// Test support: reads DynamoDB Local's stream the way Lambda's event source mapping would, as real stream batches.
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient, DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';

/** Returns a reader; each call yields the stream records not returned before, in order. */
export async function streamReader(dynamo: DynamoDBClient, endpoint: string, tableName: string) {
  const streams = new DynamoDBStreamsClient({ region: 'eu-west-2', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const streamArn = (await dynamo.send(new DescribeTableCommand({ TableName: tableName }))).Table!.LatestStreamArn!;
  const seen = new Set<string>();
  return async function newRecords(): Promise<DynamoDBStreamEvent> {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const records: _Record[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
      for (let i = 0; iterator && i < 20; i++) {
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
        records.push(...(out.Records ?? []));
        if (!out.Records?.length) break;
        iterator = out.NextShardIterator;
      }
    }
    const fresh = records.filter((r) => !seen.has(r.dynamodb!.SequenceNumber!));
    fresh.forEach((r) => seen.add(r.dynamodb!.SequenceNumber!));
    return { Records: fresh as unknown as DynamoDBStreamEvent['Records'] };
  };
}
