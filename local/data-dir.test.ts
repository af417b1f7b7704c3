import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareDataDir } from './data-dir.js';

const folder = () => mkdtempSync(join(tmpdir(), 'vatra-data-dir-'));
const withExecution = (dir: string) => {
  mkdirSync(join(dir, 'sfn', 'executions'), { recursive: true });
  writeFileSync(join(dir, 'sfn', 'executions', 'a.json'), '{}');
};

describe('prepareDataDir', () => {
  it('keeps a durable folder as it is: its database and its executions resume together', () => {
    const dir = folder();
    mkdirSync(join(dir, 'dynamodb'));
    withExecution(dir);
    prepareDataDir(dir, false);
    expect(readdirSync(join(dir, 'sfn', 'executions'))).toEqual(['a.json']);
  });

  it('refuses to start ephemeral on a folder that keeps a database, and changes nothing in it', () => {
    const dir = folder();
    mkdirSync(join(dir, 'dynamodb'));
    withExecution(dir);
    expect(() => prepareDataDir(dir, true)).toThrow(/VATRA_EPHEMERAL=1 nu pornește pe el/);
    expect(readdirSync(join(dir, 'sfn', 'executions'))).toEqual(['a.json']);
    expect(existsSync(join(dir, 'ephemeral'))).toBe(false);
  });

  it('starts ephemeral without executions, and a durable start after it drops what the ephemeral one left', () => {
    const dir = folder();
    withExecution(dir);
    prepareDataDir(dir, true);
    expect(existsSync(join(dir, 'sfn'))).toBe(false);
    // the ephemeral runtime ran workflows, then ended (or was killed)
    withExecution(dir);
    prepareDataDir(dir, false);
    expect(existsSync(join(dir, 'sfn'))).toBe(false);
    expect(existsSync(join(dir, 'ephemeral'))).toBe(false);
    // from then on the folder is durable: its executions stay
    withExecution(dir);
    prepareDataDir(dir, false);
    expect(readdirSync(join(dir, 'sfn', 'executions'))).toEqual(['a.json']);
  });
});
