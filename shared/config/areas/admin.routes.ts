import type { RouteDef } from '../routes.js';

/** Routes of the admin area. */
export const adminRoutes: readonly RouteDef[] = [];
