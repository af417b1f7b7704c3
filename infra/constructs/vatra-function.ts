/**
 * The one function construct (after Powertools' FunctionWithLogGroup): every Lambda of shared/manifest/functions.ts gets
 * the same defaults — nodejs22.x on arm64, an esbuild bundle with the AWS SDK inside (`externalModules: []`, faster
 * cold starts), ESM with a createRequire banner for bundled CommonJS dependencies, minified with source maps, X-Ray
 * tracing, and an explicit, KMS-encrypted log group with retention. Permissions are added by the functions stack.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime, Tracing, type IDestination } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { resolve } from 'node:path';
import type { FunctionDef } from '../../shared/manifest/functions.js';
import { vatraName } from '../naming.js';

export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;

/** Prepended to the ESM bundle so bundled CommonJS code can still `require` Node built-ins. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __vatraCreateRequire } from 'node:module'; const require = __vatraCreateRequire(import.meta.url);";

export interface VatraFunctionProps {
  readonly def: FunctionDef;
  readonly stage: string;
  /** repository root (entries in FunctionDef are relative to it) */
  readonly root: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly logKey: IKey;
  /** tests only: inline stub handler instead of an esbuild bundle */
  readonly stubCode?: boolean;
  /** where failed asynchronous invocations go (functions targeted by schedules) */
  readonly onFailure?: IDestination;
}

export class VatraFunction extends Construct {
  readonly fn: LambdaFunction;
  readonly logGroup: LogGroup;
  readonly def: FunctionDef;

  constructor(scope: Construct, id: string, props: VatraFunctionProps) {
    super(scope, id);
    const { def } = props;
    this.def = def;
    const functionName = vatraName(props.stage, def.name);
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: RetentionDays.THREE_MONTHS,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const common = {
      functionName,
      description: def.description,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: def.memoryMb,
      timeout: Duration.seconds(def.timeoutSeconds),
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        POWERTOOLS_SERVICE_NAME: `vatra-${def.name}`,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      ...(props.onFailure ? { onFailure: props.onFailure, retryAttempts: 2 } : {}),
    };
    this.fn = props.stubCode
      ? new LambdaFunction(this, 'Fn', {
          ...common,
          handler: 'index.handler',
          code: Code.fromInline(`exports.handler = async () => { throw new Error('test stub of ${def.name}: not deployable'); };`),
        })
      : new NodejsFunction(this, 'Fn', {
          ...common,
          entry: resolve(props.root, def.entry),
          handler: 'handler',
          projectRoot: props.root,
          depsLockFilePath: resolve(props.root, 'package-lock.json'),
          bundling: {
            format: OutputFormat.ESM,
            target: 'node22',
            platform: 'node',
            minify: true,
            sourceMap: true,
            externalModules: [],
            mainFields: ['module', 'main'],
            banner: ESM_REQUIRE_BANNER,
          },
        });
  }
}
