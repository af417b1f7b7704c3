import type { FunctionDef } from '../manifest/functions.js';

export const coreFunctions = [
  {
    name: 'api-system',
    entry: 'functions/system/index.ts',
    description: 'Health, identity of the caller, OpenAPI document',
    memoryMb: 256,
    timeoutSeconds: 10,
    access: { main: 'readwrite' },
  },
  {
    name: 'api-cases',
    entry: 'functions/cases/index.ts',
    description: 'Referrals, case files, history, Observatorul registration',
    memoryMb: 512,
    timeoutSeconds: 15,
    access: { main: 'readwrite', audit: ['append'], startStateMachines: ['case-intake'], sendEmail: true, fieldKey: true, identityMac: true },
  },
  {
    name: 'api-tasks',
    entry: 'functions/tasks/index.ts',
    description: 'Task inbox, task forms (draft, submit), reassignment; resumes the waiting workflow',
    memoryMb: 512,
    timeoutSeconds: 15,
    access: { main: 'readwrite', audit: ['append'], sendTaskResults: true, sendEmail: true, fieldKey: true },
  },
  {
    name: 'wf-case',
    entry: 'functions/workflow/index.ts',
    description: 'Pathway workflow steps: open a human task, start the next execution, close a case',
    memoryMb: 512,
    timeoutSeconds: 30,
    access: { main: 'readwrite', startStateMachines: ['case-intake', 'review-cycle', 'reintegration', 'transfer', 'closure'], sendEmail: true, fieldKey: true },
  },
  {
    name: 'notifier',
    entry: 'functions/notifications/index.ts',
    description: 'Daily reminders (due soon, overdue), digests, retries of pending mails and workflow resumes',
    memoryMb: 512,
    timeoutSeconds: 300,
    access: { main: 'readwrite', sendTaskResults: true, sendEmail: true, fieldKey: true },
  },
] as const satisfies readonly FunctionDef[];
