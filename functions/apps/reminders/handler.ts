// Lambda entry for reminders: EventBridge Scheduler invokes it every few minutes; it runs one sweep. A thrown error
// fails the invocation, so Scheduler retries it (and dead-letters it after its retries); the claims make retries safe.
import { loadRemindersConfig } from '../config.ts';
import { reminderDeps } from './aws-deps.ts';
import { sweepReminders } from '#functions/reminders/sweep.ts';

const deps = reminderDeps(loadRemindersConfig());

export const handler = async () => sweepReminders(deps);
