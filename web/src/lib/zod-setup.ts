/**
 * Zod speaks Romanian in the browser as on the server (the `ro` locale). A field left empty arrives as undefined (see
 * prune in form.ts): staff get "Completați acest câmp" / "Alegeți o opțiune" instead of a type error.
 * Called once by lib/form.ts, the module every browser validation goes through (pages load on demand).
 */
import { z } from 'zod';
// the one locale only: `z.locales` would bundle every language zod has
import ro from 'zod/v4/locales/ro.js';

export const REQUIRED_MESSAGE = 'Completați acest câmp.';
export const CHOOSE_MESSAGE = 'Alegeți o opțiune.';

export function configureZod(): void {
  z.config(ro());
  z.config({
    customError: (iss) => {
      if (iss.input !== undefined) return undefined;
      return iss.code === 'invalid_value' ? CHOOSE_MESSAGE : REQUIRED_MESSAGE;
    },
  });
}
