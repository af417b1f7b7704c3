/**
 * The start page leads each role to its daily work: the inbox for those who have one (case managers, coordinators),
 * the attendance sheet for centre staff, sessions for intervention staff, the monthly runs for finance, the dashboard
 * for the project manager, the Roma local plan for its officer. Anyone else (the administrator) gets the list of
 * what the account can do — never an empty page.
 */
import { useEffect } from 'preact/hooks';
import { useApp } from '../lib/app-context.js';
import { navigate } from '../lib/router.js';
import { Page } from '../ui/page.js';

/** Where a user lands: the first of these pages their actions open (in this order), else the welcome page. */
export const landingOrder: readonly { action: string; href: string }[] = [
  { action: 'task.list', href: '#/sarcini' },
  { action: 'roma_plan.progress.write', href: '#/plan-romi' },
  { action: 'attendance.write', href: '#/prezenta' },
  { action: 'session.write', href: '#/sedinte' },
  { action: 'report.indicators.read', href: '#/tablou' },
  { action: 'subsidy.run.read', href: '#/subventii' },
];

export function landingFor(can: (action: string) => boolean): string | undefined {
  return landingOrder.find((l) => can(l.action))?.href;
}

export function HomePage() {
  const app = useApp();
  const target = landingFor(app.can);
  useEffect(() => {
    if (target) navigate(target, { replace: true });
  }, [target]);
  if (target) return null;
  const entries = app.menu.filter((e) => e.href !== '#/');
  return (
    <Page title={`Bun venit, ${app.me.displayName}`}>
      <p>Rolurile dumneavoastră: {app.me.roles.map((r) => r.label).join(', ')}.</p>
      {entries.length > 0 && (
        <>
          <h2>Ce puteți face în Vatra</h2>
          <ul class="home-links">
            {entries.map((e) => (
              <li key={e.key}>
                <a href={e.href}>{e.label}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
