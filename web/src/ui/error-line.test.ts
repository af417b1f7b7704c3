import { describe, expect, it } from 'vitest';
import { errorCount, errorLine } from './error-line.js';

describe('error summary lines', () => {
  it('puts the label before a message that does not name the field', () => {
    expect(errorLine('IBAN', 'Contul nu este valid.')).toBe('IBAN: Contul nu este valid.');
    expect(errorLine(undefined, 'Câmp obligatoriu')).toBe('Câmp obligatoriu');
  });

  it('does not repeat a label the message already names (case, diacritics, quotes ignored)', () => {
    expect(errorLine('Data nașterii', 'Data nașterii este după data sesizării.')).toBe('Data nașterii este după data sesizării.');
    expect(errorLine('Data nașterii *', 'Data „data nasterii” nu este o dată validă (format AAAA-LL-ZZ).')).toBe('Data „data nasterii” nu este o dată validă (format AAAA-LL-ZZ).');
    expect(errorLine('Motivul', 'Motivul: minimum 5 caractere')).toBe('Motivul: minimum 5 caractere');
    // a label that only starts a longer word is not a mention of the field
    expect(errorLine('Nume', 'Numele de familie lipsește')).toBe('Nume: Numele de familie lipsește');
  });

  it('counts the errors in Romanian plural forms', () => {
    expect(errorCount(1)).toBe('Formularul are o eroare');
    expect(errorCount(3)).toBe('Formularul are 3 erori');
    expect(errorCount(20)).toBe('Formularul are 20 de erori');
  });
});
