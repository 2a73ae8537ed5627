// Infra, stateless: the CPD documents Lambda (functions/apps/documents/handler.ts): a person's CPD log and records of
// attendance as PDFs, on routes of their own on the API's HTTP API, ahead of its $default route (which answers the
// rest of /me). A function of its own so the API bundle doesn't carry pdfkit; it only reads the person's log and
// their session, and signs a shared record's verification link with the feed secret.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import { HttpMethod, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { InfraConfig } from './config.ts';
import { SignpostFunction } from './constructs/signpost-function.ts';
import { CPD_PAGES } from '#functions/core/paths.ts';
import { tableDesign } from '#functions/table/design.ts';
import { cpdLogPartition } from '#functions/table/items/cpd.ts';
import { sessionKey } from '#functions/table/items/session.ts';

export interface DocumentsProps {
  config: Pick<InfraConfig, 'logLevel'>;
  /** Where people find Signpost: the verification link in a record's PDF. */
  siteUrl: string;
  table: ITableV2;
  feedSecret: ISecret;
  /** The API's HTTP API: the documents' paths get routes of their own there. */
  httpApi: HttpApi;
}

/**
 * HTTP API routes to the documents function, GET only: the paths functions/cpd/documents.ts answers
 * (isCpdDocumentPath). A path variable is a whole segment, so `{id}` takes `<id>.pdf` (and the app answers any other
 * single segment there with a 404): a GET page at /me/cpd/records/<id> would need a route of its own to the API.
 */
export const documentRoutes = { paths: [CPD_PAGES.exportPdf, `${CPD_PAGES.log}/records/{id}`], methods: [HttpMethod.GET] } as const;

/** Partitions it reads: the person's CPD log (one Query) and the session item that says who is signed in (GetItem). */
export const documentPartitions = [cpdLogPartition(''), String(sessionKey('')[tableDesign.partitionKey])] as const;

/** The two DejaVu fonts pdf.ts reads beside the bundle, and their licence, copied where it resolves them. */
const fontsPackage = dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json'));
export const bundledFontFiles = ['ttf/DejaVuSans.ttf', 'ttf/DejaVuSans-Bold.ttf', 'LICENSE'] as const;

export class Documents extends Construct {
  readonly handler: SignpostFunction;

  constructor(scope: Construct, id: string, props: DocumentsProps) {
    super(scope, id);

    this.handler = new SignpostFunction(this, 'Handler', {
      entry: fileURLToPath(new URL('../functions/apps/documents/handler.ts', import.meta.url)),
      description: 'Signpost CPD documents (PDF): the portfolio summary and records of attendance',
      // Laying out and embedding the fonts is CPU-bound; a long portfolio runs over many pages.
      memorySize: 1024,
      timeout: Duration.seconds(15),
      environment: { SITE_URL: props.siteUrl, LOG_LEVEL: props.config.logLevel },
      // Brotli is only for WOFF2 fonts, which are never read: a stub saves ~475 kB.
      aliases: { 'brotli/decompress.js': fileURLToPath(new URL('./stubs/brotli-decompress.ts', import.meta.url)) },
      afterBundling: (outputDir) => {
        const into = `${outputDir}/node_modules/dejavu-fonts-ttf`;
        return [`mkdir -p "${into}/ttf"`, ...bundledFontFiles.map((file) => `cp "${join(fontsPackage, file)}" "${into}/${file}"`)];
      },
    });
    this.handler.bindTableItems(props.table, [{ actions: ['dynamodb:GetItem', 'dynamodb:Query'], partitionKeyPrefixes: [...documentPartitions] }]);
    this.handler.bindFeedSecret(props.feedSecret);

    const integration = new HttpLambdaIntegration('Handler', this.handler);
    for (const path of documentRoutes.paths) props.httpApi.addRoutes({ path, methods: [...documentRoutes.methods], integration });
  }
}
