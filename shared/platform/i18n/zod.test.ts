import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

describe('zodRo', () => {
  it('switches the generic zod messages to Romanian, idempotently', async () => {
    // Unit test files share a worker (vitest `isolate: false`), and zod keeps its configuration on globalThis: start
    // from zod's default messages and a module that has not configured it yet, as a fresh Lambda container does.
    z.config({ localeError: undefined });
    vi.resetModules();
    const { zodRo } = await import('./zod.js');
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
