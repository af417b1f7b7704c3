import type { FunctionDef } from '../functions.js';

/** Functions of the imports area. */
export const importsFunctions: readonly FunctionDef[] = [];
