/** The cdk-nag gate of `cdk synth` really closes: an unacknowledged finding fails synthesis. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { buildVatra } from '../../infra/synth.js';

describe('cdk-nag gate', () => {
  it('fails synth on a resource with an unacknowledged AwsSolutions finding', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'vatra-nag-'));
    const { app, stacks } = buildVatra({
      readCdkJson: true,
      nag: 'enforce',
      outdir,
      context: { stage: 'gate', 'vatra:stubCode': true, webAssetsDir: join(tmpdir(), 'vatra-no-web') },
    });
    new Bucket(stacks.data, 'Unlogged'); // no access logs, no TLS enforcement
    try {
      expect(() => app.synth()).toThrow(/AwsSolutions-S1[\s\S]*Unlogged|Unlogged[\s\S]*AwsSolutions-S1/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
