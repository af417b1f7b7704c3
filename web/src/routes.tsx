/**
 * Every page of the SPA in one table: address pattern, the policy action it needs (from GET /api/me `actions`), and its
 * menu entry. A page for a new feature (attendance sheet, monthly subsidy run `#/subventii/<runId>`, dashboard) is one
 * more row here once its API exists; the menu shows an entry only to users holding its action, and a user opening a
 * page without the action gets the "Nu aveți acces" page.
 */
import type { ComponentChildren } from 'preact';
import type { AppServices } from './lib/app-context.js';
import { AttendanceChooserPage, AttendanceSheetPage } from './pages/attendance.js';
import { CasePage } from './pages/case.js';
import { CasesPage } from './pages/cases.js';
import { DashboardPage } from './pages/dashboard.js';
import { HomePage } from './pages/home.js';
import { ImportPage } from './pages/import.js';
import { InboxPage } from './pages/inbox.js';
import { NotificationsPage } from './pages/notifications.js';
import { PreferencesPage } from './pages/preferences.js';
import { ReferralPage } from './pages/referral.js';
import { SessionsChooserPage, SessionsPage } from './pages/sessions.js';
import { SubsidyRunPage } from './pages/subsidy-run.js';
import { SubsidyRunsPage } from './pages/subsidy-runs.js';
import { TaskPage } from './pages/task.js';

export type PageKey = 'home' | 'inbox' | 'task' | 'cases' | 'case' | 'referral' | 'notifications' | 'preferences' | 'subsidy-runs' | 'subsidy-run' | 'dashboard' | 'attendance' | 'attendance-sheet' | 'sessions' | 'sessions-service' | 'import';

export interface PageDef {
  key: PageKey;
  pattern: string;
  /** policy action needed to open the page; none = every signed-in user */
  action?: string;
  menu?: { label: string; order: number; href?: string };
  render(params: Record<string, string>, query: URLSearchParams): ComponentChildren;
}

export const pages: readonly PageDef[] = [
  { key: 'home', pattern: '/', render: () => <HomePage /> },
  { key: 'inbox', pattern: '/sarcini', action: 'task.list', menu: { label: 'Sarcini', order: 10 }, render: (_, q) => <InboxPage scope={q.get('tab') === 'echipa' ? 'team' : 'mine'} /> },
  { key: 'task', pattern: '/sarcini/:taskId', action: 'task.work', render: (p) => <TaskPage taskId={p.taskId!} /> },
  { key: 'cases', pattern: '/cazuri', action: 'case.list', menu: { label: 'Cazuri', order: 20 }, render: (_, q) => <CasesPage query={q} /> },
  { key: 'case', pattern: '/cazuri/:caseId', action: 'case.read', render: (p) => <CasePage caseId={p.caseId!} /> },
  { key: 'referral', pattern: '/sesizare-noua', action: 'case.create', menu: { label: 'Sesizare nouă', order: 30 }, render: () => <ReferralPage /> },
  { key: 'attendance', pattern: '/prezenta', action: 'attendance.read', menu: { label: 'Prezență', order: 40 }, render: (_, q) => <AttendanceChooserPage query={q} /> },
  { key: 'attendance-sheet', pattern: '/prezenta/:serviceId/:groupId/:date', action: 'attendance.read', render: (p) => <AttendanceSheetPage serviceId={p.serviceId!} groupId={p.groupId!} date={p.date!} /> },
  { key: 'sessions', pattern: '/sedinte', action: 'session.read', menu: { label: 'Ședințe', order: 45 }, render: () => <SessionsChooserPage /> },
  { key: 'sessions-service', pattern: '/sedinte/:serviceId', action: 'session.read', render: (p) => <SessionsPage serviceId={p.serviceId!} /> },
  { key: 'subsidy-runs', pattern: '/subventii', action: 'subsidy.run.read', menu: { label: 'Subvenții', order: 50 }, render: () => <SubsidyRunsPage /> },
  { key: 'subsidy-run', pattern: '/subventii/:runId', action: 'subsidy.run.read', render: (p) => <SubsidyRunPage runId={p.runId!} /> },
  { key: 'dashboard', pattern: '/tablou', action: 'report.indicators.read', menu: { label: 'Tablou de bord', order: 60 }, render: () => <DashboardPage /> },
  { key: 'import', pattern: '/import', action: 'import.run', menu: { label: 'Import', order: 70 }, render: () => <ImportPage /> },
  { key: 'notifications', pattern: '/notificari', action: 'self.read', menu: { label: 'Notificări', order: 80 }, render: () => <NotificationsPage /> },
  { key: 'preferences', pattern: '/preferinte', action: 'self.update', menu: { label: 'Preferințe', order: 90 }, render: () => <PreferencesPage /> },
];

/** The menu entries this user may open, in menu order. */
export function menuFor(can: AppServices['can'], list: readonly PageDef[] = pages): { key: PageKey; label: string; href: string }[] {
  return list
    .filter((p) => p.menu && (!p.action || can(p.action)))
    .sort((a, b) => a.menu!.order - b.menu!.order)
    .map((p) => ({ key: p.key, label: p.menu!.label, href: p.menu!.href ?? `#${p.pattern}` }));
}

/** Which menu entry is "current" for a page (a task belongs under Sarcini, a case under Cazuri). */
export const menuParent: Partial<Record<PageKey, PageKey>> = { task: 'inbox', case: 'cases', 'subsidy-run': 'subsidy-runs', 'attendance-sheet': 'attendance', 'sessions-service': 'sessions' };
