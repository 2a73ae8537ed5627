// Infra: the one Lambda shape every Signpost function shares (runtime, arm64, ESM bundle, logs), with bind* helpers
// that set an env var and its IAM grant in one call.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConfigurationSet, IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { tableDesign } from '#functions/table/design.ts';

export interface SignpostFunctionProps {
  /** Absolute path of the handler module (exports `handler`). */
  entry: string;
  description: string;
  environment?: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  /** More module substitutions for this bundle only, beside lambdaAliases (module -> absolute path). */
  aliases?: Record<string, string>;
  /** Shell commands run after esbuild, e.g. to copy files the bundle reads at run time beside it. */
  afterBundling?: (outputDir: string) => string[];
}

/** `read` for functions that must never change data (the feeds); `readWrite` for the API, the mailer and the reminder sweep. */
export type TableAccess = 'read' | 'readWrite';

/**
 * Data-plane actions only, without what CDK's grantRead/WriteData add that no Lambda path sends (Scan, stream reads,
 * DescribeTable). ConditionCheckItem is only usable inside TransactWriteItems, so it goes with the writes.
 */
export const tableActions = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'],
} as const;

/**
 * ESM output, but nodemailer (CJS) calls require() on node builtins; esbuild's __require shim needs a real require.
 * Named so it cannot clash with an identifier in the bundle.
 */
export const requireBanner =
  "import { createRequire as __signpostCreateRequire } from 'node:module'; const require = __signpostCreateRequire(import.meta.url);";

/** Module substitutions for Lambda bundles: the SDK's credential chain becomes the environment-only provider. */
export const lambdaAliases: Record<string, string> = {
  '@aws-sdk/credential-provider-node': fileURLToPath(new URL('../../functions/apps/lambda-credentials.ts', import.meta.url)),
};

export class SignpostFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: SignpostFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Its own role that may write only its own log group, instead of the AWSLambdaBasicExecutionRole managed policy.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    const nodejsProps: NodejsFunctionProps = {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      environment: props.environment ?? {},
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      bundling: {
        format: OutputFormat.ESM,
        // node20 so the very same bundle also runs in the local tests (Node 20); Lambda runs it on Node 24.
        target: 'node20',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: false,
        banner: requireBanner,
        esbuildArgs: Object.fromEntries(Object.entries({ ...lambdaAliases, ...props.aliases }).map(([from, to]) => [`--alias:${from}`, to])),
        // Everything bundled, the AWS SDK too: pinned to the versions we test, and one minified file loads faster
        // than the runtime's copy of the SDK. Keep the API bundle under 560 kB, the others under 500 kB (test/infra/api-bundle.test.ts).
        externalModules: [],
        // Bundles with the esbuild in node_modules; never falls back to Docker.
        forceDockerBundling: false,
        ...(props.afterBundling
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_inputDir: string, outputDir: string) => props.afterBundling!(outputDir),
              },
            }
          : {}),
      },
    };
    super(scope, id, nodejsProps);
  }

  /**
   * Sets TABLE_NAME and grants that access to the table, plus reads on its indexes (from functions/table/design.ts) by exact ARN.
   * Unlike CDK's grantReadWriteData: no `index/*` wildcard, no writes to indexes (they cannot be written), and no Scan
   * anywhere, since no request path scans.
   */
  bindTable(table: ITableV2, access: TableAccess): void {
    this.addEnvironment('TABLE_NAME', table.tableName);
    const indexArns = Object.values(tableDesign.indexes).map((index) => `${table.tableArn}/index/${index.name}`);
    Grant.addToPrincipal({
      grantee: this,
      actions: access === 'read' ? [...tableActions.read] : [...tableActions.read, ...tableActions.write],
      resourceArns: [table.tableArn],
    });
    Grant.addToPrincipal({ grantee: this, actions: ['dynamodb:Query'], resourceArns: indexArns });
  }

  /**
   * Sets TABLE_NAME and grants these actions on the table only for items whose partition key starts with one of these
   * prefixes (IAM's dynamodb:LeadingKeys), e.g. the mailer may read and update `OUTBOX#…` items and nothing else.
   * With `onIndexes`, the grant is on the indexes instead (a Query's partition key there is the index's).
   */
  bindTableItems(table: ITableV2, grants: { actions: string[]; partitionKeyPrefixes: string[]; onIndexes?: boolean }[]): void {
    this.addEnvironment('TABLE_NAME', table.tableName);
    const indexArns = Object.values(tableDesign.indexes).map((index) => `${table.tableArn}/index/${index.name}`);
    for (const { actions, partitionKeyPrefixes, onIndexes } of grants) {
      this.addToRolePolicy(
        new PolicyStatement({
          actions,
          resources: onIndexes ? indexArns : [table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': partitionKeyPrefixes.map((p) => `${p}*`) } },
        }),
      );
    }
  }

  /**
   * Sets FEED_SECRET_ARN (the key personal calendar feed links are made with) and allows reading that one secret's
   * value, which is all functions/feeds/secret.ts asks for.
   */
  bindFeedSecret(secret: ISecret): void {
    this.addEnvironment('FEED_SECRET_ARN', secret.secretArn);
    Grant.addToPrincipal({ grantee: this, actions: ['secretsmanager:GetSecretValue'], resourceArns: [secret.secretArn] });
  }

  /**
   * Sets MAIL_FROM and SES_CONFIGURATION_SET, and allows sending through this identity and configuration set only, and
   * only as this From address. (SES checks the configuration set as a resource of the send too.)
   */
  bindSender(identity: IEmailIdentity, configurationSet: IConfigurationSet, address: string, mailFrom: string): void {
    this.addEnvironment('MAIL_FROM', mailFrom);
    this.addEnvironment('SES_CONFIGURATION_SET', configurationSet.configurationSetName);
    const stack = Stack.of(this);
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [
          identity.emailIdentityArn,
          stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': address } },
      }),
    );
  }
}
