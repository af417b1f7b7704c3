import type { FunctionDef } from '../manifest/functions.js';

/** Functions of the reports area. */
export const reportsFunctions = [
  {
    name: 'api-reports',
    entry: 'functions/reports/index.ts',
    description: 'Project indicators (dashboard, drill-down, XLSX/CSV), the Roma local plan with quarterly progress, the quarterly report, identity documents (6.1)',
    memoryMb: 1024,
    timeoutSeconds: 29,
    // reads every case (decrypts ethnicity for aggregates), writes progress entries, identity-document records with
    // their case history entry, and audits exports
    access: { main: 'readwrite', audit: ['append'], fieldKey: true },
  },
] as const satisfies readonly FunctionDef[];
