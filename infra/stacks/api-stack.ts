/**
 * The HTTP API (API Gateway v2) with every route of shared/manifest/routes.ts, each integrated with its function
 * (payload format 2.0, the same event the local HTTP server builds). Routes with `auth: 'jwt'` use a JWT authorizer
 * trusting the Cognito pool (issuer) and the SPA's client (audience); `auth: 'none'` routes are public.
 */
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, type HttpMethod, HttpStage, LogGroupLogDestination, PayloadFormatVersion } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { RouteDef } from '../../shared/manifest/routes.js';
import { acknowledge } from '../nag.js';
import { functionArn, vatraName } from '../naming.js';
import type { VatraSettings } from '../settings.js';

export interface ApiStackProps extends StackProps {
  readonly settings: VatraSettings;
  readonly routes: readonly RouteDef[];
  readonly issuer: string;
  readonly webClientId: string;
  readonly logKey: IKey;
}

/** Default stage throttling (requests per second, burst) for the whole API. */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/** JSON access log line: request facts only, no bodies, no query strings, no user identifiers beyond the IP. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  ip: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};

export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { settings } = props;

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/http-api/${vatraName(settings.stage, 'api')}`,
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new HttpApi(this, 'Api', {
      apiName: vatraName(settings.stage, 'api'),
      description: 'Vatra staff API',
      createDefaultStage: false,
      corsPreflight: {
        // without a configured web origin (dev stages only) any origin may call; requests still need a bearer token
        allowOrigins: [settings.webOrigin ?? '*'],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE, CorsHttpMethod.OPTIONS],
        allowHeaders: ['authorization', 'content-type'],
        maxAge: Duration.hours(1),
      },
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...API_THROTTLE },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)) },
    });

    const authorizer = new HttpJwtAuthorizer('Cognito', props.issuer, {
      authorizerName: 'cognito',
      jwtAudience: [props.webClientId],
      identitySource: ['$request.header.Authorization'],
    });

    // one integration per function; functions are addressed by name (the functions stack deploys first)
    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationFor = (name: string) => {
      let integration = integrations.get(name);
      if (!integration) {
        const fn = LambdaFunction.fromFunctionAttributes(this, `Fn-${name}`, { functionArn: functionArn(this, settings.stage, name), sameEnvironment: true });
        // one permission per function for the whole API instead of one per route (a function's policy has a size limit)
        integration = new HttpLambdaIntegration(`Int-${name}`, fn, { payloadFormatVersion: PayloadFormatVersion.VERSION_2_0, scopePermissionToRoute: false });
        integrations.set(name, integration);
      }
      return integration;
    };
    for (const r of props.routes) {
      this.api.addRoutes({
        path: r.path,
        methods: [r.method as HttpMethod],
        integration: integrationFor(r.function),
        ...(r.auth === 'jwt' ? { authorizer } : {}),
      });
    }

    const publicRoutes = props.routes.filter((r) => r.auth === 'none').map((r) => `${r.method} ${r.path}`);
    acknowledge(this.api, [
      {
        id: 'AwsSolutions-APIG4',
        reason: `Public by design and without data: ${publicRoutes.join(', ') || 'none'}. Every other route uses the Cognito JWT authorizer (tested route by route).`,
      },
    ]);
  }
}
