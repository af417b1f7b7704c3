/**
 * Physical names and name-based ARNs. Every physical name starts with the stage (`dev-vatra-…`, `prod-vatra-…`) so two
 * stages can live in one account. ARNs built from names (instead of references to the resources) let one stack point
 * at a resource of a stack deployed later (functions → state machines) without a dependency cycle.
 */
import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** `${stage}-vatra-${name}`: functions, state machines, schedules, topics, queues, the API, the user pool. */
export function vatraName(stage: string, name: string): string {
  return `${stage}-vatra-${name}`;
}

/** Tables already carry `vatra-` in their logical name (shared/platform/db/tables.ts): `${stage}-${logicalName}`. */
export function tableName(stage: string, logicalName: string): string {
  return `${stage}-${logicalName}`;
}

/** CloudFormation stack name of one concern: `${stage}-vatra-${concern}`. */
export function stackName(stage: string, concern: string): string {
  return vatraName(stage, concern);
}

export function stateMachineArn(scope: IConstruct, stage: string, name: string): string {
  return Arn.format(
    { service: 'states', resource: 'stateMachine', resourceName: vatraName(stage, name), arnFormat: ArnFormat.COLON_RESOURCE_NAME },
    Stack.of(scope),
  );
}

export function functionArn(scope: IConstruct, stage: string, name: string): string {
  return Arn.format(
    { service: 'lambda', resource: 'function', resourceName: vatraName(stage, name), arnFormat: ArnFormat.COLON_RESOURCE_NAME },
    Stack.of(scope),
  );
}

export function tableArn(scope: IConstruct, stage: string, logicalName: string): string {
  return Arn.format({ service: 'dynamodb', resource: 'table', resourceName: tableName(stage, logicalName) }, Stack.of(scope));
}
