/**
 * The one list of state machines. Each ASL file is used unchanged by CDK (DefinitionBody.fromFile +
 * definitionSubstitutions) and by the local Step Functions service (same substitutions, local ARNs).
 * Substitution values name a function or a state machine of this app; the side that deploys turns them into ARNs.
 */
export type SubstitutionRef = { readonly function: string } | { readonly stateMachine: string };

export interface WorkflowDef {
  readonly name: string;
  readonly file: string;
  readonly description: string;
  readonly substitutions: Readonly<Record<string, SubstitutionRef>>;
}

const caseFn = { CaseWorkflowFunction: { function: 'wf-case' } } as const;

export const workflows = [
  { name: 'case-intake', file: 'workflows/case-intake/definition.asl.json', description: 'Evaluare inițială, plan, aprobare', substitutions: caseFn },
  { name: 'review-cycle', file: 'workflows/review-cycle/definition.asl.json', description: 'Un ciclu de revizuire (servicii sau monitorizare)', substitutions: caseFn },
  { name: 'reintegration', file: 'workflows/reintegration/definition.asl.json', description: 'Reintegrarea în familie', substitutions: caseFn },
  { name: 'transfer', file: 'workflows/transfer/definition.asl.json', description: 'Transfer între DAS și DGASPC', substitutions: caseFn },
  { name: 'closure', file: 'workflows/closure/definition.asl.json', description: 'Evaluare finală și închiderea cazului', substitutions: caseFn },
  { name: 'monthly-run', file: 'workflows/monthly-run/definition.asl.json', description: 'Rularea lunară a subvenției: evaluare, aprobare, registrul de plăți', substitutions: { SubsidyWorkflowFunction: { function: 'wf-subsidy' } } },
] as const satisfies readonly WorkflowDef[];

/** Apply `${Name}` substitutions the way CloudFormation's definitionSubstitutions does. */
export function applySubstitutions(definition: string, values: Record<string, string>): string {
  return definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_whole, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`Substituție lipsă în definiția ASL: ${key}`);
    return v;
  });
}
