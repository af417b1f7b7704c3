import type { RouteDef } from '../routes.js';

/** Routes of the subsidies area. */
export const subsidiesRoutes: readonly RouteDef[] = [];
