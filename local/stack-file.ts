// Local stack: how the one-off scripts (npm run reminders, seed, ses-event) find the running `npm start`. It writes
// its ports and data directory to .data/stack.json while it runs; a script reads them unless it is told otherwise
// (the same flags and variables npm start takes), and says plainly what to do when no stack is running.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LocalStackError } from './local-stack.ts';

/** In the directory npm runs every script from (the project's), wherever the data directory is. */
export const STACK_FILE = '.data/stack.json';
/** SIGNPOST_STACK_FILE moves it (tests that run npm start leave a developer's own stack file alone). */
export const stackFilePath = (env: NodeJS.ProcessEnv = process.env) => resolve(env.SIGNPOST_STACK_FILE ?? STACK_FILE);

export interface StackFile {
  /** The `npm start` process. */
  pid: number;
  appPort: number;
  dynamodbPort: number;
  sesPort: number;
  /** Absolute. */
  dataDir: string;
  /** Where the feed secret came from: the data directory's `feed-secret` file, or FEED_SECRET. */
  feedSecret: 'file' | 'env';
  /** The service processes now (they change when one is restarted). */
  services: { dynamodb: number; ses: number };
  startedAt: string;
}

export function writeStackFile(stack: StackFile, file = stackFilePath()): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(stack, null, 2)}\n`);
}

/** Removes the file if it is this process's (another stack may have started since and written its own). */
export function removeStackFile(pid = process.pid, file = stackFilePath()): void {
  if (readStackFile(file)?.pid === pid) rmSync(file, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readStackFile(file: string): StackFile | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StackFile;
  } catch {
    return undefined;
  }
}

/** The running stack's file; undefined when there is none, or it was left by a stack that is no longer running. */
export function runningStack(file = stackFilePath()): StackFile | undefined {
  const stack = readStackFile(file);
  return stack && Number.isInteger(stack.pid) && alive(stack.pid) ? stack : undefined;
}

/** What a script was told: its flags, else the variables npm start reads (PORT, DYNAMODB_PORT, DATA_DIR). */
export interface StackFlags {
  port?: string;
  'dynamodb-port'?: string;
  'data-dir'?: string;
}

export interface StackTarget {
  siteUrl: string;
  dynamoEndpoint: string;
  dataDir: string;
  /** The running stack, when one was found; undefined when the flags or variables alone said where to go. */
  stack?: StackFile;
}

export const stackFlagOptions = {
  port: { type: 'string' },
  'dynamodb-port': { type: 'string' },
  'data-dir': { type: 'string' },
  // Taken so the flags of `npm start` all work here; these scripts only queue mail, the running stack sends it.
  'ses-port': { type: 'string' },
  help: { type: 'boolean' },
} as const;

/**
 * A script's flags (the stack's and its own): `--help` prints `usage`, and an unknown or malformed flag says so in
 * one line with the usage, instead of a stack trace.
 */
export function scriptArgs<const O extends NonNullable<ParseArgsConfig['options']>>(script: string, options: O, usage: string) {
  const say = (line: string) => `${line}\nUsage: ${script} -- [--port N] [--dynamodb-port N] [--data-dir DIR]${usage ? ` ${usage}` : ''}`;
  try {
    const parsed = parseArgs({ options: { ...stackFlagOptions, ...options } as typeof stackFlagOptions & O });
    if ((parsed.values as { help?: boolean }).help) {
      console.log(say(`${script}: runs against the local stack \`npm start\` runs (found from .data/stack.json unless the flags say).`));
      process.exit(0);
    }
    return parsed.values;
  } catch (error) {
    console.error(say(`${script}: ${(error as Error).message}`));
    process.exit(2);
  }
}

const NOT_RUNNING = (script: string) =>
  `No local stack is running. Start it with \`npm start\` (in another terminal), wait for "Signpost is running", then run \`${script}\` again.`;

/**
 * Where the running stack is. Flags and variables win (a stack started by hand elsewhere); otherwise the running
 * `npm start` says. With neither, a LocalStackError says to start it.
 */
export function stackTarget(script: string, flags: StackFlags, env: NodeJS.ProcessEnv = process.env, file = stackFilePath(env)): StackTarget {
  const stack = runningStack(file);
  const port = flags.port ?? env.PORT ?? stack?.appPort.toString();
  const dynamodbPort = flags['dynamodb-port'] ?? env.DYNAMODB_PORT ?? stack?.dynamodbPort.toString();
  const dataDir = flags['data-dir'] ?? env.DATA_DIR ?? stack?.dataDir;
  if (!stack && !(flags['dynamodb-port'] ?? env.DYNAMODB_PORT)) throw new LocalStackError(NOT_RUNNING(script));
  return {
    siteUrl: `http://localhost:${port ?? '3000'}`,
    dynamoEndpoint: `http://127.0.0.1:${dynamodbPort}`,
    dataDir: resolve(dataDir ?? '.data/dynamodb'),
    ...(stack ? { stack } : {}),
  };
}

/** The key personal links are made with, as the running stack has it. */
export function stackFeedSecret(target: StackTarget, env: NodeJS.ProcessEnv = process.env): string {
  if (env.FEED_SECRET) return env.FEED_SECRET;
  if (target.stack?.feedSecret === 'env') {
    throw new LocalStackError('The running stack was started with FEED_SECRET set: run this with the same FEED_SECRET.');
  }
  const file = join(target.dataDir, 'feed-secret');
  if (!existsSync(file)) {
    throw new LocalStackError(
      `There is no feed secret in ${target.dataDir}. Pass --data-dir (or DATA_DIR) as you gave it to npm start, or set FEED_SECRET as npm start had it.`,
    );
  }
  return readFileSync(file, 'utf8').trim();
}

/** A sentence for a failure to reach DynamoDB Local, naming what to check. */
export function unreachable(target: StackTarget, script: string, error: unknown): string {
  const e = error as { message?: string; code?: string; name?: string };
  const why = e?.message || e?.code || e?.name || String(error);
  if (target.stack) {
    return `The local stack (npm start, process ${target.stack.pid}) is not answering at ${target.dynamoEndpoint}: ${why}. If DynamoDB Local is being restarted, the stack says so; try \`${script}\` again in a few seconds.`;
  }
  return `Nothing answers at ${target.dynamoEndpoint} (${why}). Is \`npm start\` running with the same --dynamodb-port?`;
}
