/**
 * What a Lambda bundle reads as `zod` (infra/constructs/bundling.ts `zodJitless`): zod itself, configured before any
 * schema is built or parsed to validate without generating code (`jitless`). zod 4 otherwise compiles each object
 * schema with `new Function` on its first parse, which a cold start pays for every schema its first request parses
 * (measured in docs/decisions/018-performance.md). The local runtime and the tests use zod as it comes: same
 * results, only speed differs.
 */
import * as z from 'zod';

z.config({ jitless: true });

export * from 'zod';
