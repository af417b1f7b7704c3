/**
 * The staff SPA shell: configuration, sign-in through the configured provider, the session (expiry → back to the
 * login page with a message), the caller's profile and actions (GET /api/me), the role-aware menu and the router.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AppContext, useApp, type AppServices, type Me } from './lib/app-context.js';
import { createApi, SESSION_EXPIRED_MESSAGE, type ApiError } from './lib/api.js';
import { authProviderFor, loadConfig, takeSignedOut, type WebConfig } from './lib/auth.js';
import { matchPath, useHashPath } from './lib/router.js';
import { clearSession, readSession, sessionFrom, writeSession, type Session } from './lib/session.js';
import { LoginPage } from './pages/login.js';
import { menuFor, menuGroups, menuParent, pages, type PageKey } from './routes.js';
import { MainMenu } from './ui/menu.js';
import { Banner, Denied, Loading, NotFound } from './ui/page.js';

const SIGNED_OUT_MESSAGE = 'Ați ieșit din cont.';

export function App() {
  const [config, setConfig] = useState<WebConfig | undefined>();
  const [session, setSession] = useState<Session | undefined>(() => readSession(sessionStorage, Date.now()));
  // back from the identity provider's sign-out page (cognito): say so once
  const [loginMessage, setLoginMessage] = useState<string | undefined>(() => (takeSignedOut(sessionStorage) ? SIGNED_OUT_MESSAGE : undefined));
  const provider = useMemo(() => (config ? authProviderFor(config) : undefined), [config]);

  useEffect(() => {
    loadConfig().then(setConfig);
  }, []);

  const endSession = (message?: string) => {
    clearSession(sessionStorage);
    setSession(undefined);
    setLoginMessage(message);
  };

  // local: back to the login form; cognito: also end the managed-login session (the browser leaves, then returns)
  const signOut = () => {
    if (provider?.kind === 'redirect') {
      clearSession(sessionStorage);
      provider.signOut();
      return;
    }
    endSession(SIGNED_OUT_MESSAGE);
  };

  // the token lapses on its own: leave before a request fails with it
  useEffect(() => {
    if (!session) return;
    const t = setTimeout(() => endSession(SESSION_EXPIRED_MESSAGE), Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(t);
  }, [session]);

  if (!config) return <main id="continut" class="narrow"><Loading what="aplicația" /></main>;
  if (!session) {
    return (
      <LoginPage
        provider={provider}
        mode={config.auth}
        message={loginMessage}
        onSignedIn={(r) => {
          const s = sessionFrom(r.idToken, r.expiresIn, Date.now());
          writeSession(sessionStorage, s);
          setLoginMessage(undefined);
          setSession(s);
        }}
      />
    );
  }
  return <SignedIn key={session.idToken} config={config} session={session} endSession={endSession} signOut={signOut} />;
}

function SignedIn({ config, session, endSession, signOut }: { config: WebConfig; session: Session; endSession: (m?: string) => void; signOut: () => void }) {
  const [me, setMe] = useState<Me | undefined>();
  const [error, setError] = useState<string | undefined>();
  const flashRef = useRef<string | undefined>(undefined);
  const api = useMemo(
    () => createApi({ baseUrl: config.apiBaseUrl, token: () => session.idToken, onUnauthorized: () => endSession(SESSION_EXPIRED_MESSAGE) }),
    [config.apiBaseUrl, session.idToken],
  );
  const loadMe = () => api.get<Me>('/me').then(setMe);

  useEffect(() => {
    loadMe().catch((e: ApiError) => setError(e.message));
  }, [api]);

  const services = useMemo<AppServices | undefined>(() => {
    if (!me) return undefined;
    const actions = new Set(me.actions);
    const can = (a: string) => actions.has(a);
    return {
      api,
      me,
      can,
      hasRole: (r) => me.roles.some((x) => x.id === r),
      flash: (m) => {
        flashRef.current = m;
      },
      takeFlash: () => {
        const m = flashRef.current;
        flashRef.current = undefined;
        return m;
      },
      refreshMe: loadMe,
      menu: menuFor(can),
    };
  }, [me, api]);

  if (!services) {
    return (
      <main id="continut" class="narrow">
        {error ? (
          <Banner kind="error" title="Profilul nu a putut fi încărcat">
            <p>{error}</p>
            <button type="button" onClick={() => endSession()}>Înapoi la autentificare</button>
          </Banner>
        ) : (
          <Loading what="profilul" />
        )}
      </main>
    );
  }
  return (
    <AppContext.Provider value={services}>
      <Shell onLogout={signOut} />
    </AppContext.Provider>
  );
}

function Shell({ onLogout }: { onLogout: () => void }) {
  const app = useApp();
  const { path, query } = useHashPath();
  const match = matchPath(pages.map((p) => ({ key: p.key, pattern: p.pattern })), path);
  const page = match ? pages.find((p) => p.key === match.key) : undefined;
  const current: PageKey | undefined = page ? (menuParent[page.key] ?? page.key) : undefined;
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  // after navigating, move focus to the new page's heading so keyboard and screen-reader users start there
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // pages load their code on demand: wait (up to 2 s) for the new page's heading before falling back to <main>
    // …unless the person has already moved on meanwhile (opened a menu, started typing): never take focus from them
    let tries = 0;
    let t: ReturnType<typeof setTimeout>;
    const start = document.activeElement;
    const focusHeading = () => {
      const now = document.activeElement;
      if (now && now !== start && now !== document.body) return;
      const h = mainRef.current?.querySelector<HTMLElement>('h1');
      if (h) h.focus();
      else if (tries++ < 40) t = setTimeout(focusHeading, 50);
      else mainRef.current?.focus();
    };
    t = setTimeout(focusHeading, 0);
    return () => clearTimeout(t);
  }, [path]);

  let content;
  if (!page || !match) content = <NotFound />;
  else if (page.action && !app.can(page.action)) content = <Denied />;
  else content = page.render(match.params, query);

  return (
    <>
      <a
        class="skip-link"
        href="#continut"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Sari la conținut
      </a>
      <header class="top">
        <div class="top-inner">
          <a class="brand" href="#/">
            Vatra
          </a>
          <MainMenu entries={app.menu} groups={menuGroups} current={current} path={path} />
          <div class="user">
            <span class="user-name">{app.me.displayName}</span>
            <span class="user-roles">{app.me.roles.map((r) => r.label).join(', ')} · {app.me.institution}</span>
            <button type="button" class="logout" onClick={onLogout}>
              Ieșire
            </button>
          </div>
        </div>
      </header>
      <main id="continut" ref={mainRef} tabIndex={-1}>
        {content}
      </main>
    </>
  );
}
