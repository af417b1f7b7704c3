import type { ActionPolicy } from '../platform/auth/policy.js';

/**
 * Policy rows of the imports area. The template holds no personal data; running an import (dry run or for real)
 * reads and writes children's records of the coordinator's institution (rows of other institutions are refused by
 * shared/imports/plan.ts), so it is the coordinator's. The first bulk load runs from the command line
 * (scripts/import-caseload.ts) with the operator's own AWS credentials, outside this table.
 */
export const importsPolicy = {
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
