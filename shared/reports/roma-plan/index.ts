/**
 * The Roma local plans, one JSON file per year (see README.md). A new year: add `YYYY.json` beside 2026.json,
 * its source text under sources/, and one line to `sources` below.
 */
import plan2026 from './2026.json' with { type: 'json' };
import { createRomaPlanRegistry } from './loader.js';

const registry = createRomaPlanRegistry({
  2026: plan2026,
});

export const loadRomaPlan = registry.loadRomaPlan;
export const listPlanYears = registry.listPlanYears;
export { createRomaPlanRegistry, parseRomaPlan } from './loader.js';
export type { RomaPlanRegistry, RomaPlanSources } from './loader.js';
