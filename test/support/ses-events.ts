// Test support: SES event publishing records as EventBridge delivers them (source aws.ses), shaped like AWS's samples.
export const CONFIGURATION_SET = 'signpost-test-mail';

const mail = (to: string[]) => ({
  timestamp: '2026-11-27T09:59:58.000Z',
  source: 'Signpost <events@example.org>',
  sendingAccountId: '123456789012',
  messageId: '0102019a7c1b2f6e-test-000000',
  destination: to,
  headersTruncated: false,
  tags: { 'ses:configuration-set': [CONFIGURATION_SET], 'ses:from-domain': ['example.org'] },
});

const envelope = <T>(detailType: string, detail: T) => ({
  version: '0',
  id: '3f1e0b7c-0000-4000-8000-000000000000',
  'detail-type': detailType,
  source: 'aws.ses',
  account: '123456789012',
  time: '2026-11-27T10:00:00Z',
  region: 'eu-west-2',
  resources: [`arn:aws:ses:eu-west-2:123456789012:configuration-set/${CONFIGURATION_SET}`],
  detail,
});

export function bounceEvent(to: string[], bounceType: 'Permanent' | 'Transient' | 'Undetermined' = 'Permanent', bounceSubType = 'General') {
  return envelope('Email Bounced', {
    eventType: 'Bounce',
    bounce: {
      feedbackId: '0102019a7c1b3a10-test-000000',
      bounceType,
      bounceSubType,
      bouncedRecipients: to.map((emailAddress) => ({ emailAddress, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' })),
      timestamp: '2026-11-27T10:00:00.000Z',
      reportingMTA: 'dns; a1-23.smtp-out.eu-west-2.amazonses.com',
    },
    mail: mail(to),
  });
}

export function complaintEvent(to: string[]) {
  return envelope('Email Complaint Received', {
    eventType: 'Complaint',
    complaint: {
      feedbackId: '0102019a7c1b3a10-test-000001',
      complainedRecipients: to.map((emailAddress) => ({ emailAddress })),
      complaintFeedbackType: 'abuse',
      userAgent: 'Yahoo!-Mail-Feedback/2.0',
      timestamp: '2026-11-27T11:00:00.000Z',
      arrivalDate: '2026-11-27T10:59:00.000Z',
    },
    mail: mail(to),
  });
}
