/** `tsx infra/constructs/bundle-cli.ts <root> <entry> <outdir>`: what the CDK construct runs to bundle one function. */
import { bundleFunction } from './bundling.js';

const [root, entry, outdir] = process.argv.slice(2);
if (!root || !entry || !outdir) {
  console.error('usage: bundle-cli <root> <entry> <outdir>');
  process.exit(2);
}
await bundleFunction(root, entry, outdir);
