// Test layers: unit (pure), api (Hono in-process), integration (DynamoDB Local + SES emulator), infra (CDK), e2e (Chromium),
// bench (every benchmark at smoke size).
import { defineConfig } from 'vitest/config';

const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
// Timeouts are there to catch a hang, not to time the work: a clean clone on a busy 2-core machine (cold imports,
// DynamoDB Local's JVM, the SES emulator and Chromium sharing the cores) runs several times slower than a quiet one.
// Tests that need more say so themselves.
const inProcess = { testTimeout: 30_000 };

export default defineConfig({
  test: {
    env,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], ...inProcess, env } },
      { test: { name: 'api', include: ['test/api/**/*.test.ts'], ...inProcess, env } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/local-services.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          env,
        },
      },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 300_000, env } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/local-services.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
          // expect.poll() gives up after 1 s by default: too short for a page waiting on the API and the mail poller.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
          env,
        },
      },
      {
        // Every benchmark in bench/benches.ts at smoke size (seconds each), so none can rot; their figures are for `npm run bench`.
        test: {
          name: 'bench',
          include: ['test/bench/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 300_000,
          env,
        },
      },
    ],
  },
});
