// Infra, stateless: the API Lambda (functions/apps/api/handler.ts) behind an HTTP API, bound to the table and the feed secret
// (it makes personal feed links). It sends no mail: emails go into the outbox in the same transaction, and the mailer
// sends them. The calendar feeds have routes of their own on the same HTTP API (feeds.ts).
import { fileURLToPath } from 'node:url';
import { Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { InfraConfig } from './config.ts';
import { SignpostFunction } from './constructs/signpost-function.ts';

export interface ApiProps {
  config: Pick<InfraConfig, 'logLevel' | 'operatorEmail' | 'operators' | 'networksNeedApproval'>;
  /** Where people find Signpost: links in pages and emails. */
  siteUrl: string;
  table: ITableV2;
  feedSecret: ISecret;
}

/** Stage-wide limits; the app's own per-IP and per-address limits sit behind them. */
export const apiThrottle = { rateLimit: 50, burstLimit: 100 } as const;

export class Api extends Construct {
  readonly handler: SignpostFunction;
  readonly httpApi: HttpApi;
  /** Host name of the API's endpoint, the origin CloudFront forwards /api/*, the server pages and the feed paths to. */
  readonly originDomainName: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { config } = props;

    this.handler = new SignpostFunction(this, 'Handler', {
      entry: fileURLToPath(new URL('../functions/apps/api/handler.ts', import.meta.url)),
      description: 'Signpost API and server-rendered pages (events, sign-in, networks, your meetups, operators)',
      environment: {
        SITE_URL: props.siteUrl,
        // Only CloudFront reaches the API through the site, and it sets CloudFront-Viewer-Address itself.
        CLIENT_IP_SOURCE: 'cloudfront',
        LOG_LEVEL: config.logLevel,
        // "Report this meetup" emails go here (through the outbox, like every email).
        OPERATOR_EMAIL: config.operatorEmail,
        // Signed in, these addresses moderate (hide meetups and networks, read reports); functions/apps/config.ts checks both.
        OPERATORS: config.operators.join(','),
        NETWORKS_NEED_APPROVAL: config.networksNeedApproval,
      },
    });
    this.handler.bindTable(props.table, 'readWrite');
    this.handler.bindFeedSecret(props.feedSecret);

    // Every path but the feeds' goes to this function through the $default route: the API, and every server-rendered
    // page (core/paths.ts SERVER_PAGES, SERVER_PAGE_FAMILIES, EVENT_PAGES), so a new page family needs no route here.
    // Payload 2.0 hands the function the request's cookies, and its Set-Cookie answers back, as Hono's adapter expects.
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Signpost API (reached through CloudFront)',
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('Handler', this.handler),
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: apiThrottle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    this.originDomainName = Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint));

    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'A public API by design: anyone may list and read meetups. Changes need the emailed secret token or a signed-in session, checked in the app.',
    });
  }
}
