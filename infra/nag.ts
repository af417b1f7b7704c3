/**
 * cdk-nag 3 acknowledgements. (cdk-nag 3 replaced `NagSuppressions.addResourceSuppressions(scope, [{ id, reason }])`
 * with CDK's own `Validations.of(scope).acknowledge({ id, reason })`; the idea is the same: one finding, on one
 * construct and its children, with the reason written next to it.)
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export interface Acknowledgement {
  /** rule id, optionally with a finding: `AwsSolutions-IAM5[Resource::*]` */
  readonly id: string;
  readonly reason: string;
}

/** Acknowledge findings on a construct and everything under it; every entry carries its reason. */
export function acknowledge(scope: IConstruct, acks: readonly Acknowledgement[]): void {
  for (const a of acks) {
    if (a.reason.trim().length < 20) throw new Error(`cdk-nag acknowledgement ${a.id} needs a real reason`);
    Validations.of(scope).acknowledge({ id: a.id, reason: a.reason });
  }
}

/**
 * The text cdk-nag uses for a resource in a finding id (`Resource::<that text>`), computed from the same value the
 * policy will contain. Only for values made in the same stack (names, pseudo parameters, local references).
 */
export function findingText(scope: IConstruct, value: string): string {
  return flatten(Stack.of(scope).resolve(value));
}

function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (Array.isArray(o['Fn::Join'])) {
      const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if (o['Fn::Sub'] !== undefined) return flatten(o['Fn::Sub']);
    if (Array.isArray(o['Fn::GetAtt'])) {
      const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
      return `<${flatten(resource)}.${flatten(attribute)}>`;
    }
    if (o['Fn::ImportValue'] !== undefined) return flatten(o['Fn::ImportValue']);
    if (o.Ref !== undefined) return `<${flatten(o.Ref)}>`;
  }
  return JSON.stringify(node);
}

/** Reasons used on more than one construct. */
export const REASONS = {
  basicExecutionRole:
    "AWSLambdaBasicExecutionRole is AWS's minimal managed policy for a function to write its own log streams; writing our own copy would only drift from it.",
  xray: 'X-Ray (PutTraceSegments, PutTelemetryRecords) and CloudWatch Logs delivery have no resource-level permissions; AWS documents Resource "*" for them.',
  node22:
    'nodejs22.x on purpose: the local runtime and the tests run the same code on Node 22 (node_modules/.bin/node), so both runtimes share one major version; AWS supports nodejs22.x until 2027.',
  syncOnly:
    'Invoked synchronously only (API Gateway, Step Functions Task with Retry/Catch): the caller sees every error, so a Lambda DLQ would never receive anything.',
} as const;
