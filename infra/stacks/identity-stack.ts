/**
 * Staff identity: a Cognito user pool issuing the same claims the local identity provider issues
 * (`cognito:groups` = roles, `custom:institution`, `custom:services`; read by shared/platform/auth/principal.ts).
 *
 * MFA is REQUIRED (TOTP) for every user, not only coordinators, finance and admins as the issue asks at least:
 * every role can open case files with special-category data (GDPR art. 9: ethnicity, health, child protection
 * measures), and Cognito can only require MFA pool-wide — "optional" would leave the choice to each user.
 *
 * The SPA signs in through Cognito's managed login on the pool's prefix domain with the OAuth 2.0 authorization-code
 * flow and PKCE (web/src/lib/auth.ts): passwords, TOTP set-up and MFA challenges happen on Cognito's pages; the SPA
 * holds the short-lived ID token and the refresh token in memory only (refresh token grant before the ID token lapses).
 */
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { institutionIds, roles } from '../../shared/platform/auth/principal.js';
import { ID_TOKEN_TTL_SECONDS, REFRESH_TTL_SECONDS } from '../../shared/platform/auth/session-lifetime.js';
import { vatraName } from '../naming.js';
import { webBaseUrl, type VatraSettings } from '../settings.js';

/** The ID token (what the SPA sends to the API) and the access token: 15 minutes, as the local provider's. */
export const TOKEN_VALIDITY = Duration.seconds(ID_TOKEN_TTL_SECONDS);
/** The refresh token (kept in the SPA's memory): a working day, as the local refresh cookie. */
export const REFRESH_VALIDITY = Duration.seconds(REFRESH_TTL_SECONDS);

/** Base URL of a Cognito prefix domain (what UserPoolDomain.baseUrl() gives, computed without a cross-stack token). */
export function cognitoDomainBaseUrl(prefix: string, region: string): string {
  return `https://${prefix}.auth.${region}.amazoncognito.com`;
}

export interface IdentityStackProps extends StackProps {
  readonly settings: VatraSettings;
}

export class IdentityStack extends Stack {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** base URL of managed login (`https://<prefix>.auth.<region>.amazoncognito.com`): config.json `authDomain`, CSP */
  readonly authDomainUrl: string;
  /** JWT issuer of the pool (what the API's authorizer trusts) */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, props);
    const { stage, authDomainPrefix } = props.settings;

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

    // managed login (the current version, not the classic hosted UI) on a Cognito prefix domain
    this.domain = this.userPool.addDomain('Login', {
      cognitoDomain: { domainPrefix: authDomainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.authDomainUrl = cognitoDomainBaseUrl(authDomainPrefix, this.region);

    // The SPA: a public client (no secret in a browser) allowed the authorization-code grant only — no implicit grant,
    // so tokens never travel in a URL; the SPA always adds PKCE (S256) to it. Callback and sign-out land on the web
    // origin's root.
    const web = `${webBaseUrl(props.settings)}/`;
    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: vatraName(stage, 'web'),
      generateSecret: false,
      // the direct flows the client accepts besides managed login: SRP only (plus refresh, which CDK always adds)
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [web],
        logoutUrls: [web],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // Short-lived tokens, refreshed in memory (decision record 016): the token endpoint's expires_in is the access
      // token's lifetime, so ID and access tokens last as long; the refresh token grant gives new ones for a working
      // day, and sign-out revokes the refresh token (enableTokenRevocation). The SPA signs out after its idle limit.
      idTokenValidity: TOKEN_VALIDITY,
      accessTokenValidity: TOKEN_VALIDITY,
      refreshTokenValidity: REFRESH_VALIDITY,
    });

    // managed login needs a style per client; Cognito's default look is enough
    const branding = new CfnManagedLoginBranding(this, 'WebLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.webClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);

    this.issuer = `https://cognito-idp.${this.region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
