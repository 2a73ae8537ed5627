// `npm start`: the whole product on this machine, no AWS account. DynamoDB Local + SES emulator + API and web on one origin.
// A service that dies is restarted (with backoff) and the rest keeps running; .data/stack.json says where it all runs.
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadApiConfig, loadMailerConfig, loadRemindersConfig } from '#functions/apps/config.ts';
import { sweepDeps } from '#functions/apps/reminders/aws-deps.ts';
import { mailerDeps } from '#functions/apps/mailer/aws-deps.ts';
import { startOutboxPoller, startReminderSweeps } from './outbox-poller.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { awsDeps } from '#functions/apps/api/aws-deps.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { systemClock } from '#functions/core/clock.ts';
import { assertPortFree, ensureTable, LocalStackError, startDynamoLocal, startSesEmulator, supervise, type LocalService, type SupervisedService } from './local-stack.ts';
import { removeStackFile, writeStackFile, type StackFile } from './stack-file.ts';
import { createSite, listen, socketIp } from './server.ts';
import { runBackfills } from '#functions/apps/backfill-steps.ts';
import { dynamoFollowersRepository } from '#functions/follows/dynamo-followers.repository.ts';
import { seedEverything, seededLine } from './seed-data.ts';
import { dynamoDemoAttendance } from './demo-attendance.ts';
import { feedSecretFrom } from '#functions/feeds/secret.ts';
import { DEMO_OPERATOR, DEMO_ORGANISER } from './demo-networks.ts';
import { dynamoSessionsRepository } from '#functions/auth/dynamo-sessions.repository.ts';
import { dynamoNetworksRepository } from '#functions/networks/dynamo-networks.repository.ts';
import { dynamoRsvpsRepository } from '#functions/rsvps/dynamo-rsvps.repository.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'dynamodb-port': { type: 'string', default: process.env.DYNAMODB_PORT ?? '8000' },
    'ses-port': { type: 'string', default: process.env.SES_PORT ?? '8005' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR ?? '.data/dynamodb' },
    fresh: { type: 'boolean', default: false },
    seed: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`npm start -- [--port 3000] [--dynamodb-port 8000] [--ses-port 8005] [--data-dir .data/dynamodb] [--fresh] [--seed]
  --fresh   delete the local data and start empty
  --seed    add the demo networks and meetups (done automatically the first time)`);
  process.exit(0);
}

function port(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new LocalStackError(`--${name} must be a port number, not "${value}".`);
  return n;
}

/** The key for personal feed links, made on first run and kept with the data, so links survive restarts. */
function localFeedSecret(dir: string): string {
  const file = join(dir, 'feed-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const services: SupervisedService[] = [];
let stopping = false;

/** Ctrl-C (or a failed start) stops every child process before exiting. */
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  removeStackFile();
  await Promise.all(services.map((s) => s.stop()));
  process.exit(code);
}

/** One line on the terminal for each thing that happens to a local service. */
const say = (line: string) => console.error(`[${new Date().toLocaleTimeString('en-GB')}] ${line}`);
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());

async function main() {
  const appPort = port('port', args.port);
  const dynamoPort = port('dynamodb-port', args['dynamodb-port']);
  const sesPort = port('ses-port', args['ses-port']);
  const dataDir = resolve(args['data-dir']);
  await assertPortFree(appPort, 'the app', '--port');
  await assertPortFree(dynamoPort, 'DynamoDB Local', '--dynamodb-port');
  await assertPortFree(sesPort, 'the SES emulator', '--ses-port');

  if (args.fresh) rmSync(dataDir, { recursive: true, force: true });
  const firstRun = !existsSync(dataDir);

  const { buildWeb } = await import('#web/build.ts');
  const webDir = resolve('dist/web');
  await buildWeb(webDir);

  // Each service kept running: one that dies is started again on the same port (DynamoDB Local with the same data;
  // the emulator's inbox starts empty), while mail waits in the outbox.
  let stackFile: StackFile | undefined;
  const restarted = () => {
    if (!stackFile || stopping) return;
    stackFile.services = { dynamodb: dynamoService.current.process.pid ?? 0, ses: sesService.current.process.pid ?? 0 };
    writeStackFile(stackFile);
  };
  const keptRunning = async (name: string, start: () => Promise<LocalService>, onRestart: () => void | Promise<void>, note?: string) => {
    const service = supervise(name, await start(), start, { log: say, onRestart, ...(note ? { note } : {}) });
    services.push(service);
    return service;
  };
  const [dynamoService, sesService] = await Promise.all([
    keptRunning('DynamoDB Local', () => startDynamoLocal(dynamoPort, dataDir), async () => {
      await ensureTable(client, config.TABLE_NAME);
      restarted();
    }),
    keptRunning('The SES emulator', () => startSesEmulator(sesPort), restarted, 'Its inbox starts empty again; mail that waited in the outbox goes out now.'),
  ]);
  const [dynamo, ses] = [dynamoService.current, sesService.current];

  const env = {
    TABLE_NAME: 'signpost-local',
    SITE_URL: `http://localhost:${appPort}`,
    MAIL_FROM: 'Signpost <events@signpost.localhost>',
    AWS_REGION: 'eu-west-2',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    SES_ENDPOINT: ses.endpoint,
    CLIENT_IP_SOURCE: 'socket',
    // "Report this meetup" goes to the operator; locally that mail shows in the emulator's inbox like any other.
    OPERATOR_EMAIL: process.env.OPERATOR_EMAIL ?? DEMO_OPERATOR,
    // The demo's operator: sign in as this address (the code arrives in the local inbox) to moderate.
    OPERATORS: process.env.OPERATORS ?? DEMO_OPERATOR,
    // `NETWORKS_NEED_APPROVAL=yes npm start` to try new networks waiting for the operator's approval.
    NETWORKS_NEED_APPROVAL: process.env.NETWORKS_NEED_APPROVAL ?? 'no',
    FEED_SECRET: process.env.FEED_SECRET ?? localFeedSecret(dataDir),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  const config = loadApiConfig(env);
  const client = createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  const table = await ensureTable(client, config.TABLE_NAME);
  if (args.seed || (firstRun && !args.fresh && table === 'created')) {
    const seeded = await seedEverything(
      {
        events: dynamoEventsRepository(client, config.TABLE_NAME), networks: dynamoNetworksRepository(client, config.TABLE_NAME),
        rsvps: dynamoRsvpsRepository(client, config.TABLE_NAME), sessions: dynamoSessionsRepository(client, config.TABLE_NAME),
        followers: dynamoFollowersRepository(client, config.TABLE_NAME), attendance: dynamoDemoAttendance(client, config.TABLE_NAME, { siteUrl: config.SITE_URL, feedSecret: feedSecretFrom(config) }),
      },
      systemClock.now(),
    );
    console.log(`${seededLine(seeded)} Sign in as ${DEMO_ORGANISER} (an organiser of two) or ${DEMO_OPERATOR} (the operator); the code arrives in the inbox.`);
  }

  const deps = awsDeps(config, { clientIp: socketIp });
  // Data kept from an older version, brought up to date as `npm run backfill` does after a deploy: the listings' search
  // text, the "your meetups" index, the network names used before networks. Said only when something was rewritten.
  await runBackfills(deps, (result) => {
    if (result.rewritten) console.log(`Data from an older version (${result.step}): ${result.said}`);
  });
  await listen(createSite(deps, webDir), appPort);
  stackFile = {
    pid: process.pid,
    appPort,
    dynamodbPort: dynamoPort,
    sesPort,
    dataDir,
    feedSecret: process.env.FEED_SECRET ? 'env' : 'file',
    services: { dynamodb: dynamo.process.pid ?? 0, ses: ses.process.pid ?? 0 },
    startedAt: new Date().toISOString(),
  };
  writeStackFile(stackFile);
  startOutboxPoller(mailerDeps(loadMailerConfig(env)));
  startReminderSweeps(sweepDeps(loadRemindersConfig(env)));
  console.log(`
Signpost is running.
  App and API     http://localhost:${appPort}
  Email inbox     ${ses.endpoint}   (every email the app sends)
  OpenAPI         http://localhost:${appPort}/api/openapi.json
  DynamoDB Local  ${dynamo.endpoint}   (data in ${dataDir})
Press Ctrl-C to stop.`);
}

main().catch((error) => {
  console.error(`Signpost could not start: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
