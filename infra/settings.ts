/**
 * Deployment settings, read from CDK context (cdk.json, then `-c key=value` on the command line). Pure: the caller
 * hands in a context reader and the CDK_DEFAULT_* environment, so the rules are unit-tested without an App.
 */
import { z } from 'zod';

export interface VatraSettings {
  /** prefixes every physical name: `${stage}-vatra-…` */
  readonly stage: string;
  /** AWS region the stacks deploy to (account stays unresolved offline; `cdk deploy` fills it in) */
  readonly region: string;
  readonly account?: string;
  /** SES domain identity the mails are sent from */
  readonly mailFromDomain: string;
  /** From header of every mail: `Vatra <no-reply@mailFromDomain>` */
  readonly mailFrom: string;
  /** origin of the web UI (https://…): CORS of the API, links in mails. Unset only outside prod. */
  readonly webOrigin?: string;
  /** ACM certificate in us-east-1 for the web distribution; with it, the host of webOrigin becomes its domain name */
  readonly certificateArn?: string;
  readonly webDomainNames: readonly string[];
  /** e-mail address subscribed to the alarm topic (optional; operations may subscribe otherwise) */
  readonly alarmEmail?: string;
  /**
   * Prefix of the Cognito domain that hosts managed login (`https://<prefix>.auth.<region>.amazoncognito.com`).
   * Prefixes are unique per region across all AWS accounts: default `${stage}-vatra-login`, override when it is taken.
   */
  readonly authDomainPrefix: string;
  /** folder with the built SPA (`npm run build:web`), relative to the repository root */
  readonly webAssetsDir: string;
  /**
   * Tests only: functions get a tiny inline handler instead of an esbuild bundle. Never used by `cdk synth`/`deploy`
   * (infra/app.ts refuses it), so nothing deployable can carry a stub.
   */
  readonly stubCode: boolean;
}

/** Context keys understood by the app. */
export const CONTEXT = {
  stage: 'stage',
  region: 'region',
  mailFromDomain: 'mailFromDomain',
  webOrigin: 'webOrigin',
  certificateArn: 'certificateArn',
  alarmEmail: 'alarmEmail',
  authDomainPrefix: 'authDomainPrefix',
  webAssetsDir: 'webAssetsDir',
  stubCode: 'vatra:stubCode',
} as const;

const DEFAULT_REGION = 'eu-central-1';

const optionalText = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().trim().optional());

const schema = z
  .object({
    stage: z.string().regex(/^[a-z][a-z0-9]{1,11}$/, 'Etapa (stage) trebuie să fie 2–12 litere mici sau cifre și să înceapă cu o literă (ex. dev, prod).'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'Regiune AWS invalidă (ex. eu-central-1).'),
    account: optionalText.pipe(z.string().regex(/^\d{12}$/, 'Cont AWS invalid (12 cifre).').optional()),
    mailFromDomain: z
      .string({ error: 'mailFromDomain lipsește: setați-l în cdk.json sau cu -c mailFromDomain=….' })
      .trim()
      .regex(/^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/, 'mailFromDomain trebuie să fie un nume de domeniu (ex. vatra.primariatm.ro).'),
    webOrigin: optionalText.pipe(
      z
        .string()
        .regex(/^https:\/\/[a-z0-9.-]+(:\d+)?$/, 'webOrigin trebuie să fie o origine https fără cale (ex. https://vatra.primariatm.ro).')
        .optional(),
    ),
    certificateArn: optionalText.pipe(
      z
        .string()
        .regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/, 'certificateArn trebuie să fie un certificat ACM din us-east-1 (cerință CloudFront).')
        .optional(),
    ),
    alarmEmail: optionalText.pipe(z.email('alarmEmail trebuie să fie o adresă de e-mail.').optional()),
    // Cognito: lowercase letters, digits and inner hyphens, at most 63; "aws", "amazon" and "cognito" are reserved
    authDomainPrefix: optionalText.pipe(
      z
        .string()
        .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'authDomainPrefix: doar litere mici, cifre și cratime (nu la capete), cel mult 63 de caractere.')
        .refine((v) => !/aws|amazon|cognito/.test(v), 'authDomainPrefix nu poate conține „aws”, „amazon” sau „cognito” (rezervate de Cognito).')
        .optional(),
    ),
    webAssetsDir: z.string().min(1),
    stubCode: z.boolean(),
  })
  .superRefine((s, ctx) => {
    if (s.stage === 'prod' && !s.webOrigin) {
      ctx.addIssue({
        code: 'custom',
        path: ['webOrigin'],
        message: 'Pentru prod, setați -c webOrigin=https://… : adresa interfeței web apare în e-mailuri și limitează CORS.',
      });
    }
    if (s.certificateArn && !s.webOrigin) {
      ctx.addIssue({ code: 'custom', path: ['certificateArn'], message: 'certificateArn cere și webOrigin (domeniul pentru care este emis certificatul).' });
    }
  });

export class SettingsError extends Error {
  readonly code = 'INVALID_DEPLOY_SETTINGS';
  constructor(readonly problems: readonly string[]) {
    super(`Setări de implementare invalide (INVALID_DEPLOY_SETTINGS):\n- ${problems.join('\n- ')}`);
    this.name = 'SettingsError';
  }
}

function asBoolean(v: unknown): boolean {
  return v === true || v === 'true';
}

/** Read and validate the settings; throws SettingsError listing every problem. */
export function settingsFromContext(
  get: (key: string) => unknown,
  env: { readonly CDK_DEFAULT_ACCOUNT?: string | undefined; readonly CDK_DEFAULT_REGION?: string | undefined } = {},
): VatraSettings {
  const raw = {
    stage: get(CONTEXT.stage) ?? 'dev',
    region: get(CONTEXT.region) ?? env.CDK_DEFAULT_REGION ?? DEFAULT_REGION,
    account: env.CDK_DEFAULT_ACCOUNT,
    mailFromDomain: get(CONTEXT.mailFromDomain),
    webOrigin: get(CONTEXT.webOrigin),
    certificateArn: get(CONTEXT.certificateArn),
    alarmEmail: get(CONTEXT.alarmEmail),
    authDomainPrefix: get(CONTEXT.authDomainPrefix),
    webAssetsDir: get(CONTEXT.webAssetsDir) ?? 'dist/web',
    stubCode: asBoolean(get(CONTEXT.stubCode)),
  };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new SettingsError(parsed.error.issues.map((i) => `${i.path.join('.') || 'context'}: ${i.message}`));
  }
  const s = parsed.data;
  const webDomainNames = s.certificateArn && s.webOrigin ? [new URL(s.webOrigin).hostname] : [];
  return {
    stage: s.stage,
    region: s.region,
    ...(s.account ? { account: s.account } : {}),
    mailFromDomain: s.mailFromDomain,
    mailFrom: `Vatra <no-reply@${s.mailFromDomain}>`,
    ...(s.webOrigin ? { webOrigin: s.webOrigin } : {}),
    ...(s.certificateArn ? { certificateArn: s.certificateArn } : {}),
    webDomainNames,
    ...(s.alarmEmail ? { alarmEmail: s.alarmEmail } : {}),
    authDomainPrefix: s.authDomainPrefix ?? `${s.stage}-vatra-login`,
    webAssetsDir: s.webAssetsDir,
    stubCode: s.stubCode,
  };
}

/** Placeholder origin for stages deployed without `webOrigin` (never prod: settings refuse that). */
export function webBaseUrl(settings: Pick<VatraSettings, 'stage' | 'webOrigin'>): string {
  return settings.webOrigin ?? `https://${settings.stage}.vatra.invalid`;
}
