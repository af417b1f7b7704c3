import type { RouteDef } from '../manifest/routes.js';

/** Routes of the imports area (the caseload kept in spreadsheets before Vatra, issue 10). */
export const importsRoutes = [
  { method: 'GET', path: '/imports/template', function: 'api-imports', operation: 'getTemplate', auth: 'jwt', action: 'import.template', summary: 'Șablonul XLSX pentru importul cazurilor existente' },
  { method: 'POST', path: '/imports/dry-run', function: 'api-imports', operation: 'dryRun', auth: 'jwt', action: 'import.run', summary: 'Verifică un fișier de import: raport pe rând, nu scrie nimic' },
  { method: 'POST', path: '/imports', function: 'api-imports', operation: 'runImport', auth: 'jwt', action: 'import.run', summary: 'Importă cazurile acceptate dintr-un fișier (fiecare caz complet sau deloc; reimportul nu schimbă nimic)' },
] as const satisfies readonly RouteDef[];
