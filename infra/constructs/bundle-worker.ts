/**
 * The worker thread that bundles functions for the CDK construct (./vatra-function.ts): CDK's local bundling hook is
 * synchronous and esbuild's plugins need its asynchronous API, so the hook waits on this worker (synckit) — one worker
 * per synth for every function, instead of a Node process with tsx per function (~0.9 s of CPU each).
 */
import { runAsWorker } from 'synckit';
import { bundleFunction } from './bundling.js';

runAsWorker(async (root: string, entry: string, outdir: string) => {
  await bundleFunction(root, entry, outdir);
});
