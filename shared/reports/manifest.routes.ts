import type { RouteDef } from '../manifest/routes.js';

/** Routes of the reports area: project indicators, the Roma local plan, the quarterly report, identity documents (6.1). */
export const reportsRoutes = [
  { method: 'GET', path: '/reports/indicators', function: 'api-reports', operation: 'getIndicators', auth: 'jwt', action: 'report.indicators.read', summary: 'Indicatorii proiectului la o dată (tablou de bord, grafice)' },
  { method: 'GET', path: '/reports/indicators/export', function: 'api-reports', operation: 'exportIndicators', auth: 'jwt', action: 'report.export', summary: 'Descarcă indicatorii proiectului (XLSX sau CSV), cu numerele mici suprimate' },
  { method: 'GET', path: '/reports/indicators/{indicatorId}/cases', function: 'api-reports', operation: 'getIndicatorCases', auth: 'jwt', action: 'report.drilldown', summary: 'Cazurile din spatele unui indicator' },
  { method: 'GET', path: '/reports/quarterly/{quarter}', function: 'api-reports', operation: 'getQuarterlyReport', auth: 'jwt', action: 'report.export', summary: 'Raportul trimestrial pentru comitetul de coordonare (HTML de tipărit sau XLSX)' },
  { method: 'GET', path: '/roma-plan', function: 'api-reports', operation: 'listRomaPlans', auth: 'jwt', action: 'roma_plan.read', summary: 'Anii pentru care există un plan local pentru romi' },
  { method: 'GET', path: '/roma-plan/{year}', function: 'api-reports', operation: 'getRomaPlan', auth: 'jwt', action: 'roma_plan.read', summary: 'Planul local pentru romi cu stadiul fiecărei acțiuni' },
  { method: 'GET', path: '/roma-plan/{year}/progress', function: 'api-reports', operation: 'listRomaProgress', auth: 'jwt', action: 'roma_plan.read', summary: 'Istoricul raportărilor de progres' },
  { method: 'POST', path: '/roma-plan/{year}/progress', function: 'api-reports', operation: 'recordRomaProgress', auth: 'jwt', action: 'roma_plan.progress.write', summary: 'Raportează progresul trimestrial al unei acțiuni' },
  { method: 'GET', path: '/roma-plan/{year}/export', function: 'api-reports', operation: 'exportRomaPlan', auth: 'jwt', action: 'roma_plan.export', summary: 'Descarcă stadiul planului local pentru romi (XLSX, CSV sau HTML de tipărit)' },
  { method: 'GET', path: '/roma-plan/{year}/actions/{actionId}/cases', function: 'api-reports', operation: 'getRomaActionCases', auth: 'jwt', action: 'report.drilldown', summary: 'Cazurile numărate într-o acțiune calculată a planului' },
  { method: 'POST', path: '/cases/{caseId}/identity-documents', function: 'api-reports', operation: 'recordIdentityDocument', auth: 'jwt', action: 'case.identity_documents.write', summary: 'Consemnează actele de identitate / stare civilă obținute cu sprijinul cazului' },
] as const satisfies readonly RouteDef[];
