import type { RouteDef } from '../manifest/routes.js';

/** Routes of the subsidies area: the monthly subsidy runs, their lines, approval, the payment file, the budget. */
export const subsidiesRoutes = [
  { method: 'POST', path: '/subsidy-runs', function: 'api-subsidies', operation: 'startRun', auth: 'jwt', action: 'subsidy.run.start', summary: 'Pornește rularea lunară a subvenției pentru o lună încheiată' },
  { method: 'GET', path: '/subsidy-runs', function: 'api-subsidies', operation: 'listRuns', auth: 'jwt', action: 'subsidy.run.read', summary: 'Rulările lunare (stare, totaluri) și bugetul subvenției' },
  { method: 'GET', path: '/subsidy-runs/{runId}', function: 'api-subsidies', operation: 'getRun', auth: 'jwt', action: 'subsidy.run.read', summary: 'O rulare: etapa, progresul, totalurile, motivele de neeligibilitate, bugetul' },
  { method: 'GET', path: '/subsidy-runs/{runId}/lines', function: 'api-subsidies', operation: 'listRunLines', auth: 'jwt', action: 'subsidy.run.lines.read', summary: 'Liniile rulării (copii eligibili / neeligibili, ajustări) cu motivele, pe pagini' },
  { method: 'POST', path: '/subsidy-runs/{runId}/lines/{caseId}/override', function: 'api-subsidies', operation: 'overrideRunLine', auth: 'jwt', action: 'subsidy.run.decide', summary: 'Include sau exclude un copil din plată, cu motivare scrisă (înainte de aprobare)' },
  { method: 'POST', path: '/subsidy-runs/{runId}/approve', function: 'api-subsidies', operation: 'approveRun', auth: 'jwt', action: 'subsidy.run.decide', summary: 'Aprobă rularea: se înregistrează plățile și se generează fișierul de plată' },
  { method: 'POST', path: '/subsidy-runs/{runId}/reject', function: 'api-subsidies', operation: 'rejectRun', auth: 'jwt', action: 'subsidy.run.decide', summary: 'Respinge rularea (cu motiv); se poate porni o nouă rulare pentru lună' },
  { method: 'GET', path: '/subsidy-runs/{runId}/payment-file', function: 'api-subsidies', operation: 'getPaymentFile', auth: 'jwt', action: 'subsidy.payment_file', summary: 'Fișierul de plată al unei rulări aprobate (CSV, XLSX) sau pagina de rezumat pentru semnare (HTML)' },
  { method: 'GET', path: '/subsidies/budget', function: 'api-subsidies', operation: 'getSubsidyBudget', auth: 'jwt', action: 'subsidy.run.read', summary: 'Bugetul subvenției: plătit, angajat, rămas, avertizări la 80/90/100%' },
] as const satisfies readonly RouteDef[];
