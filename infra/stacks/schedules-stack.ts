/**
 * EventBridge Scheduler: one schedule per entry of shared/manifest/schedules.ts, wall-clock Europe/Bucharest (so 07:00
 * stays 07:00 across daylight-saving changes), exact time (no flexible window), retries, and a dead-letter queue for
 * invocations the scheduler could not deliver. The local runtime fires the same definitions with croner.
 */
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { ScheduleDef } from '../../shared/manifest/schedules.js';
import { acknowledge } from '../nag.js';
import { functionArn, stateMachineArn, vatraName } from '../naming.js';
import type { VatraSettings } from '../settings.js';

export interface SchedulesStackProps extends StackProps {
  readonly settings: VatraSettings;
  readonly schedules: readonly ScheduleDef[];
}

/** Retries of an invocation the scheduler could not deliver, before it goes to the DLQ. */
export const SCHEDULE_RETRY = { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 6 * 3600 } as const;

export class SchedulesStack extends Stack {
  readonly deadLetterQueue: Queue;
  readonly schedules: ReadonlyMap<string, CfnSchedule>;

  constructor(scope: Construct, id: string, props: SchedulesStackProps) {
    super(scope, id, props);
    const { stage } = props.settings;

    // payloads are action names and the scheduled time, never personal data: SQS-managed encryption suffices
    this.deadLetterQueue = new Queue(this, 'Dlq', {
      queueName: vatraName(stage, 'schedule-dlq'),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.deadLetterQueue, [
      { id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the schedules; it has nowhere further to dead-letter to.' },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself the dead-letter queue of the schedules; it has nowhere further to dead-letter to.' },
    ]);

    const byName = new Map<string, CfnSchedule>();
    for (const s of props.schedules) {
      const isMachine = s.target.kind === 'stateMachine';
      const targetArn = isMachine ? stateMachineArn(this, stage, s.target.name) : functionArn(this, stage, s.target.name);
      // one role per schedule: it may start exactly its target and write to the DLQ
      const role = new Role(this, `Role-${s.name}`, {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }),
        description: `EventBridge Scheduler: ${vatraName(stage, s.name)}`,
      });
      role.addToPolicy(new PolicyStatement({ actions: [isMachine ? 'states:StartExecution' : 'lambda:InvokeFunction'], resources: [targetArn] }));
      this.deadLetterQueue.grantSendMessages(role);
      byName.set(
        s.name,
        new CfnSchedule(this, `Schedule-${s.name}`, {
          name: vatraName(stage, s.name),
          description: s.description,
          scheduleExpression: `cron(${s.cron})`,
          scheduleExpressionTimezone: s.timeZone,
          flexibleTimeWindow: { mode: 'OFF' },
          state: 'ENABLED',
          target: {
            arn: targetArn,
            roleArn: role.roleArn,
            input: JSON.stringify(s.input),
            retryPolicy: { ...SCHEDULE_RETRY },
            deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
          },
        }),
      );
    }
    this.schedules = byName;
  }
}
