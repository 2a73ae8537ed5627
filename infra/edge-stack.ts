// Infra, edge: the optional AWS WAF web ACL in front of CloudFront (signpost:wafRateLimit), in its own us-east-1 stack.
// CloudFront only accepts CLOUDFRONT-scope web ACLs, and those can only be created in us-east-1, whatever region the app is in.
import { ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** The only region a CLOUDFRONT-scope web ACL can live in. */
export const EDGE_REGION = 'us-east-1';

/** How long WAF counts each address's requests over (its longest window, so short bursts are not punished). */
export const RATE_WINDOW_SECONDS = 300;

/** The body of the 429 WAF answers with: the API's error shape, so the site's pages show its message. */
export const rateLimitedBody = {
  error: 'rate_limited',
  message: 'Too many requests from your network just now. Please wait a few minutes and try again.',
} as const;

export interface EdgeStackProps extends StackProps {
  /** Requests one client IP may make in RATE_WINDOW_SECONDS before WAF blocks it (signpost:wafRateLimit). */
  rateLimit: number;
}

export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;
  /** The web ACL's ARN, for the distribution's webAclId. */
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    if (props.env?.region !== EDGE_REGION) throw new Error(`${id} must be deployed to ${EDGE_REGION}: CloudFront only uses web ACLs from there`);

    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      description: `Signpost: blocks a client IP for a while after ${props.rateLimit} requests in 5 minutes`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('SignpostWebAcl'),
      customResponseBodies: {
        RateLimited: { contentType: 'APPLICATION_JSON', content: JSON.stringify(rateLimitedBody) },
      },
      rules: [
        {
          // One rule over every path. Calendar feeds are fetched by calendar services (Google, Microsoft) from shared
          // addresses, but each subscription only every few hours: far below even the minimum limit from one address.
          // Leaving feeds out would let one address spend the API's shared throttle through /calendar/me/* instead.
          name: 'RateLimitPerIp',
          priority: 0,
          statement: {
            rateBasedStatement: { aggregateKeyType: 'IP', limit: props.rateLimit, evaluationWindowSec: RATE_WINDOW_SECONDS },
          },
          action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: 'RateLimited' } } },
          visibilityConfig: visibility('SignpostRateLimitPerIp'),
        },
      ],
    });
    // The app stack reads the ARN with Fn::GetStackOutput, which crosses regions natively: no export-writer custom
    // resource (a Lambda) in either stack, and this stack can be deleted (WAF switched off) once the app no longer uses it.
    this.webAcl.applyCrossStackReferenceStrength(ReferenceStrength.WEAK);
    this.webAclArn = this.webAcl.attrArn;
  }
}
