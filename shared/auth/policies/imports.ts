import type { ActionPolicy } from '../policy.js';

/** Policy rows of the imports area. */
export const importsPolicy: Record<string, ActionPolicy> = {};
