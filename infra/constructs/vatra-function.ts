/**
 * The one function construct: every Lambda of shared/config/functions.ts gets the same defaults — Node.js 24 on arm64
 * (the code targets Node 22, which the local runtime uses),
 * esbuild bundle with the AWS SDK inside (faster cold starts), ESM with a createRequire banner for CommonJS deps,
 * source maps, X-Ray tracing, an explicit log group with retention, and exactly the permissions its `access` lists.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing, LoggingFormat } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { resolve } from 'node:path';
import type { FunctionDef } from '../../shared/config/functions.js';

export interface VatraFunctionProps {
  def: FunctionDef;
  root: string;
  stage: string;
  environment: Record<string, string>;
  logKey: IKey;
}

export class VatraFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: VatraFunctionProps) {
    super(scope, id);
    const { def } = props;
    const logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${props.stage}-vatra-${def.name}`,
      retention: RetentionDays.THREE_MONTHS,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.fn = new NodejsFunction(this, 'Fn', {
      functionName: `${props.stage}-vatra-${def.name}`,
      description: def.description,
      entry: resolve(props.root, def.entry),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: def.memoryMb,
      timeout: Duration.seconds(def.timeoutSeconds),
      tracing: Tracing.ACTIVE,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: { POWERTOOLS_SERVICE_NAME: `vatra-${def.name}`, NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      projectRoot: props.root,
      depsLockFilePath: resolve(props.root, 'package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        externalModules: [],
        mainFields: ['module', 'main'],
        banner: "import { createRequire as __vatraCreateRequire } from 'module'; const require = __vatraCreateRequire(import.meta.url);",
      },
    });
  }
}
