import type { RouteDef } from '../routes.js';

/** Routes of the services area. */
export const servicesRoutes: readonly RouteDef[] = [];
