import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodRo } from './zod.js';

describe('zodRo', () => {
  it('switches the generic zod messages to Romanian, idempotently', () => {
    // Unit test files share a worker (vitest `isolate: false`), and zod keeps its configuration on globalThis, which an
    // earlier file may have set: start from zod's default messages, as a fresh Lambda container does.
    z.config({ localeError: undefined });
    const english = z.number().safeParse('x').error!.issues[0]!.message;
    expect(english).toMatch(/expected number/i);
    zodRo();
    zodRo();
    const romanian = z.number().safeParse('x').error!.issues[0]!.message;
    expect(romanian).not.toBe(english);
    expect(romanian).toMatch(/invalid|așteptat/i);
    expect(z.string().min(3).safeParse('a').error!.issues[0]!.message).toMatch(/caractere/);
    // messages written in our schemas stay as written
    expect(z.string().min(3, 'Prea scurt').safeParse('a').error!.issues[0]!.message).toBe('Prea scurt');
  });
});
