import type { FunctionDef } from '../manifest/functions.js';

/** Functions of the admin area (data protection). */
export const adminFunctions = [
  {
    name: 'api-admin',
    entry: 'functions/admin/index.ts',
    description: 'Parental consent and its withdrawal, the audit log (read, export), retention status',
    memoryMb: 512,
    timeoutSeconds: 15,
    // consent changes write the case (sealed fields) and its history; reading the audit log and auditing that read
    access: { main: 'readwrite', audit: ['append', 'read'], fieldKey: true },
  },
  {
    name: 'retention',
    entry: 'functions/admin/retention.ts',
    description: 'Daily anonymisation of cases closed longer than the retention period',
    memoryMb: 512,
    timeoutSeconds: 300,
    access: { main: 'readwrite', audit: ['append'], fieldKey: true },
  },
] as const satisfies readonly FunctionDef[];
