/**
 * Small-count suppression for figures about ethnicity. A count below the threshold is replaced by „<5” in every
 * output that leaves the project team. Where parts add up to a shown total (a figure split by institution), one
 * suppressed part could be recovered by subtraction, so a second part is suppressed with it (complementary
 * suppression). Pure functions; the threshold comes from shared/reports/config.ts.
 */
import { reportingConfig } from './config.js';

export interface Cell {
  /** null when suppressed */
  value: number | null;
  suppressed: boolean;
  /** what a reader sees: the number, or „<5” */
  display: string;
}

const threshold = () => reportingConfig.suppressionThreshold.value;
const label = () => reportingConfig.suppressedLabel;

export const isSmallCount = (n: number, min = threshold()): boolean => n < min;

export function shownCell(value: number, format: (n: number) => string = String): Cell {
  return { value, suppressed: false, display: format(value) };
}

export function suppressedCell(): Cell {
  return { value: null, suppressed: true, display: label() };
}

/** One count: suppressed when it is about ethnicity and below the threshold. */
export function suppressCount(value: number, involvesEthnicity: boolean, min = threshold()): Cell {
  return involvesEthnicity && isSmallCount(value, min) ? suppressedCell() : shownCell(value);
}

/**
 * A total and its additive parts (e.g. the Roma children of the target group by institution). Primary suppression
 * of every small cell; then, while the total is shown and exactly one part is hidden, the smallest shown part is
 * hidden too, so no hidden part can be worked out by subtraction.
 */
export function suppressSmallCounts<K extends string>(
  total: number,
  parts: Readonly<Record<K, number>>,
  involvesEthnicity: boolean,
  min = threshold(),
): { total: Cell; parts: Record<K, Cell> } {
  const entries = Object.entries(parts) as [K, number][];
  if (!involvesEthnicity) {
    return { total: shownCell(total), parts: Object.fromEntries(entries.map(([k, v]) => [k, shownCell(v)])) as Record<K, Cell> };
  }
  const hidden = new Set<K>(entries.filter(([, v]) => isSmallCount(v, min)).map(([k]) => k));
  const totalHidden = isSmallCount(total, min);
  if (!totalHidden && hidden.size === 1 && entries.length > 1) {
    const next = entries.filter(([k]) => !hidden.has(k)).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
    if (next) hidden.add(next[0]);
  }
  return {
    total: totalHidden ? suppressedCell() : shownCell(total),
    parts: Object.fromEntries(entries.map(([k, v]) => [k, hidden.has(k) ? suppressedCell() : shownCell(v)])) as Record<K, Cell>,
  };
}
