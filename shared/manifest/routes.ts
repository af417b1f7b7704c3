/**
 * The one list of HTTP API routes, gathered from every area's manifest (shared/<area>/manifest.ts). CDK adds each to
 * the HTTP API; the local runtime's HTTP server matches the same list. Types and matching live in the platform
 * (shared/platform/http/routes.ts).
 */
import type { RouteDef } from '../platform/http/routes.js';
import * as cases from '../cases/manifest.js';
import * as services from '../services/manifest.js';
import * as subsidies from '../subsidies/manifest.js';
import * as reports from '../reports/manifest.js';
import * as imports from '../imports/manifest.js';
import * as protection from '../protection/manifest.js';

export { matchRoute, routeKey, type HttpMethod, type RouteDef } from '../platform/http/routes.js';

/** All routes, area by area. */
export const routes: readonly RouteDef[] = [
  ...cases.routes,
  ...services.routes,
  ...subsidies.routes,
  ...reports.routes,
  ...imports.routes,
  ...protection.routes,
];
