/**
 * Staff identity: a Cognito user pool issuing the same claims the local identity provider issues
 * (`cognito:groups` = roles, `custom:institution`, `custom:services`; read by shared/auth/principal.ts).
 *
 * MFA is REQUIRED (TOTP) for every user, not only coordinators, finance and admins as the issue asks at least:
 * every role can open case files with special-category data (GDPR art. 9: ethnicity, health, child protection
 * measures), and Cognito can only require MFA pool-wide — "optional" would leave the choice to each user.
 */
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { institutionIds, roles } from '../../shared/auth/principal.js';
import { vatraName } from '../naming.js';
import type { VatraSettings } from '../settings.js';

export interface IdentityStackProps extends StackProps {
  readonly settings: VatraSettings;
}

export class IdentityStack extends Stack {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  /** JWT issuer of the pool (what the API's authorizer trusts) */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, props);
    const { stage } = props.settings;

    this.userPool = new UserPool(this, 'Staff', {
      userPoolName: vatraName(stage, 'staff'),
      // accounts are created by an administrator for each employee; nobody registers on their own
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // threat protection (compromised credentials, adaptive authentication) needs the Plus plan
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: {
        // one of institutionIds (DAS | DGASPC | GAL); Cognito cannot enumerate, the API validates it on every request
        institution: new StringAttribute({ minLen: Math.min(...institutionIds.map((i) => i.length)), maxLen: Math.max(...institutionIds.map((i) => i.length)), mutable: true }),
        // comma-separated service ids for centre and intervention staff (e.g. "cz-kuncz,ext-freidorf")
        services: new StringAttribute({ minLen: 0, maxLen: 512, mutable: true }),
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const role of roles) {
      new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: this.userPool.userPoolId, groupName: role });
    }

    // the SPA signs in with SRP (no hosted UI, no client secret in a browser)
    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: vatraName(stage, 'web'),
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    this.issuer = `https://cognito-idp.${this.region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
