// Infra tests: the optional settings, a custom domain for the site and a whole sender domain for SES.
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgements, removeTempDirs, synthesize, type Synthesized } from './support.ts';

afterAll(removeTempDirs);

const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f4e6c1a-1111-2222-3333-444455556666';

describe('with a custom domain and a sender domain', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize({
      context: {
        'signpost:domainName': 'events.example.org',
        'signpost:certificateArn': certificateArn,
        'signpost:senderDomain': 'example.org',
      },
    });
  });

  it('serves the domain with its certificate over TLS 1.2+ only', () => {
    Template.fromStack(synth.stateless).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Aliases: ['events.example.org'],
        ViewerCertificate: { AcmCertificateArn: certificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      },
    });
    expect(acknowledgements(synth.app).map((a) => a.id)).not.toContain('AwsSolutions-CFR4');
  });

  it('gives every function that makes links SITE_URL https://<domain>, and outputs it', () => {
    const app = Template.fromStack(synth.stateless);
    const siteUrls = Object.values(app.findResources('AWS::Lambda::Function'))
      .map((fn) => fn.Properties.Environment?.Variables?.SITE_URL)
      .filter(Boolean);
    // The API, feeds, reminders and documents functions make links.
    expect(siteUrls).toEqual(Array(4).fill('https://events.example.org'));
    expect(app.toJSON().Outputs.SiteUrl.Value).toBe('https://events.example.org');
  });

  it('verifies the whole sender domain with Easy DKIM and outputs the three DKIM records', () => {
    const storage = Template.fromStack(synth.storage);
    storage.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.org' });
    expect(Object.keys(storage.toJSON().Outputs).filter((o) => o.startsWith('DkimCname'))).toHaveLength(3);
  });
});
