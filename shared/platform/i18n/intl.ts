/**
 * The ro-RO `Intl` formats Vatra uses, each built on its first use: the first `Intl.NumberFormat` or
 * `DateTimeFormat` of a process starts ICU (~20 ms of CPU), which a Lambda's import should not pay and a request that
 * formats no number never pays (docs/decisions/018-performance.md).
 */
function onFirstUse<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => {
    if (made === undefined) made = make();
    return made;
  };
}

/** 1.725.600,00: ro-RO grouping and decimal comma, always two decimals (lei). */
export const twoDecimalsRo = onFirstUse(() => new Intl.NumberFormat('ro-RO', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: 'always' }));
/** 1.725.600: a whole number with ro-RO grouping. */
export const integerRo = onFirstUse(() => new Intl.NumberFormat('ro-RO', { maximumFractionDigits: 0, useGrouping: 'always' }));
/** A whole number as ro-RO writes it by default (grouping from five digits: 1725 · 17.256). */
export const numberRo = onFirstUse(() => new Intl.NumberFormat('ro-RO', { maximumFractionDigits: 0 }));
/** Romanian plural categories: one · few · other. */
export const pluralRulesRo = onFirstUse(() => new Intl.PluralRules('ro-RO'));
