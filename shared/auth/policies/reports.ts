import type { ActionPolicy } from '../policy.js';

/** Policy rows of the reports area. */
export const reportsPolicy: Record<string, ActionPolicy> = {};
