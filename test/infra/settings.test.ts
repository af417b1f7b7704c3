/** Deployment settings from CDK context: defaults, and refusals with every problem listed. */
import { describe, expect, it } from 'vitest';
import { SettingsError, settingsFromContext } from '../../infra/settings.js';

const ctx = (values: Record<string, unknown>) => (key: string) => values[key];

describe('settingsFromContext', () => {
  it('defaults to the dev stage in eu-central-1 and derives the sender from the mail domain', () => {
    const s = settingsFromContext(ctx({ mailFromDomain: 'vatra.example.ro' }));
    expect(s).toMatchObject({ stage: 'dev', region: 'eu-central-1', mailFrom: 'Vatra <no-reply@vatra.example.ro>', webAssetsDir: 'dist/web', stubCode: false, webDomainNames: [] });
    expect(s.webOrigin).toBeUndefined();
  });

  it('takes the region from context first, then from CDK_DEFAULT_REGION, and the account from CDK_DEFAULT_ACCOUNT', () => {
    expect(settingsFromContext(ctx({ mailFromDomain: 'a.ro' }), { CDK_DEFAULT_REGION: 'eu-south-2', CDK_DEFAULT_ACCOUNT: '123456789012' })).toMatchObject({
      region: 'eu-south-2',
      account: '123456789012',
    });
    expect(settingsFromContext(ctx({ mailFromDomain: 'a.ro', region: 'eu-west-1' }), { CDK_DEFAULT_REGION: 'eu-south-2' }).region).toBe('eu-west-1');
  });

  it('refuses prod without a web origin: mail links and CORS need it', () => {
    expect(() => settingsFromContext(ctx({ stage: 'prod', mailFromDomain: 'vatra.example.ro' }))).toThrow(/webOrigin/);
    expect(settingsFromContext(ctx({ stage: 'prod', mailFromDomain: 'vatra.example.ro', webOrigin: 'https://vatra.primariatm.ro' })).webOrigin).toBe(
      'https://vatra.primariatm.ro',
    );
  });

  it('uses the host of the web origin as the distribution domain only with a certificate', () => {
    const cert = 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123';
    const s = settingsFromContext(ctx({ mailFromDomain: 'a.ro', webOrigin: 'https://vatra.primariatm.ro', certificateArn: cert }));
    expect(s.webDomainNames).toEqual(['vatra.primariatm.ro']);
    expect(() => settingsFromContext(ctx({ mailFromDomain: 'a.ro', certificateArn: cert }))).toThrow(/certificateArn cere și webOrigin/);
    expect(() => settingsFromContext(ctx({ mailFromDomain: 'a.ro', webOrigin: 'https://x.ro', certificateArn: cert.replace('us-east-1', 'eu-central-1') }))).toThrow(/us-east-1/);
  });

  it('names the managed-login domain prefix after the stage unless told otherwise, within Cognito\'s rules', () => {
    expect(settingsFromContext(ctx({ mailFromDomain: 'a.ro' })).authDomainPrefix).toBe('dev-vatra-login');
    expect(settingsFromContext(ctx({ mailFromDomain: 'a.ro', stage: 'prod', webOrigin: 'https://x.ro' })).authDomainPrefix).toBe('prod-vatra-login');
    expect(settingsFromContext(ctx({ mailFromDomain: 'a.ro', authDomainPrefix: 'vatra-timisoara' })).authDomainPrefix).toBe('vatra-timisoara');
    for (const bad of ['Vatra', '-vatra', 'vatra-', 'my-cognito-login', 'aws-vatra', 'amazon1', 'a_b', 'x'.repeat(64)]) {
      expect(() => settingsFromContext(ctx({ mailFromDomain: 'a.ro', authDomainPrefix: bad })), bad).toThrow(/authDomainPrefix/);
    }
  });

  it('lists every problem at once with a stable code', () => {
    try {
      settingsFromContext(ctx({ stage: 'Prod!', webOrigin: 'http://insecure.ro/path', alarmEmail: 'not-an-address' }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SettingsError);
      const err = e as SettingsError;
      expect(err.code).toBe('INVALID_DEPLOY_SETTINGS');
      expect(err.problems.map((p) => p.split(':')[0]).sort()).toEqual(['alarmEmail', 'mailFromDomain', 'stage', 'webOrigin']);
    }
  });

  it('reads the test-only stub flag as a boolean from context strings too', () => {
    expect(settingsFromContext(ctx({ mailFromDomain: 'a.ro', 'vatra:stubCode': 'true' })).stubCode).toBe(true);
    expect(settingsFromContext(ctx({ mailFromDomain: 'a.ro', 'vatra:stubCode': 'false' })).stubCode).toBe(false);
  });
});
