/** `npx cdk synth` / `npx cdk deploy`: context `stage` (dev), `mailFromDomain`, `webOrigin`. */
import { buildApp } from './synth.js';

buildApp().app.synth();
