/** Helpers for reading synthesized templates in the infra tests. */
import type { Template } from 'aws-cdk-lib/assertions';
import { cfnText } from '../../infra/describe.js';

export type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] };

export function resources(t: Template): Record<string, Resource> {
  return (t.toJSON().Resources ?? {}) as Record<string, Resource>;
}

export function ofType(t: Template | readonly Template[], type: string): Resource[] {
  const list = Array.isArray(t) ? t : [t as Template];
  return list.flatMap((x) => Object.values(resources(x))).filter((r) => r.Type === type);
}

export interface Statement {
  readonly actions: string[];
  readonly resources: string[];
  readonly effect: string;
}

function statementsOfDocument(doc: { Statement: any[] }): Statement[] {
  return doc.Statement.map((s) => ({
    actions: [s.Action].flat().filter(Boolean) as string[],
    resources: [s.Resource].flat().filter((r) => r !== undefined).map(cfnText),
    effect: s.Effect as string,
  }));
}

/** Every IAM statement of every inline/managed policy and role in the templates. */
export function allStatements(t: Template | readonly Template[]): Statement[] {
  const out: Statement[] = [];
  for (const p of ofType(t, 'AWS::IAM::Policy')) out.push(...statementsOfDocument(p.Properties.PolicyDocument));
  for (const p of ofType(t, 'AWS::IAM::ManagedPolicy')) out.push(...statementsOfDocument(p.Properties.PolicyDocument));
  for (const r of ofType(t, 'AWS::IAM::Role')) for (const p of r.Properties.Policies ?? []) out.push(...statementsOfDocument(p.PolicyDocument));
  return out;
}

/** IAM statements attached to the role of the function with this physical name. */
export function statementsOfFunction(t: Template, functionName: string): Statement[] {
  const all = resources(t);
  const fn = Object.values(all).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName === functionName);
  if (!fn) throw new Error(`no function ${functionName}`);
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  return Object.values(all)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as any[]).some((x) => x.Ref === roleId))
    .flatMap((p) => statementsOfDocument(p.Properties.PolicyDocument));
}

/** Actions granted on resources whose ARN text matches. */
export function actionsOn(statements: readonly Statement[], match: (resource: string) => boolean): string[] {
  return [...new Set(statements.filter((s) => s.effect === 'Allow' && s.resources.some(match)).flatMap((s) => s.actions))].sort();
}
