import type { ActionPolicy } from '../policy.js';

/** Policy rows of the admin area. */
export const adminPolicy: Record<string, ActionPolicy> = {};
