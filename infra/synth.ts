/** Builds the Vatra CDK app (used by infra/app.ts for `cdk synth` and by the infra tests). */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VatraStack } from './stacks/vatra-stack.js';

export const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

export interface BuildOptions {
  stage?: string;
  mailFromDomain?: string;
  webOrigin?: string;
  outdir?: string;
  /** run the cdk-nag packs (on for `cdk synth` and the nag test) */
  nag?: boolean;
  context?: Record<string, unknown>;
}

export function buildApp(o: BuildOptions = {}) {
  const app = new App({ ...(o.outdir ? { outdir: o.outdir } : {}), ...(o.context ? { context: o.context } : {}) });
  const stage = o.stage ?? (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
  const mailFromDomain = o.mailFromDomain ?? (app.node.tryGetContext('mailFromDomain') as string | undefined) ?? 'vatra.example.ro';
  const webOrigin = o.webOrigin ?? (app.node.tryGetContext('webOrigin') as string | undefined);
  const stack = new VatraStack(app, `${stage}-vatra`, {
    stage,
    root: ROOT,
    mailFromDomain,
    ...(webOrigin ? { webOrigin } : {}),
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-central-1' },
    description: 'Vatra — case management and subsidies (project 328741, Timișoara)',
  });
  if (o.nag !== false) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    Validations.of(app).addPlugins(new ServerlessChecks(app));
  }
  return { app, stack };
}
