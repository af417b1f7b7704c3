import type { FunctionDef } from '../functions.js';

/** Functions of the services area. */
export const servicesFunctions: readonly FunctionDef[] = [];
