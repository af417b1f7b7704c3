import type { RouteDef } from '../routes.js';

/** Routes of the imports area. */
export const importsRoutes: readonly RouteDef[] = [];
