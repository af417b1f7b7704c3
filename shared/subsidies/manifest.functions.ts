import type { FunctionDef } from '../manifest/functions.js';

/** Functions of the subsidies area. */
export const subsidiesFunctions = [
  {
    name: 'api-subsidies',
    entry: 'functions/subsidies/index.ts',
    description: 'Monthly subsidy runs: start, progress, lines, include/exclude, approve/reject (resumes the workflow), payment file, budget',
    memoryMb: 1024,
    timeoutSeconds: 29,
    // starts monthly-run executions, answers their approval callback, audits reads of lines and every download,
    // sends the approval mail (outbox)
    access: { main: 'readwrite', audit: ['append'], startStateMachines: ['monthly-run'], sendTaskResults: true, sendEmail: true },
  },
  {
    name: 'wf-subsidy',
    entry: 'functions/subsidies/workflow.ts',
    description: 'Monthly run steps: claim, freeze, evaluate one page, summarize, approval request, ledger page, notify finance, failure',
    memoryMb: 1024,
    timeoutSeconds: 300,
    // reads cases, enrolments, summaries and the ledger; writes run items, lines, the ledger, corrections' status,
    // outbox mails; hands a decision recorded during a retried approval step to the new task token
    access: { main: 'readwrite', sendTaskResults: true, sendEmail: true },
  },
] as const satisfies readonly FunctionDef[];
