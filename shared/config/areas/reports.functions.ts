import type { FunctionDef } from '../functions.js';

/** Functions of the reports area. */
export const reportsFunctions: readonly FunctionDef[] = [];
