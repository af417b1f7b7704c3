/**
 * One temporary folder for the whole run, removed at its end: the run's processes (test workers, the runtimes they
 * start, chromium, the import CLI) inherit it as TMPDIR, so the data folders, keys, workbooks and browser profiles the
 * tests create under `os.tmpdir()` do not pile up in /tmp run after run. The global setup of every project lists this
 * file first (vitest tears a project's setups down in reverse, so the runtimes are stopped before); the first setup
 * creates the folder before any worker starts (they inherit the environment), the last teardown removes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KEY = Symbol.for('vatra.test.temp-dir');
const holder = globalThis as { [KEY]?: { dir?: string; users: number } };
holder[KEY] ??= { users: 0 };
const state = holder[KEY];

export function setup() {
  state.users += 1;
  if (state.dir) return;
  state.dir = mkdtempSync(join(tmpdir(), 'vatra-test-run-'));
  process.env.TMPDIR = state.dir;
}

export function teardown() {
  state.users -= 1;
  if (state.users > 0 || !state.dir) return;
  rmSync(state.dir, { recursive: true, force: true });
}
