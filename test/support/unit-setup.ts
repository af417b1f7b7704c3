/**
 * Run before every unit test file. The unit files share their workers (`isolate: false` in vitest.config.ts), so
 * global state one file sets must not reach the next: the web's forms give zod a `customError` (the required-field
 * messages of web/src/lib/zod-setup.ts), which the server's schemas tested in a later file must not inherit. zod's
 * Romanian locale stays: every area sets it (`zodRo`), and it is what every file expects.
 */
import { afterAll } from 'vitest';
import { z } from 'zod';

afterAll(() => {
  z.config({ customError: undefined });
});
