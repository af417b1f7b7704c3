/**
 * Zod 4 in Romanian: the built-in `ro` locale for the generic messages (our schemas keep their own wording).
 * The locale is imported by its own path, never through `z.locales`: that namespace drags all 64 locales of zod into
 * every Lambda bundle (258 KB) — see docs/decisions/018-performance.md.
 */
import { z } from 'zod';
import ro from 'zod/v4/locales/ro.js';

let romanian: ReturnType<typeof ro> | undefined;

/**
 * Switch zod's default error messages to Romanian. Idempotent: the global configuration (on globalThis, shared by
 * every copy of zod in the process) is set only when it does not already hold these messages.
 */
export function zodRo(): void {
  romanian ??= ro();
  if (z.config().localeError === romanian.localeError) return;
  z.config(romanian);
}
