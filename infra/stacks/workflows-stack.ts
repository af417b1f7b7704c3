/**
 * One Standard state machine per entry of shared/manifest/workflows.ts, from the same ASL file the local Step Functions
 * service runs. `${Name}` placeholders become ARNs through definitionSubstitutions; the IAM role gets exactly
 * lambda:InvokeFunction on the functions and states:StartExecution on the state machines the definition names.
 * State machines are addressed by name (`${stage}-vatra-${name}`): machines that start each other cannot form a cycle.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Arn, ArnFormat, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { applySubstitutions, type SubstitutionRef, type WorkflowDef } from '../../shared/manifest/workflows.js';
import { acknowledge, findingText, REASONS, type Acknowledgement } from '../nag.js';
import { functionArn, stateMachineArn, vatraName } from '../naming.js';
import type { VatraSettings } from '../settings.js';

export interface WorkflowsStackProps extends StackProps {
  readonly settings: VatraSettings;
  readonly root: string;
  readonly workflows: readonly WorkflowDef[];
  readonly logKey: IKey;
}

/** Substitution values (ARNs) of one workflow, and what its role must be allowed to call. */
export function workflowBindings(scope: Construct, stage: string, wf: WorkflowDef) {
  const substitutions: Record<string, string> = {};
  const invokes = new Set<string>();
  const starts = new Set<string>();
  for (const [key, ref] of Object.entries(wf.substitutions) as [string, SubstitutionRef][]) {
    if ('function' in ref) {
      substitutions[key] = functionArn(scope, stage, ref.function);
      invokes.add(ref.function);
    } else {
      substitutions[key] = stateMachineArn(scope, stage, ref.stateMachine);
      starts.add(ref.stateMachine);
    }
  }
  return { substitutions, invokes: [...invokes], starts: [...starts] };
}

export class WorkflowsStack extends Stack {
  readonly stateMachines: ReadonlyMap<string, StateMachine>;

  constructor(scope: Construct, id: string, props: WorkflowsStackProps) {
    super(scope, id, props);
    const { stage } = props.settings;
    const logKey = props.logKey;
    const byName = new Map<string, StateMachine>();

    for (const wf of props.workflows) {
      const file = resolve(props.root, wf.file);
      if (!existsSync(file)) throw new Error(`Fluxul „${wf.name}”: fișierul ASL ${wf.file} nu există (WORKFLOW_FILE_MISSING).`);
      const definition = readFileSync(file, 'utf8');
      const { substitutions, invokes, starts } = workflowBindings(this, stage, wf);
      // every ${Name} of the file must be bound (CloudFormation would leave it in the definition as text)
      try {
        applySubstitutions(definition, substitutions);
      } catch (e) {
        throw new Error(`Fluxul „${wf.name}” (${wf.file}): ${(e as Error).message} (WORKFLOW_SUBSTITUTION_MISSING)`);
      }
      const name = vatraName(stage, wf.name);

      const logs = new LogGroup(this, `Logs-${wf.name}`, {
        logGroupName: `/aws/vendedlogs/states/${name}`,
        retention: RetentionDays.ONE_YEAR,
        encryptionKey: logKey,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      const sm = new StateMachine(this, `Sm-${wf.name}`, {
        stateMachineName: name,
        stateMachineType: StateMachineType.STANDARD,
        comment: wf.description,
        definitionBody: DefinitionBody.fromFile(file),
        definitionSubstitutions: substitutions,
        tracingEnabled: true,
        // execution data (case state) stays out of the logs: personal data is not logged
        logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
      });
      const acks: Acknowledgement[] = [{ id: 'AwsSolutions-IAM5[Resource::*]', reason: REASONS.xray }];
      if (invokes.length) {
        sm.addToRolePolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: invokes.map((fn) => functionArn(this, stage, fn)) }));
      }
      if (starts.length) {
        sm.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: starts.map((s) => stateMachineArn(this, stage, s)) }));
        // `.sync` waits for the child execution: it must read it, stop it, and use the managed EventBridge rule
        if (definition.includes('states:startExecution.sync')) {
          const executions = starts.map((s) =>
            Arn.format({ service: 'states', resource: 'execution', resourceName: `${vatraName(stage, s)}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }, this),
          );
          const rule = Arn.format({ service: 'events', resource: 'rule', resourceName: 'StepFunctionsGetEventsForStepFunctionsExecutionRule' }, this);
          sm.addToRolePolicy(new PolicyStatement({ actions: ['states:DescribeExecution', 'states:StopExecution'], resources: executions }));
          sm.addToRolePolicy(new PolicyStatement({ actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], resources: [rule] }));
          for (const e of executions) {
            acks.push({ id: `AwsSolutions-IAM5[Resource::${findingText(this, e)}]`, reason: 'Executions of one named child state machine, whose ids are generated at run time (startExecution.sync).' });
          }
        }
      }
      acknowledge(sm, acks);
      byName.set(wf.name, sm);
    }
    this.stateMachines = byName;
  }
}
