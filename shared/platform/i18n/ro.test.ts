import { describe, expect, it } from 'vitest';
import { coded, messages, msg } from './ro.js';

describe('Romanian messages', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(msg('CNP_COUNTY', { county: '99' })).toBe('Codul de județ din CNP (99) nu este un cod valid.');
    expect(msg('AGE_LIMIT', { limit: 18 })).toContain('sub 18 ani');
    expect(msg('CNP_COUNTY')).toContain('{county}');
    expect(coded('IBAN_NOT_RO')).toEqual({ code: 'IBAN_NOT_RO', message: messages.IBAN_NOT_RO });
  });

  it('uses UPPER_SNAKE codes and comma-below ș ț, never the cedilla forms', () => {
    for (const [code, text] of Object.entries(messages)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(text).not.toMatch(/[şţŞŢ]/);
      expect(text.trim()).toBe(text);
    }
  });
});
