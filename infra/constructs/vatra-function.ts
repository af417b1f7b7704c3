/**
 * The one function construct (after Powertools' FunctionWithLogGroup): every Lambda of shared/manifest/functions.ts gets
 * the same defaults — nodejs22.x on arm64, an esbuild bundle with the AWS SDK inside (faster cold starts), ESM with a
 * createRequire banner for bundled CommonJS dependencies, split so that `await import(...)` code (exceljs, SES, mail
 * templates) is a chunk read only when used, minified, source maps written as artefacts but not loaded at run time,
 * X-Ray tracing, and an explicit, KMS-encrypted log group with retention. Permissions are added by the functions stack.
 * The bundle itself is described in ./bundling.ts (also used by `npm run bench`), see docs/decisions/018-performance.md.
 */
import { AssetHashType, DockerImage, Duration, RemovalPolicy, type BundlingOptions, type ILocalBundling } from 'aws-cdk-lib';
import { Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime, Tracing, type IDestination } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { createSyncFn } from 'synckit';
import { resolve } from 'node:path';
import type { FunctionDef } from '../../shared/manifest/functions.js';
import { vatraName } from '../naming.js';
import { ESM_REQUIRE_BANNER } from './bundling.js';

export { ESM_REQUIRE_BANNER };
export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;

type BundleSync = (root: string, entry: string, outdir: string) => void;
const bundlers = new Map<string, BundleSync>();

/** Longest wait for one function's bundle (a loaded 2-core machine bundles one in a few seconds). */
export const BUNDLE_TIMEOUT_MS = 300_000;

/**
 * `bundleFunction` run synchronously: CDK's local bundling hook is synchronous and esbuild's plugins need its
 * asynchronous API, so the hook waits on a worker thread (./bundle-worker.ts through synckit, TypeScript read by
 * tsx) — one worker for the whole synth, made on the first bundle, instead of a Node process per function. A
 * bundling error is thrown here; a worker that never answers fails the synth after BUNDLE_TIMEOUT_MS (set here, so a
 * SYNCKIT_TIMEOUT in the environment does not shorten it).
 */
export function bundleSync(root: string): BundleSync {
  let fn = bundlers.get(root);
  if (!fn) {
    fn = createSyncFn<(root: string, entry: string, outdir: string) => Promise<void>>(resolve(root, 'infra/constructs/bundle-worker.ts'), { tsRunner: 'tsx', timeout: BUNDLE_TIMEOUT_MS });
    bundlers.set(root, fn);
  }
  return fn;
}

/**
 * Bundling on this machine with esbuild (no Docker), in a worker thread (`bundleSync`). The fields make CDK's asset
 * cache key differ per function.
 */
class EsbuildBundling implements BundlingOptions {
  readonly image = DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x');
  readonly local: ILocalBundling;
  constructor(readonly root: string, readonly entry: string) {
    this.local = {
      tryBundle: (outputDir: string) => {
        bundleSync(root)(root, entry, outputDir);
        return true;
      },
    };
  }
}

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
      : new LambdaFunction(this, 'Fn', {
          ...common,
          handler: 'index.handler',
          code: Code.fromAsset(props.root, { assetHashType: AssetHashType.OUTPUT, bundling: new EsbuildBundling(props.root, def.entry) }),
        });
  }
}
