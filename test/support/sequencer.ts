/**
 * The order files start in (issue #21): the longest integration files first, so that the suite's wall time is not one
 * of them started last. vitest's own order starts whole projects in name order (infra, integration, unit), and within
 * a project the files its cache knows as slow — a fresh clone (CI) has no cache. The list below is measured (decision
 * 018, Session 7): a file missing from it starts after these, in vitest's order; groups (`sequence.groupOrder`) stay
 * as they are.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const LONGEST_FIRST = [
  'test/integration/fuzz.test.ts',
  'test/integration/subsidy-kill.test.ts',
  'test/integration/subsidy.test.ts',
  // two dependency-cruiser passes over the tree (~20 s of one core without its cache, ~5 s with it): started last, it
  // was the tail of group 0
  'shared/boundaries.test.ts',
  'test/integration/demo.test.ts',
  'test/integration/import.test.ts',
  'test/integration/authz.test.ts',
  'test/integration/privacy.test.ts',
  'test/integration/restart.test.ts',
  'test/integration/services.test.ts',
  'test/integration/month-completion.test.ts',
  'test/integration/reports.test.ts',
  'test/integration/subsidy-empty.test.ts',
  'test/integration/pathway.test.ts',
  'test/integration/notifications.test.ts',
  // group 1 (e2e, two files at a time): the longest first
  'test/e2e/roles.e2e.test.ts',
  'test/e2e/pathway.e2e.test.ts',
  'test/e2e/shell.e2e.test.ts',
];

const rank = (spec: TestSpecification) => {
  const i = LONGEST_FIRST.findIndex((f) => spec.moduleId.endsWith(`/${f}`));
  return i === -1 ? LONGEST_FIRST.length : i;
};

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const position = new Map(sorted.map((s, i) => [s, i]));
    return [...sorted].sort((a, b) =>
      a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder || rank(a) - rank(b) || position.get(a)! - position.get(b)!);
  }
}
