// Infra tests: deployment settings are validated once, with errors that name the cdk.json key to fix.
import { describe, expect, it } from 'vitest';
import { loadInfraConfig, previewSettings } from '#infra/config.ts';
import { cdkJsonContext, requiredSettings } from './support.ts';

const context = (values: Record<string, unknown>) => (key: string) => values[key];
const valid = { ...requiredSettings };
const load = (values: Record<string, unknown>, env: Record<string, string> = {}) => loadInfraConfig(context(values), env);

describe('infra config', () => {
  it('needs only the sender and the alert address on top of cdk.json; the site then lives on CloudFront\'s domain', () => {
    const config = loadInfraConfig((key) => ({ ...cdkJsonContext(), ...requiredSettings })[key], {});
    expect(config).toMatchObject({
      sender: 'events@example.org',
      alertEmail: 'alerts@example.org',
      mailFrom: 'Signpost <events@example.org>',
      logLevel: 'info',
    });
    expect(config.domainName).toBeUndefined();
    expect(config.siteUrl).toBeUndefined();
    expect(config.wafRateLimit).toBeUndefined();
  });

  it('stops a deploy from cdk.json alone, naming both required settings and their variables', () => {
    const bare = () => loadInfraConfig((key) => cdkJsonContext()[key], {});
    expect(bare).toThrow('signpost:sender is missing: it must be an email address');
    expect(bare).toThrow('(set it in cdk.json context or SIGNPOST_SENDER)');
    expect(bare).toThrow('signpost:alertEmail is missing: it must be an email address for alarms');
    expect(bare).toThrow('(set it in cdk.json context or SIGNPOST_ALERT_EMAIL)');
  });

  it('fills only missing required settings with examples under SIGNPOST_PREVIEW=1 (npm run synth)', () => {
    const preview = loadInfraConfig((key) => cdkJsonContext()[key], { SIGNPOST_PREVIEW: '1' });
    expect(preview).toMatchObject({ ...previewSettings, previewed: ['signpost:sender', 'signpost:alertEmail'] });
    const given = loadInfraConfig((key) => cdkJsonContext()[key], { SIGNPOST_PREVIEW: '1', SIGNPOST_SENDER: 'hello@libcamp.org.uk' });
    expect(given).toMatchObject({ sender: 'hello@libcamp.org.uk', previewed: ['signpost:alertEmail'] });
    expect(loadInfraConfig((key) => ({ ...cdkJsonContext(), ...requiredSettings })[key], {}).previewed).toEqual([]);
  });

  it('makes the operator address the one operator, and new networks public at once, unless told otherwise', () => {
    expect(load(valid)).toMatchObject({ operators: ['alerts@example.org'], networksNeedApproval: 'no' });
    expect(load({ ...valid, 'signpost:operatorEmail': 'Reports@Example.org' }).operators).toEqual(['reports@example.org']);
    const set = load({ ...valid, 'signpost:operators': ' Ana@Example.org, ben@example.net ,ana@example.org', 'signpost:networksNeedApproval': 'yes' });
    expect(set).toMatchObject({ operators: ['ana@example.org', 'ben@example.net'], networksNeedApproval: 'yes' });
    // cdk.json may hold a JSON list and a boolean; the variables win over context.
    expect(load({ ...valid, 'signpost:operators': ['a@example.org', 'b@example.org'], 'signpost:networksNeedApproval': true })).toMatchObject({
      operators: ['a@example.org', 'b@example.org'],
      networksNeedApproval: 'yes',
    });
    expect(load({ ...valid, 'signpost:networksNeedApproval': 'yes' }, { SIGNPOST_OPERATORS: 'ops@example.org', SIGNPOST_NETWORKS_NEED_APPROVAL: 'No' })).toMatchObject({
      operators: ['ops@example.org'],
      networksNeedApproval: 'no',
    });
  });

  it('builds MAIL_FROM from the sender name and address; a domain gives the site URL', () => {
    const config = load({
      ...valid,
      'signpost:senderName': 'CILIP Meetups',
      'signpost:domainName': 'Events.Example.org',
      'signpost:certificateArn': 'arn:aws:acm:us-east-1:123456789012:certificate/0f4e6c1a-1111-2222-3333-444455556666',
    });
    expect(config.siteUrl).toBe('https://events.example.org');
    expect(config.mailFrom).toBe('CILIP Meetups <events@example.org>');
  });

  it('lets SIGNPOST_* environment variables override context', () => {
    const config = load(valid, { SIGNPOST_ALERT_EMAIL: 'Ops@Example.net', SIGNPOST_LOG_LEVEL: 'debug', SIGNPOST_MAIL_RATE_PER_SECOND: '1', SIGNPOST_WAF_RATE_LIMIT: '2000' });
    expect(config.alertEmail).toBe('ops@example.net');
    expect(config.logLevel).toBe('debug');
    expect(config.mailRatePerSecond).toBe(1);
    expect(config.wafRateLimit).toBe(2000);
  });

  it.each([
    [{ 'signpost:alertEmail': 'admin' }, 'signpost:alertEmail must be an email address'],
    [{ 'signpost:operators': 'ops@example.org, someone' }, 'signpost:operators must be email addresses separated by commas'],
    [{ 'signpost:operators': ' , ' }, 'signpost:operators must name at least one address'],
    [{ 'signpost:networksNeedApproval': 'maybe' }, 'signpost:networksNeedApproval must be "yes" or "no"'],
    [{ 'signpost:wafRateLimit': 50 }, 'signpost:wafRateLimit must be 100-2000000000 requests per 5 minutes'],
    [{ 'signpost:wafRateLimit': 'lots' }, 'signpost:wafRateLimit must be a number'],
    [{ 'signpost:wafRateLimit': 150.5 }, 'signpost:wafRateLimit must be a whole number of requests'],
    [{ 'signpost:sender': 'not-an-address' }, 'signpost:sender must be an email address'],
    [{ 'signpost:logLevel': 'verbose' }, 'signpost:logLevel must be one of debug, info, warn, error'],
    [{ 'signpost:senderName': 'Evil\r\nBcc: x@y.z' }, 'signpost:senderName must be 1-60 letters'],
    [{ 'signpost:domainName': 'events.example.org' }, 'signpost:certificateArn is required'],
    [
      { 'signpost:domainName': 'events.example.org', 'signpost:certificateArn': 'arn:aws:acm:eu-west-2:123456789012:certificate/0f4e6c1a-1111-2222-3333-444455556666' },
      'signpost:certificateArn must be the ARN of an ACM certificate in us-east-1',
    ],
    [{ 'signpost:certificateArn': 'arn:aws:acm:us-east-1:123456789012:certificate/0f4e6c1a-1111-2222-3333-444455556666' }, 'signpost:domainName is required'],
    [{ 'signpost:mailRatePerSecond': 0 }, 'signpost:mailRatePerSecond must be above 0'],
    [{ 'signpost:mailRatePerSecond': 'fast' }, 'signpost:mailRatePerSecond must be a number'],
    [{ 'signpost:senderDomain': 'example.net' }, 'signpost:sender must be an address at signpost:senderDomain (example.net)'],
    [{ 'signpost:reminderSweepMinutes': 0 }, 'signpost:reminderSweepMinutes must be 1-60 minutes'],
    [{ 'signpost:reminderSweepMinutes': 61 }, 'signpost:reminderSweepMinutes must be 1-60 minutes'],
    [{ 'signpost:reminderSweepMinutes': 2.5 }, 'signpost:reminderSweepMinutes must be whole minutes'],
    [{ 'signpost:reminderSweepMinutes': 'often' }, 'signpost:reminderSweepMinutes must be a number'],
    [{ 'signpost:reminderDayMinutes': -1 }, 'signpost:reminderDayMinutes must be 0-20160 minutes'],
    [{ 'signpost:reminderDayMinutes': 20_161 }, 'signpost:reminderDayMinutes must be 0-20160 minutes'],
    [{ 'signpost:reminderSoonMinutes': 'soon' }, 'signpost:reminderSoonMinutes must be a number'],
    [{ 'signpost:reminderSoonMinutes': 30.5 }, 'signpost:reminderSoonMinutes must be whole minutes'],
    [
      { 'signpost:reminderSweepMinutes': 60 },
      'signpost:reminderSoonMinutes must be 0 (off) or longer than signpost:reminderSweepMinutes (60), or its reminders could be missed',
    ],
    [{ 'signpost:reminderSweepMinutes': 10, 'signpost:reminderDayMinutes': 10 }, 'signpost:reminderDayMinutes must be 0 (off) or longer than'],
  ])('rejects %o naming the key', (override, message) => {
    expect(() => load({ ...valid, ...override })).toThrow(message);
  });

  it('sweeps for reminders every 5 minutes, a day and an hour before, unless told otherwise; 0 switches a reminder off', () => {
    expect(load(valid)).toMatchObject({ reminderSweepMinutes: 5, reminderDayMinutes: 1440, reminderSoonMinutes: 60 });
    expect(load({ ...valid, 'signpost:reminderSweepMinutes': 1, 'signpost:reminderDayMinutes': 0, 'signpost:reminderSoonMinutes': '30' })).toMatchObject({
      reminderSweepMinutes: 1,
      reminderDayMinutes: 0,
      reminderSoonMinutes: 30,
    });
    const fromEnv = load(valid, { SIGNPOST_REMINDER_SWEEP_MINUTES: '15', SIGNPOST_REMINDER_DAY_MINUTES: '2880', SIGNPOST_REMINDER_SOON_MINUTES: '0' });
    expect(fromEnv).toMatchObject({ reminderSweepMinutes: 15, reminderDayMinutes: 2880, reminderSoonMinutes: 0 });
    expect(load({ ...valid, 'signpost:reminderSweepMinutes': '' }).reminderSweepMinutes).toBe(5);
  });

  it('names the override variable too, and lists every bad setting at once', () => {
    let error: Error | undefined;
    try {
      load({ 'signpost:alertEmail': 'x', 'signpost:sender': 'nope' });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain('(set it in cdk.json context or SIGNPOST_ALERT_EMAIL)');
    expect(error?.message).toContain('signpost:sender must be an email address');
  });

  it('accepts a custom domain with its us-east-1 certificate and a sender domain', () => {
    const config = load({
      ...valid,
      'signpost:domainName': 'events.example.org',
      'signpost:certificateArn': 'arn:aws:acm:us-east-1:123456789012:certificate/0f4e6c1a-1111-2222-3333-444455556666',
      'signpost:senderDomain': 'example.org',
    });
    expect(config).toMatchObject({ domainName: 'events.example.org', senderDomain: 'example.org' });
  });
});
