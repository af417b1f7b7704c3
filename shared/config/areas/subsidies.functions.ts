import type { FunctionDef } from '../functions.js';

/** Functions of the subsidies area. */
export const subsidiesFunctions: readonly FunctionDef[] = [];
