// Bench helper: the floors for the feed benchmark, each in its own process, answering from memory with the bytes and
// headers the feed app answered with (files written by bench/feeds.ts): 304 when If-None-Match is the ETag, the gzip
// bytes when asked for gzip, the plain text otherwise. A plain node:http server by default; with `--version-read` it
// first does the one DynamoDB read the feed app does per request (the feed's version item, through the app's own
// repository); with `--hono` the same answers come from a bare Hono app on @hono/node-server, as the feed app is served.
// Prints "ready", and its CPU time as JSON on SIGUSR2 and SIGTERM.
import { createServer, type OutgoingHttpHeaders } from 'node:http';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { createDynamoClient } from '#functions/table/client.ts';
import { dynamoFeedsRepository } from '#functions/feeds/dynamo-feeds.repository.ts';
import { listen } from '#local/server.ts';
import { reportCpu } from './stats.ts';

export interface FloorFiles {
  etag: string;
  /** Paths of the plain and gzipped bodies. */
  text: string;
  gzip: string;
  headers: { text: OutgoingHttpHeaders; gzip: OutgoingHttpHeaders; notModified: OutgoingHttpHeaders };
}

const args = process.argv.slice(2);
const [file, port] = args.filter((a) => !a.startsWith('--'));
const floor = JSON.parse(readFileSync(file!, 'utf8')) as FloorFiles;
const text = readFileSync(floor.text);
const gzip = readFileSync(floor.gzip);
const feeds = args.includes('--version-read')
  ? dynamoFeedsRepository(createDynamoClient({ region: process.env.AWS_REGION ?? 'eu-west-2', endpoint: process.env.DYNAMODB_ENDPOINT! }), process.env.TABLE_NAME!)
  : undefined;

const ready = () => {
  reportCpu();
  console.log('ready');
};

if (args.includes('--hono')) {
  const app = new Hono();
  const headers = (h: OutgoingHttpHeaders) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, String(v)]));
  const [plainHeaders, gzipHeaders, notModifiedHeaders] = [headers(floor.headers.text), headers(floor.headers.gzip), headers(floor.headers.notModified)];
  app.get('/calendar.ics', (c) => {
    if (c.req.header('if-none-match') === floor.etag) return c.body(null, 304, notModifiedHeaders);
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) return c.body(gzip, 200, gzipHeaders);
    return c.body(text, 200, plainHeaders);
  });
  await listen(app, Number(port));
  ready();
} else {
  const server = createServer(async (req, res) => {
    if (feeds) await feeds.version('all');
    if (req.headers['if-none-match'] === floor.etag) res.writeHead(304, floor.headers.notModified).end();
    else if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) res.writeHead(200, floor.headers.gzip).end(gzip);
    else res.writeHead(200, floor.headers.text).end(text);
  });
  server.listen(Number(port), '127.0.0.1', ready);
}
