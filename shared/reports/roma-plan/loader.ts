/**
 * Validates yearly Roma plan datasets against the domain schema and serves them by year. The datasets are handed
 * in (index.ts imports the JSON files), so the same code runs bundled in Lambda and locally, and tests can feed
 * their own sources.
 */
import { ConfigurationError, Refusal } from '../../platform/errors.js';
import { romaPlanSchema, type RomaPlan } from './plan.js';

/** A year's dataset, or a function that loads it (a dynamic import: read only when the year is asked for). */
export type RomaPlanSources = Readonly<Record<number, unknown>>;

export interface RomaPlanRegistry {
  /** the validated plan for a year; Refusal not_found ROMA_PLAN_NOT_FOUND when there is none */
  loadRomaPlan(year: number): Promise<RomaPlan>;
  /** the years that have a plan, ascending */
  listPlanYears(): number[];
}

/** Parses one dataset; a dataset that does not fit the schema is a configuration bug (ConfigurationError ROMA_PLAN_INVALID). */
export function parseRomaPlan(raw: unknown, expectedYear: number): RomaPlan {
  const parsed = romaPlanSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(rădăcină)'}: ${i.message}`);
    throw new ConfigurationError('ROMA_PLAN_INVALID', `Planul local pentru romi pentru anul ${expectedYear} nu este valid: ${issues.join('; ')}`, { year: expectedYear, issues });
  }
  if (parsed.data.year !== expectedYear) {
    throw new ConfigurationError('ROMA_PLAN_INVALID', `Fișierul planului pentru anul ${expectedYear} conține planul pentru anul ${parsed.data.year}.`, { year: expectedYear });
  }
  return deepFreeze(parsed.data);
}

export function createRomaPlanRegistry(sources: RomaPlanSources): RomaPlanRegistry {
  const years = Object.keys(sources).map(Number).sort((a, b) => a - b);
  const cache = new Map<number, RomaPlan>();
  return {
    listPlanYears: () => [...years],
    async loadRomaPlan(year) {
      const cached = cache.get(year);
      if (cached) return cached;
      if (!Number.isInteger(year) || !years.includes(year)) {
        const available = years.length ? years.join(', ') : 'niciunul';
        throw new Refusal('not_found', 'ROMA_PLAN_NOT_FOUND', `Nu există un plan local pentru romi pentru anul ${year}. Ani disponibili: ${available}.`, [], { year });
      }
      const source = sources[year];
      const plan = parseRomaPlan(typeof source === 'function' ? await (source as () => Promise<unknown>)() : source, year);
      cache.set(year, plan);
      return plan;
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
