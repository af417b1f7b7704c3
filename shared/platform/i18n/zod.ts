/**
 * Zod 4 in Romanian: the built-in `ro` locale for the generic messages (our schemas keep their own wording).
 * The locale is imported by its own path, never through `z.locales`: that namespace drags all 64 locales of zod into
 * every Lambda bundle (258 KB) — see docs/decisions/018-performance.md.
 */
import { z } from 'zod';
import ro from 'zod/v4/locales/ro.js';

let configured = false;

/** Switch zod's default error messages to Romanian. Idempotent: the global configuration is set only once. */
export function zodRo(): void {
  if (configured) return;
  z.config(ro());
  configured = true;
}
