/**
 * The reports area's public door: what other areas use. An area imports another only through its index.ts
 * (checked by dependency-cruiser, .dependency-cruiser.cjs); inside the area, modules import each other directly.
 */
export { reportingConfig } from './config.js';
export { suppressCount } from './suppression.js';
export type { Cell } from './suppression.js';
