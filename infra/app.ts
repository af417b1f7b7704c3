/**
 * The CDK app entry (`cdk.json`: `npx tsx infra/app.ts`). Context: `stage` (default dev), `mailFromDomain`,
 * `webOrigin`, `certificateArn`, `alarmEmail`, `region` — see infra/README.md. cdk-nag runs on every synth and fails
 * it on any finding that is not acknowledged with a reason.
 */
import { buildVatra } from './synth.js';

const { app, settings } = buildVatra({ nag: 'enforce' });
if (settings.stubCode) {
  throw new Error('vatra:stubCode is for tests only: a stub function must never be synthesized for deployment.');
}
app.synth();
