/**
 * The Roma local plans, one JSON file per year (see README.md). A new year: add `YYYY.json` beside 2026.json,
 * its source text under sources/, and one line to `sources` below.
 *
 * Each year is a dynamic import: bundled, it is a chunk of its own that a Lambda reads only when a request needs
 * the plan (~62 KB that the cold start of api-reports no longer pays; docs/decisions/018-performance.md).
 */
import { createRomaPlanRegistry } from './loader.js';

const registry = createRomaPlanRegistry({
  2026: () => import('./2026.json', { with: { type: 'json' } }).then((m) => m.default),
});

export const loadRomaPlan = registry.loadRomaPlan;
export const listPlanYears = registry.listPlanYears;
export { createRomaPlanRegistry, parseRomaPlan } from './loader.js';
export type { RomaPlanRegistry, RomaPlanSources } from './loader.js';
