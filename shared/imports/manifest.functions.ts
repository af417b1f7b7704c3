import type { FunctionDef } from '../manifest/functions.js';

/** Functions of the imports area. */
export const importsFunctions = [
  {
    name: 'api-imports',
    entry: 'functions/imports/index.ts',
    description: 'Import of the existing caseload from spreadsheets: template, dry run, import; starts the workflow of each imported case',
    // exceljs holds the whole workbook in memory; an import writes a few cases at a time until its time budget
    memoryMb: 1024,
    timeoutSeconds: 29,
    access: { main: 'readwrite', audit: ['append'], startStateMachines: ['case-intake', 'review-cycle'], fieldKey: true, identityMac: true },
  },
] as const satisfies readonly FunctionDef[];
