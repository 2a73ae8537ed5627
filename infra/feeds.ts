// Infra, stateless: the calendar feeds Lambda (functions/feeds/handler.ts), on its own routes of the API's HTTP API.
// A function of its own so the API bundle doesn't carry the calendar and timezone libraries. It only reads the table.
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import { HttpMethod, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { InfraConfig } from './config.ts';
import { SignpostFunction } from './constructs/signpost-function.ts';
import { FEEDS, proxyRoute } from '#functions/core/paths.ts';

export interface FeedsProps {
  config: Pick<InfraConfig, 'logLevel'>;
  /** Where people find Signpost: event links in the feeds. */
  siteUrl: string;
  table: ITableV2;
  feedSecret: ISecret;
  /** The API's HTTP API: feed paths get routes of their own there; everything else stays on its default route. */
  httpApi: HttpApi;
}

/** HTTP API routes to the feeds function, GET and HEAD only: the paths isFeedPath names (functions/core/paths.ts). */
export const feedRoutes = { paths: [FEEDS.whole, proxyRoute(FEEDS.under)], methods: [HttpMethod.GET, HttpMethod.HEAD] } as const;

export class Feeds extends Construct {
  readonly handler: SignpostFunction;

  constructor(scope: Construct, id: string, props: FeedsProps) {
    super(scope, id);
    const { config } = props;

    this.handler = new SignpostFunction(this, 'Handler', {
      entry: fileURLToPath(new URL('../functions/apps/feeds/handler.ts', import.meta.url)),
      description: 'Signpost calendar feeds (.ics): whole site, networks, tags, events, personal',
      // Lambda's CPU grows with memory (one full vCPU at 1,769 MB). A miss reads and renders the whole feed on one
      // thread: `npm run bench -- feeds` measures ~0.4 s of a full core for 1,000 events (reads ~0.28 s, render
      // ~0.16 s), so ~1.4 s at 512 MB. Misses are rare (once per feed change per instance); the common 304 path
      // is cheaper per call at the smaller size. The timeout leaves room for a slow DynamoDB moment.
      memorySize: 512,
      timeout: Duration.seconds(15),
      environment: { SITE_URL: props.siteUrl, LOG_LEVEL: config.logLevel },
    });
    this.handler.bindTable(props.table, 'read');
    this.handler.bindFeedSecret(props.feedSecret);

    const integration = new HttpLambdaIntegration('Handler', this.handler);
    for (const path of feedRoutes.paths) props.httpApi.addRoutes({ path, methods: [...feedRoutes.methods], integration });
  }
}
