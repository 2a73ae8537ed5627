// Cost bench: the deployed shape (function memory, alarms, schedules, log groups, the access log), from the synthesized CDK template.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSignpostApp } from '#infra/signpost-app.ts';
import { NOT_FOUND_PAGE, staticPages } from '#web/routes.ts';
import type { Fn } from './operations.ts';

export interface Infra {
  memoryMb: Record<Fn, number>;
  alarms: number;
  alarmMetrics: number;
  sweepMinutes: number;
  catchUpMinutes: number;
  accessLogBytes: number;
  logGroups: number;
  secrets: number;
  arm64: boolean;
}

export function synthesizedInfra(): Infra {
  const dir = mkdtempSync(join(tmpdir(), 'signpost-cost-'));
  try {
    const webDir = join(dir, 'web');
    mkdirSync(join(webDir, 'assets'), { recursive: true });
    for (const file of [...staticPages.map((p) => p.file), NOT_FOUND_PAGE]) writeFileSync(join(webDir, file), '<!doctype html>');
    const context = (JSON.parse(readFileSync(fileURLToPath(new URL('../../cdk.json', import.meta.url)), 'utf8')) as { context: Record<string, unknown> }).context;
    const signpost = createSignpostApp({
      webDir,
      env: {},
      appProps: {
        outdir: join(dir, 'cdk.out'),
        // Example values for the two required settings; bundling skipped (the code assets don't change the bill).
        context: { ...context, 'signpost:sender': 'events@example.org', 'signpost:alertEmail': 'alerts@example.org', 'aws:cdk:bundling-stacks': [] },
      },
    });
    const assembly = signpost.app.synth();
    const resources = (stack: string) => Object.entries(assembly.getStackByName(stack).template.Resources as Record<string, { Type: string; Properties: any }>);
    const app = resources('SignpostApp');
    const storage = resources('SignpostStorage');
    const fnIds: Record<Fn, string> = { api: 'ApiHandler', feeds: 'FeedsHandler', mailer: 'MailerHandler', reminders: 'RemindersHandler', sesEvents: 'SesEventsHandler' };
    const functions = app.filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    const memoryMb = Object.fromEntries(Object.entries(fnIds).map(([fn, prefix]) => {
      const found = functions.find(([id]) => id.startsWith(prefix));
      if (!found) throw new Error(`No ${prefix}* function in the template`);
      return [fn, found[1].Properties.MemorySize as number];
    })) as Record<Fn, number>;
    const arm64 = Object.values(fnIds).every((prefix) => functions.find(([id]) => id.startsWith(prefix))![1].Properties.Architectures?.[0] === 'arm64');
    const alarms = app.filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
    const alarmMetrics = alarms.reduce((n, a) => n + (a.Metrics ? (a.Metrics as { MetricStat?: unknown }[]).filter((m) => m.MetricStat).length : 1), 0);
    const everyMinutes = (prefix: string) => {
      const schedule = app.find(([id, r]) => r.Type === 'AWS::Scheduler::Schedule' && id.startsWith(prefix))?.[1].Properties.ScheduleExpression as string;
      const minutes = Number(/rate\((\d+) minutes?\)/.exec(schedule ?? '')?.[1]);
      if (!minutes) throw new Error(`No ${prefix}* schedule with a rate in minutes in the template`);
      return minutes;
    };
    const sweepMinutes = everyMinutes('RemindersSchedule');
    const catchUpMinutes = everyMinutes('MailerCatchUp');
    const stage = app.find(([, r]) => r.Type === 'AWS::ApiGatewayV2::Stage')![1].Properties.AccessLogSettings.Format as string;
    // Each $context variable taken as 16 characters, the request time as 28.
    const accessLogBytes = stage.replace(/\$context\.requestTime/g, 'x'.repeat(28)).replace(/\$context\.[\w.]+/g, 'x'.repeat(16)).length + 1;
    return {
      memoryMb, alarms: alarms.length, alarmMetrics, sweepMinutes, catchUpMinutes, accessLogBytes, arm64,
      logGroups: app.filter(([, r]) => r.Type === 'AWS::Logs::LogGroup').length,
      secrets: storage.filter(([, r]) => r.Type === 'AWS::SecretsManager::Secret').length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
