/**
 * Every page of the SPA in one table: address pattern, the policy action it needs (from GET /api/me `actions`), its
 * menu entry, and the module that holds it (loaded on demand, see ui/lazy.tsx: the first page ships only the shell).
 * The menu shows an entry only to users holding its action; a user opening a page without the action gets the
 * "Nu aveți acces" page. web/src/route-pages.ts says which page calls each API route (checked by a test).
 */
import type { ComponentChildren } from 'preact';
import type { AppServices } from './lib/app-context.js';
import { Lazy } from './ui/lazy.js';

// one loader per module: esbuild makes each a chunk of its own
const L = {
  home: () => import('./pages/home.js'),
  inbox: () => import('./pages/inbox.js'),
  task: () => import('./pages/task.js'),
  cases: () => import('./pages/cases.js'),
  case: () => import('./pages/case.js'),
  referral: () => import('./pages/referral.js'),
  attendance: () => import('./pages/attendance.js'),
  sessions: () => import('./pages/sessions.js'),
  subsidyRuns: () => import('./pages/subsidy-runs.js'),
  subsidyRun: () => import('./pages/subsidy-run.js'),
  dashboard: () => import('./pages/dashboard.js'),
  reports: () => import('./pages/reports.js'),
  romaPlan: () => import('./pages/roma-plan.js'),
  months: () => import('./pages/months.js'),
  closures: () => import('./pages/closures.js'),
  admin: () => import('./pages/admin.js'),
  import: () => import('./pages/import.js'),
  notifications: () => import('./pages/notifications.js'),
  preferences: () => import('./pages/preferences.js'),
};

export type PageKey =
  | 'home' | 'inbox' | 'task' | 'cases' | 'case' | 'referral' | 'notifications' | 'preferences' | 'subsidy-runs' | 'subsidy-run'
  | 'dashboard' | 'reports' | 'indicator-cases' | 'roma-plan' | 'roma-action-cases' | 'months' | 'closures' | 'attendance' | 'attendance-sheet'
  | 'sessions' | 'sessions-service' | 'import' | 'audit' | 'retention' | 'staff' | 'outbox';

export type MenuGroup = 'cases' | 'services' | 'subsidies' | 'reports' | 'admin';

/** The menu's groups, in order, with their labels (a long menu shows them as disclosure menus: ui/menu.tsx). */
export const menuGroups: readonly { key: MenuGroup; label: string }[] = [
  { key: 'cases', label: 'Cazuri' },
  { key: 'services', label: 'Servicii' },
  { key: 'subsidies', label: 'Subvenții' },
  { key: 'reports', label: 'Rapoarte' },
  { key: 'admin', label: 'Administrare' },
];

export interface PageDef {
  key: PageKey;
  pattern: string;
  /** policy action needed to open the page; none = every signed-in user */
  action?: string;
  /** group: the disclosure menu the entry sits in when the menu is long (ui/menu.ts); inGroup: its label there */
  menu?: { label: string; order: number; href?: string; group?: MenuGroup; inGroup?: string };
  render(params: Record<string, string>, query: URLSearchParams): ComponentChildren;
}

export const pages: readonly PageDef[] = [
  { key: 'home', pattern: '/', render: () => <Lazy load={L.home}>{(m) => <m.HomePage />}</Lazy> },
  { key: 'inbox', pattern: '/sarcini', action: 'task.list', menu: { label: 'Sarcini', order: 10 }, render: (_, q) => <Lazy load={L.inbox}>{(m) => <m.InboxPage scope={q.get('tab') === 'echipa' ? 'team' : 'mine'} />}</Lazy> },
  { key: 'task', pattern: '/sarcini/:taskId', action: 'task.work', render: (p) => <Lazy load={L.task}>{(m) => <m.TaskPage taskId={p.taskId!} />}</Lazy> },
  { key: 'cases', pattern: '/cazuri', action: 'case.list', menu: { label: 'Cazuri', order: 20, group: 'cases' }, render: (_, q) => <Lazy load={L.cases}>{(m) => <m.CasesPage query={q} />}</Lazy> },
  { key: 'case', pattern: '/cazuri/:caseId', action: 'case.read', render: (p) => <Lazy load={L.case}>{(m) => <m.CasePage caseId={p.caseId!} />}</Lazy> },
  { key: 'referral', pattern: '/sesizare-noua', action: 'case.create', menu: { label: 'Sesizare nouă', order: 30, group: 'cases' }, render: () => <Lazy load={L.referral}>{(m) => <m.ReferralPage />}</Lazy> },
  { key: 'attendance', pattern: '/prezenta', action: 'attendance.read', menu: { label: 'Prezență', order: 40, group: 'services' }, render: (_, q) => <Lazy load={L.attendance}>{(m) => <m.AttendanceChooserPage query={q} />}</Lazy> },
  { key: 'attendance-sheet', pattern: '/prezenta/:serviceId/:groupId/:date', action: 'attendance.read', render: (p) => <Lazy load={L.attendance}>{(m) => <m.AttendanceSheetPage serviceId={p.serviceId!} groupId={p.groupId!} date={p.date!} />}</Lazy> },
  { key: 'sessions', pattern: '/sedinte', action: 'session.read', menu: { label: 'Ședințe', order: 45, group: 'services' }, render: () => <Lazy load={L.sessions}>{(m) => <m.SessionsChooserPage />}</Lazy> },
  { key: 'sessions-service', pattern: '/sedinte/:serviceId', action: 'session.read', render: (p) => <Lazy load={L.sessions}>{(m) => <m.SessionsPage serviceId={p.serviceId!} />}</Lazy> },
  { key: 'closures', pattern: '/inchideri', action: 'service.closure.write', menu: { label: 'Închiderile centrelor', order: 47, group: 'services' }, render: (_, q) => <Lazy load={L.closures}>{(m) => <m.ClosuresPage query={q} />}</Lazy> },
  { key: 'months', pattern: '/luni', action: 'month.corrections.read', menu: { label: 'Închiderea lunii', order: 48, group: 'subsidies' }, render: (_, q) => <Lazy load={L.months}>{(m) => <m.MonthsPage query={q} />}</Lazy> },
  { key: 'subsidy-runs', pattern: '/subventii', action: 'subsidy.run.read', menu: { label: 'Subvenții', order: 50, group: 'subsidies', inGroup: 'Rulările lunare' }, render: () => <Lazy load={L.subsidyRuns}>{(m) => <m.SubsidyRunsPage />}</Lazy> },
  { key: 'subsidy-run', pattern: '/subventii/:runId', action: 'subsidy.run.read', render: (p) => <Lazy load={L.subsidyRun}>{(m) => <m.SubsidyRunPage runId={p.runId!} />}</Lazy> },
  { key: 'roma-plan', pattern: '/plan-romi', action: 'roma_plan.read', menu: { label: 'Plan local romi', order: 55, group: 'reports' }, render: (_, q) => <Lazy load={L.romaPlan}>{(m) => <m.RomaPlanPage query={q} />}</Lazy> },
  { key: 'roma-action-cases', pattern: '/plan-romi/:year/actiuni/:actionId', action: 'report.drilldown', render: (p, q) => <Lazy load={L.romaPlan}>{(m) => <m.RomaActionCasesPage year={p.year!} actionId={p.actionId!} breakdownKey={q.get('rand') ?? undefined} />}</Lazy> },
  { key: 'dashboard', pattern: '/tablou', action: 'report.indicators.read', menu: { label: 'Tablou de bord', order: 60, group: 'reports' }, render: () => <Lazy load={L.dashboard}>{(m) => <m.DashboardPage />}</Lazy> },
  { key: 'reports', pattern: '/rapoarte', action: 'report.indicators.read', menu: { label: 'Rapoarte', order: 62, group: 'reports' }, render: () => <Lazy load={L.reports}>{(m) => <m.ReportsPage />}</Lazy> },
  { key: 'indicator-cases', pattern: '/rapoarte/:indicatorId', action: 'report.drilldown', render: (p) => <Lazy load={L.reports}>{(m) => <m.IndicatorCasesPage indicatorId={p.indicatorId!} />}</Lazy> },
  { key: 'import', pattern: '/import', action: 'import.run', menu: { label: 'Import', order: 70, group: 'cases' }, render: () => <Lazy load={L.import}>{(m) => <m.ImportPage />}</Lazy> },
  { key: 'audit', pattern: '/audit', action: 'audit.read', menu: { label: 'Audit', order: 72, group: 'admin' }, render: (_, q) => <Lazy load={L.admin}>{(m) => <m.AuditPage query={q} />}</Lazy> },
  { key: 'retention', pattern: '/pastrare', action: 'retention.read', menu: { label: 'Păstrarea datelor', order: 74, group: 'admin' }, render: () => <Lazy load={L.admin}>{(m) => <m.RetentionPage />}</Lazy> },
  { key: 'staff', pattern: '/personal', action: 'staff.list', menu: { label: 'Personal', order: 76, group: 'admin' }, render: () => <Lazy load={L.admin}>{(m) => <m.StaffPage />}</Lazy> },
  { key: 'outbox', pattern: '/emailuri', action: 'mail.outbox.read', menu: { label: 'E-mailuri netrimise', order: 78, group: 'admin' }, render: () => <Lazy load={L.admin}>{(m) => <m.OutboxPage />}</Lazy> },
  { key: 'notifications', pattern: '/notificari', action: 'self.read', menu: { label: 'Notificări', order: 80 }, render: () => <Lazy load={L.notifications}>{(m) => <m.NotificationsPage />}</Lazy> },
  { key: 'preferences', pattern: '/preferinte', action: 'self.update', menu: { label: 'Preferințe', order: 90 }, render: () => <Lazy load={L.preferences}>{(m) => <m.PreferencesPage />}</Lazy> },
];

/** The menu entries this user may open, in menu order. */
export function menuFor(can: AppServices['can'], list: readonly PageDef[] = pages): MenuEntry[] {
  return list
    .filter((p) => p.menu && (!p.action || can(p.action)))
    .sort((a, b) => a.menu!.order - b.menu!.order)
    .map((p) => ({
      key: p.key,
      label: p.menu!.label,
      href: p.menu!.href ?? `#${p.pattern}`,
      ...(p.menu!.group ? { group: p.menu!.group } : {}),
      ...(p.menu!.inGroup ? { inGroup: p.menu!.inGroup } : {}),
    }));
}

export interface MenuEntry {
  key: PageKey;
  label: string;
  href: string;
  group?: MenuGroup;
  inGroup?: string;
}

/** Which menu entry is "current" for a page (a task belongs under Sarcini, a case under Cazuri). */
export const menuParent: Partial<Record<PageKey, PageKey>> = {
  task: 'inbox', case: 'cases', 'subsidy-run': 'subsidy-runs', 'attendance-sheet': 'attendance', 'sessions-service': 'sessions',
  'indicator-cases': 'reports', 'roma-action-cases': 'roma-plan',
};
