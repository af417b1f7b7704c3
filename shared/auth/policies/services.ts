import type { ActionPolicy } from '../policy.js';

/** Policy rows of the services area. */
export const servicesPolicy: Record<string, ActionPolicy> = {};
