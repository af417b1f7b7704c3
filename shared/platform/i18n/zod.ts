/** Zod 4 in Romanian: the built-in `ro` locale for the generic messages (our schemas keep their own wording). */
import { z } from 'zod';

let configured = false;

/** Switch zod's default error messages to Romanian. Idempotent: the global configuration is set only once. */
export function zodRo(): void {
  if (configured) return;
  z.config(z.locales.ro());
  configured = true;
}
