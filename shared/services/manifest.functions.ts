import type { FunctionDef } from '../manifest/functions.js';

/** Functions of the services area. */
export const servicesFunctions = [
  {
    name: 'api-services',
    entry: 'functions/services/index.ts',
    description: 'Service catalogue and places, enrolments and waiting lists, attendance sheets, session records, monthly participation summaries, month close and corrections',
    memoryMb: 512,
    timeoutSeconds: 29,
    // writes enrolments with their case history entry, registers and summaries, audits every read and write of a
    // child's register data, mails coordinators (capacity, waiting list); reads names and ethnicity (Roma counts)
    access: { main: 'readwrite', audit: ['append'], sendEmail: true, fieldKey: true },
  },
] as const satisfies readonly FunctionDef[];
