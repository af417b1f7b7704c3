/**
 * The calendar is the only module that knows the time zone and splits instants into days: this test fails when any
 * other source file names the zone in code or slices a day or month out of a UTC ISO string.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..');
const DIRS = ['shared', 'functions', 'local', 'web/src', 'infra', 'workflows', 'test', 'bench', 'scripts'];
const CALENDAR = ['shared/platform/calendar.ts', 'shared/platform/calendar.test.ts', 'shared/platform/calendar/'];

function sources(dir: string): string[] {
  const abs = join(ROOT, dir);
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const p = join(abs, n);
    if (statSync(p).isDirectory()) return n === 'node_modules' || n === 'dist' ? [] : sources(join(dir, n));
    return /\.(ts|tsx|js|mjs)$/.test(n) ? [join(dir, n)] : [];
  });
}

/** Code without comments (a comment may explain that days are Bucharest days). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, '')).replace(/(^|[^:])\/\/.*$/gm, '$1');

const offending = (pattern: RegExp) =>
  DIRS.flatMap(sources)
    .filter((f) => !CALENDAR.some((c) => f === c || f.startsWith(c)))
    .flatMap((f) =>
      code(readFileSync(join(ROOT, f), 'utf8'))
        .split('\n')
        .map((line, i) => ({ where: `${relative(ROOT, join(ROOT, f))}:${i + 1}`, line: line.trim() }))
        .filter((x) => pattern.test(x.line)),
    );

describe('one calendar', () => {
  it('names the time zone nowhere but in shared/platform/calendar', () => {
    expect(offending(/Europe\/Bucharest/)).toEqual([]);
  });

  it('lets no test or support code take a day or month from a UTC ISO string', () => {
    expect(offending(/toISOString\(\)\.slice\(0, (10|7)\)/).filter((x) => x.where.startsWith('test/') || /\.test\.tsx?:/.test(x.where))).toEqual([]);
  });
});
