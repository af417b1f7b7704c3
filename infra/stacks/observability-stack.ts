/**
 * Alarms that need a person: any function error, any failed or timed-out workflow execution, anything in the schedule
 * DLQ or in the failure queue of scheduled functions, and SES reputation (bounces, complaints) before SES pauses
 * sending. All publish to one encrypted topic operations subscribe to (optionally an address from context `alarmEmail`).
 */
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { vatraName } from '../naming.js';
import type { VatraSettings } from '../settings.js';

export interface ObservabilityStackProps extends StackProps {
  readonly settings: VatraSettings;
  readonly dataKey: IKey;
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly stateMachines: ReadonlyMap<string, IStateMachine>;
  readonly queues: ReadonlyMap<string, IQueue>;
}

/**
 * SES puts an account under review at a 5 % bounce rate or 0.1 % complaint rate and may pause sending at 10 % / 0.5 %
 * (source: SES Developer Guide, "Monitoring your sender reputation"). Alarm just before the review level.
 */
export const SES_THRESHOLDS = { bounceRate: 0.04, complaintRate: 0.0008 } as const;

export class ObservabilityStack extends Stack {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const { stage } = props.settings;
    this.topic = new Topic(this, 'Alarms', { topicName: vatraName(stage, 'alarms'), displayName: 'Vatra alarms', masterKey: props.dataKey, enforceSSL: true });
    if (props.settings.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.settings.alarmEmail));
    const action = new SnsAction(this.topic);
    const period = Duration.minutes(5);

    const alarm = (alarmId: string, name: string, description: string, metric: IMetric, threshold = 1) =>
      new Alarm(this, alarmId, {
        alarmName: vatraName(stage, name),
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(action);

    for (const [name, fn] of props.functions) {
      alarm(`Errors-${name}`, `fn-${name}-errors`, `Function ${name} returned errors`, fn.metricErrors({ period }));
    }
    for (const [name, sm] of props.stateMachines) {
      alarm(`Failed-${name}`, `sm-${name}-failed`, `Workflow ${name}: executions failed`, sm.metricFailed({ period }));
      alarm(`TimedOut-${name}`, `sm-${name}-timed-out`, `Workflow ${name}: executions timed out`, sm.metricTimedOut({ period }));
    }
    for (const [name, queue] of props.queues) {
      alarm(`Depth-${name}`, `${name}-not-empty`, `Messages waiting in ${name}: an invocation was lost and needs a look`, queue.metricApproximateNumberOfMessagesVisible({ period }));
    }
    // account-level reputation (SES reviews and pauses the account as a whole)
    const ses = (metricName: string) => new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    alarm('SesBounceRate', 'mail-bounce-rate', 'Mail bounce rate is high (SES may pause sending)', ses('Reputation.BounceRate'), SES_THRESHOLDS.bounceRate);
    alarm('SesComplaintRate', 'mail-complaint-rate', 'Mail complaint rate is high (SES may pause sending)', ses('Reputation.ComplaintRate'), SES_THRESHOLDS.complaintRate);
  }
}
