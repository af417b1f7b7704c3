/**
 * Romanian plural forms through Intl.PluralRules('ro'): 1 obiectiv · 2 obiective · 20 de obiective · 101 obiective.
 * Romanian has three categories: `one` (1), `few` (0, 2–19 and the numbers whose last two digits are 01–19, such as
 * 101) and `other` (20–100, 120, 1000 …), which takes „de” between the number and the noun.
 * Used by the web pages and the reports, so a count reads the same everywhere.
 */
import { numberRo, pluralRulesRo } from './intl.js';

const rules = { select: (n: number) => pluralRulesRo().select(n) };
const numbers = { format: (n: number) => numberRo().format(n) };

export interface Noun {
  /** the singular after „1”: „obiectiv”, „caz”, „sarcină” */
  one: string;
  /** the plural: „obiective”, „cazuri”, „sarcini” */
  many: string;
  /** the phrase for exactly one when it is written in words: „un caz”, „o sarcină” (default „1 <one>”) */
  single?: string;
}

/** The Intl plural category of a whole number in Romanian: 'one' | 'few' | 'other'. */
export function pluralCategory(n: number): Intl.LDMLPluralRule {
  return rules.select(n);
}

/** „1 obiectiv”, „2 servicii”, „20 de copii”; with `words: true` the singular is written in words („un caz alocat”). */
export function countRo(n: number, noun: Noun, opts: { words?: boolean } = {}): string {
  const category = rules.select(n);
  if (category === 'one') return opts.words && noun.single ? noun.single : `${numbers.format(n)} ${noun.one}`;
  return `${numbers.format(n)} ${category === 'other' ? 'de ' : ''}${noun.many}`;
}

/** „3 din 20 de copii”: a part of a whole, the noun agreeing with the whole. */
export function partOf(part: number, whole: number, noun: Noun): string {
  return `${numbers.format(part)} din ${countRo(whole, noun)}`;
}

/** Nouns the UI and the reports count. */
export const nouns = {
  case: { one: 'caz', many: 'cazuri', single: 'un caz' },
  child: { one: 'copil', many: 'copii', single: 'un copil' },
  task: { one: 'sarcină', many: 'sarcini', single: 'o sarcină' },
  objective: { one: 'obiectiv', many: 'obiective', single: 'un obiectiv' },
  service: { one: 'serviciu', many: 'servicii', single: 'un serviciu' },
  month: { one: 'lună', many: 'luni', single: 'o lună' },
  day: { one: 'zi', many: 'zile', single: 'o zi' },
  session: { one: 'ședință', many: 'ședințe', single: 'o ședință' },
  row: { one: 'rând', many: 'rânduri', single: 'un rând' },
  year: { one: 'an', many: 'ani', single: 'un an' },
  action: { one: 'acțiune', many: 'acțiuni', single: 'o acțiune' },
  line: { one: 'linie', many: 'linii', single: 'o linie' },
  record: { one: 'înregistrare', many: 'înregistrări', single: 'o înregistrare' },
  place: { one: 'loc', many: 'locuri', single: 'un loc' },
  payment: { one: 'plată', many: 'plăți', single: 'o plată' },
  change: { one: 'modificare', many: 'modificări', single: 'o modificare' },
} as const satisfies Record<string, Noun>;
