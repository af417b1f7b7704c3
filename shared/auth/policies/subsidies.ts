import type { ActionPolicy } from '../policy.js';

/** Policy rows of the subsidies area. */
export const subsidiesPolicy: Record<string, ActionPolicy> = {};
