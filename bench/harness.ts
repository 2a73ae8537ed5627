// Bench helper: what every benchmark takes (its size; local services to share, if any) and gives back (its key
// figures), the local services it runs on, and the app settings every bench configures the functions with.
import { freePort, startDynamoLocal, startSesEmulator, stop, type DynamoLocal, type SesEmulator } from '#local/local-stack.ts';

export interface BenchOptions {
  /** A few seconds' worth of the same work, every code path once or more (for the smoke test in `npm test`). */
  smoke?: boolean;
  /** Already running services to use (and leave running); whatever is missing is started and stopped by the bench. */
  services?: Partial<Services>;
}

/** A bench's key figures, by name: each a positive number (counts, sizes, rates, times, dollars). */
export type Figures = Record<string, number>;

export type Bench = (options?: BenchOptions) => Promise<Figures>;

export interface Services {
  dynamo: DynamoLocal;
  ses: SesEmulator;
}

/** The full size or the smoke size of a bench, as its options ask. */
export const sized = <T>(options: BenchOptions, sizes: { full: T; smoke: T }): T => (options.smoke ? sizes.smoke : sizes.full);

/**
 * The services a bench needs: those it was given, and the rest started here (in parallel). `stop()` stops only the
 * ones started here. If one fails to start, the others started here are stopped before the error is thrown.
 */
export async function startServices<N extends keyof Services>(options: BenchOptions, ...needs: N[]): Promise<Pick<Services, N> & { stop(): Promise<void> }> {
  const given = options.services ?? {};
  const starters: { [K in keyof Services]: () => Promise<Services[K]> } = {
    dynamo: async () => (options.smoke ? withSmokeJvm(async () => startDynamoLocal(await freePort())) : startDynamoLocal(await freePort())),
    ses: async () => startSesEmulator(await freePort()),
  };
  const started: Partial<Services> = {};
  const results = await Promise.allSettled(needs.map(async (name) => {
    if (given[name]) return;
    (started as Record<string, unknown>)[name] = await starters[name]();
  }));
  const stopStarted = () => stop(started.dynamo?.process, started.ses?.process);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stopStarted();
    throw failed.reason;
  }
  const services = Object.fromEntries(needs.map((name) => [name, given[name] ?? started[name]])) as Pick<Services, N>;
  return { ...services, stop: stopStarted };
}

/**
 * Starts DynamoDB Local's JVM with C1 compilation only and the serial collector (the JVM reads JAVA_TOOL_OPTIONS when it
 * starts; it is set only while it starts). Its answers are the same; a short run costs about half the CPU, most of which
 * the default JVM spends compiling with C2. For smoke runs only: the full benches keep the default JVM.
 */
async function withSmokeJvm<T>(start: () => Promise<T>): Promise<T> {
  const before = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = [before, '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC'].filter(Boolean).join(' ');
  try {
    return await start();
  } finally {
    if (before === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = before;
  }
}

// ---- Settings: the functions' validated environment, as the benches set it (one place, so a new required setting
// reaches every bench at once) ----

export const FEED_SECRET = 'bench-feed-secret-0123456789abcdefghij';
export const SITE_URL = 'https://events.example.org';
export const MAIL_FROM = 'Signpost <events@example.org>';

/** The environment a function of the app reads (loadApiConfig, loadFeedsConfig, …), with these values on top. */
export const appEnv = (values: Record<string, string>): Record<string, string> => ({
  SITE_URL, MAIL_FROM, FEED_SECRET, AWS_REGION: 'eu-west-2', LOG_LEVEL: 'silent', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...values,
});
