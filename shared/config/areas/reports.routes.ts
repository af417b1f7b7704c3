import type { RouteDef } from '../routes.js';

/** Routes of the reports area. */
export const reportsRoutes: readonly RouteDef[] = [];
