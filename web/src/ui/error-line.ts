/**
 * One line of a form's error summary: „Eticheta: mesajul”, unless the message already names the field
 * („Data nașterii este după data sesizării.” under „Data nașterii”), so the label is not read twice.
 * The comparison ignores case, diacritics and punctuation (ș/ş, quotes, the asterisk of a required field).
 */
import { countRo } from '../../../shared/platform/i18n/plural.js';

const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('ro-RO').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export function errorLine(label: string | undefined, message: string): string {
  if (!label) return message;
  const l = fold(label);
  if (l && ` ${fold(message)} `.includes(` ${l} `)) return message;
  return `${label}: ${message}`;
}

/** „Formularul are o eroare”, „… 3 erori”, „… 20 de erori”. */
export function errorCount(n: number): string {
  return n === 1 ? 'Formularul are o eroare' : `Formularul are ${countRo(n, { one: 'eroare', many: 'erori' })}`;
}
