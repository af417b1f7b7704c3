/**
 * What a Lambda bundle reads as `zod` (infra/constructs/bundling.ts `zodJitless`): zod itself, configured before any
 * schema is built or parsed to validate without generating code (`jitless`). zod 4 otherwise compiles each object
 * schema with `new Function` on its first parse — and the configuration tables (catalogue, project, institutions,
 * subsidy rules) are parsed when their modules load, so every cold start paid for those compilations. Measured in
 * docs/decisions/018-performance.md. The local runtime and the tests use zod as it comes: same results, only speed
 * differs.
 */
import * as z from 'zod';

z.config({ jitless: true });

export * from 'zod';
