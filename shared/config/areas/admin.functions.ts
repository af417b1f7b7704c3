import type { FunctionDef } from '../functions.js';

/** Functions of the admin area. */
export const adminFunctions: readonly FunctionDef[] = [];
