import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { newRequestId } from './uuid.js';

describe('request ids', () => {
  it('are RFC 4122 version 4 UUIDs accepted by the referral schema (property over random bytes)', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
      const id = newRequestId((b) => {
        b.set(bytes);
        return b;
      });
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(z.string().uuid().safeParse(id).success).toBe(true);
    }));
  });

  it('differ between forms', () => {
    expect(newRequestId()).not.toBe(newRequestId());
  });
});
