/** The start page: straight to the inbox for those who have one; otherwise what this account can do. */
import { useEffect } from 'preact/hooks';
import { useApp } from '../lib/app-context.js';
import { navigate } from '../lib/router.js';
import { Page } from '../ui/page.js';

export function HomePage() {
  const app = useApp();
  const goInbox = app.can('task.list');
  useEffect(() => {
    if (goInbox) navigate('#/sarcini', { replace: true });
  }, [goInbox]);
  if (goInbox) return null;
  const entries = app.menu.filter((e) => e.href !== '#/');
  return (
    <Page title={`Bun venit, ${app.me.displayName}`}>
      <p>Rolurile dumneavoastră: {app.me.roles.map((r) => r.label).join(', ')}.</p>
      {entries.length > 0 && (
        <>
          <h2>Ce puteți face în Vatra</h2>
          <ul>
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
