/**
 * Mail: the SES domain identity, and a configuration set every send goes through. It records reputation metrics,
 * publishes bounces, complaints, rejects and delivery delays to an encrypted topic, and puts bounced or complaining
 * addresses on the account's suppression list so Vatra stops mailing them.
 */
import { Arn, Stack, type StackProps } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { vatraName } from '../naming.js';
import type { VatraSettings } from '../settings.js';

export interface NotificationsStackProps extends StackProps {
  readonly settings: VatraSettings;
  readonly dataKey: IKey;
}

/** Configuration set name (known up front, so functions get it without a reference). */
export function configurationSetName(stage: string): string {
  return vatraName(stage, 'mail');
}

export class NotificationsStack extends Stack {
  readonly configurationSet: ConfigurationSet;
  readonly mailEvents: Topic;

  constructor(scope: Construct, id: string, props: NotificationsStackProps) {
    super(scope, id, props);
    const { stage, mailFromDomain } = props.settings;

    this.mailEvents = new Topic(this, 'MailEvents', {
      topicName: vatraName(stage, 'mail-events'),
      displayName: 'Vatra: bounces and complaints',
      masterKey: props.dataKey,
      enforceSSL: true,
    });
    this.configurationSet = new ConfigurationSet(this, 'MailConfig', {
      configurationSetName: configurationSetName(stage),
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(this.mailEvents),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT, EmailSendingEvent.DELIVERY_DELAY],
    });
    new EmailIdentity(this, 'MailIdentity', {
      identity: Identity.domain(mailFromDomain),
      configurationSet: this.configurationSet,
    });
  }
}

/** ARNs an ses:SendEmail / SendRawEmail call is authorized on: the identity and the configuration set. */
export function sendEmailResources(scope: Construct, settings: VatraSettings): string[] {
  const stack = Stack.of(scope);
  return [
    Arn.format({ service: 'ses', resource: 'identity', resourceName: settings.mailFromDomain }, stack),
    Arn.format({ service: 'ses', resource: 'configuration-set', resourceName: configurationSetName(settings.stage) }, stack),
  ];
}
