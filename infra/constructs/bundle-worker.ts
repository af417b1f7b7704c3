/**
 * The worker thread that bundles functions for the CDK construct (./vatra-function.ts): CDK's local bundling hook is
 * synchronous and esbuild's plugins need its asynchronous API, so the hook waits on this worker (synckit) — one worker
 * per synth for every function, instead of a Node process with tsx per function (~0.9 s of CPU each).
 *
 * The project's code is loaded inside the call, after `runAsWorker` is registered: an error while loading it (a
 * manifest that throws, a missing module) comes back to the synth as the bundle's error instead of ending the worker
 * while the synth waits on it.
 */
import { runAsWorker } from 'synckit';

runAsWorker(async (root: string, entry: string, outdir: string) => {
  const { bundleFunction } = await import('./bundling.js');
  await bundleFunction(root, entry, outdir);
});
