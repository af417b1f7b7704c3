/**
 * What a Lambda function is (the list is gathered from the areas' manifests in shared/manifest/functions.ts). CDK builds one NodejsFunction per entry (esbuild, AWS SDK bundled, arm64,
 * nodejs22.x) with exactly the access listed; the local runtime imports the same entry module and calls its
 * `handler` with the same event. An API function serves the routes of its area (shared/platform/http/routes.ts).
 */
export interface FunctionAccess {
  /** main table */
  readonly main?: 'read' | 'readwrite';
  /** audit table: append = PutItem only; read = Query only. Nobody gets delete. */
  readonly audit?: readonly ('append' | 'read')[];
  /** state machines this function may start / send task results to */
  readonly startStateMachines?: readonly string[];
  readonly sendTaskResults?: boolean;
  readonly sendEmail?: boolean;
  /** field-level encryption key for sensitive fields (CNP, ethnicity, health) */
  readonly fieldKey?: boolean;
  /** HMAC key (KMS GenerateMac) that turns CNP / name + birth date into duplicate-detection keys; only who registers children */
  readonly identityMac?: boolean;
  /** exports bucket (payment files, reports) */
  readonly exportsBucket?: 'read' | 'readwrite';
}

export interface FunctionDef {
  readonly name: string;
  readonly entry: string;
  readonly description: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly access: FunctionAccess;
}
