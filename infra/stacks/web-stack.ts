/**
 * The staff SPA: a private bucket behind CloudFront (origin access control), index.html as root and as the answer to
 * unknown paths (client-side routing), strict security headers, TLS 1.2+ with a custom domain. The built assets in
 * `dist/web` are uploaded with a `config.json` naming the API, the Cognito client and its managed-login domain;
 * without a build, the stack is still synthesized and the upload is skipped with a warning.
 */
import { SESSION_IDLE_SECONDS } from '../../shared/platform/auth/session-lifetime.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Annotations, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import { vatraName } from '../naming.js';
import type { VatraSettings } from '../settings.js';

export interface WebStackProps extends StackProps {
  readonly settings: VatraSettings;
  readonly root: string;
  readonly apiEndpoint: string;
  readonly userPoolId: string;
  readonly webClientId: string;
  /** base URL of Cognito managed login (IdentityStack.authDomainUrl) */
  readonly authDomain: string;
}

/**
 * Content-Security-Policy of the SPA: only its own files, and calls to the API and to Cognito's managed-login domain
 * (the token endpoint, after the redirect back from sign-in). Sign-in and sign-out are top-level navigations to that
 * domain, which CSP does not restrict.
 */
export function contentSecurityPolicy(apiEndpoint: string, authDomain: string): string {
  return [
    "default-src 'self'",
    `connect-src 'self' ${apiEndpoint} ${authDomain}`,
    "img-src 'self' data:",
    "style-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

export class WebStack extends Stack {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** false when dist/web did not exist at synth time */
  readonly assetsDeployed: boolean;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { settings } = props;

    // CloudFront standard logs need ACLs on the target bucket; it holds access logs only (no personal data beyond IPs)
    const logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Site', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: vatraName(settings.stage, 'web-headers'),
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props.apiEndpoint, props.authDomain), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });

    const customDomain = settings.certificateArn
      ? {
          certificate: Certificate.fromCertificateArn(this, 'Certificate', settings.certificateArn),
          domainNames: [...settings.webDomainNames],
          // TLS 1.2+ (only settable with a custom certificate; the default certificate's policy is fixed by CloudFront)
          minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
        }
      : {};
    this.distribution = new Distribution(this, 'Distribution', {
      comment: vatraName(settings.stage, 'web'),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
      },
      defaultRootObject: 'index.html',
      // the SPA routes on the client: unknown paths answer with index.html (S3 says 403 for a missing key under OAC)
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.minutes(1) })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...customDomain,
    });
    acknowledge(this.distribution, [
      { id: 'AwsSolutions-CFR1', reason: 'Staff work in Romania but also travel; a geo restriction would lock them out. Access is controlled by Cognito with MFA.' },
      { id: 'AwsSolutions-CFR2', reason: 'The distribution serves only the static SPA (no data); the data API is separate, authorized and throttled. WAF can be attached per stage when traffic warrants it.' },
    ]);
    if (!settings.certificateArn) {
      acknowledge(this.distribution, [
        {
          id: 'AwsSolutions-CFR4',
          reason: 'No custom domain for this stage (context certificateArn): the CloudFront default certificate cannot be pinned to TLS 1.2; with a custom domain the minimum is TLSv1.2_2021.',
        },
      ]);
    }

    const assets = resolve(props.root, settings.webAssetsDir);
    this.assetsDeployed = existsSync(assets);
    if (!this.assetsDeployed) {
      Annotations.of(this).addWarningV2(
        'vatra:web-not-built',
        `${settings.webAssetsDir} does not exist: the web assets are not deployed. Run \`npm run build:web\` before \`cdk deploy\`.`,
      );
      return;
    }
    new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [
        Source.asset(assets, { exclude: ['config.json', '*.map'] }),
        Source.jsonData('config.json', {
          apiBaseUrl: props.apiEndpoint,
          auth: 'cognito',
          region: this.region,
          userPoolId: props.userPoolId,
          clientId: props.webClientId,
          authDomain: props.authDomain,
          // the SPA signs out after this long without activity (shared/platform/auth/session-lifetime.ts)
          sessionIdleSeconds: SESSION_IDLE_SECONDS,
        }),
      ],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      memoryLimit: 512,
    });
    // CDK's deployment provider: a singleton Lambda that runs only during `cdk deploy` to copy the assets
    const reason = 'CDK BucketDeployment provider: an AWS-maintained singleton that runs only during deployment to copy the built SPA into the web bucket; its code and policy are not ours to change.';
    for (const child of this.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      acknowledge(
        child,
        [
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          'AwsSolutions-IAM5[Resource::*]',
          'AwsSolutions-IAM5[Action::s3:GetBucket*]',
          'AwsSolutions-IAM5[Action::s3:GetObject*]',
          'AwsSolutions-IAM5[Action::s3:List*]',
          'AwsSolutions-IAM5[Action::s3:Abort*]',
          'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
          `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.bucket.node.defaultChild as import('aws-cdk-lib').CfnElement)}.Arn>/*]`,
          `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${this.region}/*]`,
          'AwsSolutions-L1',
          'Serverless-LambdaDLQ',
          'Serverless-LambdaLatestVersion',
          'Serverless-LambdaTracing',
        ].map((id) => ({ id, reason })),
      );
    }
  }
}
