import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodRo } from './zod.js';

describe('zodRo', () => {
  it('switches the generic zod messages to Romanian, idempotently', () => {
    const english = z.number().safeParse('x').error!.issues[0]!.message;
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
