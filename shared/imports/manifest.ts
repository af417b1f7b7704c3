/**
 * The imports area's manifest: its Lambda functions, its HTTP routes and the policy rows of its actions. Data only
 * (platform types, no area code): shared/manifest/ gathers every area's manifest for CDK (infra/) and the local
 * runtime (local/), and the platform's auth engine is handed the gathered policy table.
 */
import type { FunctionDef } from '../platform/functions.js';
import type { RouteDef } from '../platform/http/routes.js';
import type { ActionPolicy } from '../platform/auth/policy.js';

// ── Functions ──────────────────────────────────────────────────────────────────────────────────────────────────────
/** Functions of the imports area. */
export const functions = [
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

// ── Routes ─────────────────────────────────────────────────────────────────────────────────────────────────────────
/** Routes of the imports area (the caseload kept in spreadsheets before Vatra, issue 10). */
export const routes = [
  { method: 'GET', path: '/imports/template', function: 'api-imports', operation: 'getTemplate', auth: 'jwt', action: 'import.template', summary: 'Șablonul XLSX pentru importul cazurilor existente' },
  { method: 'POST', path: '/imports/dry-run', function: 'api-imports', operation: 'dryRun', auth: 'jwt', action: 'import.run', summary: 'Verifică un fișier de import: raport pe rând, nu scrie nimic' },
  { method: 'POST', path: '/imports', function: 'api-imports', operation: 'runImport', auth: 'jwt', action: 'import.run', summary: 'Importă cazurile acceptate dintr-un fișier (fiecare caz complet sau deloc; reimportul nu schimbă nimic)' },
] as const satisfies readonly RouteDef[];

// ── Policy ─────────────────────────────────────────────────────────────────────────────────────────────────────────
/**
 * Policy rows of the imports area. The template holds no personal data; running an import (dry run or for real)
 * reads and writes children's records of the coordinator's institution (rows of other institutions are refused by
 * shared/imports/plan.ts), so it is the coordinator's. The first bulk load runs from the command line
 * (scripts/import-caseload.ts) with the operator's own AWS credentials, outside this table.
 */
export const policy = {
  'import.template': {
    description: 'Descărcarea șablonului de import al cazurilor existente',
    caseScoped: false,
    grants: { coordinator: 'any', project_manager: 'any' },
  },
  'import.run': {
    description: 'Importul cazurilor existente dintr-un fișier Excel (verificare și import)',
    caseScoped: false,
    grants: { coordinator: 'any' },
  },
} satisfies Record<string, ActionPolicy>;
