/**
 * The staff SPA shell: configuration, sign-in through the configured provider, the session (in memory only: refreshed
 * before the ID token lapses and after a reload, ended after the idle limit or when it can no longer be refreshed →
 * back to the login page with a message), the caller's profile and actions (GET /api/me), the role-aware menu and the
 * router.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AppContext, useApp, type AppServices, type Me } from './lib/app-context.js';
import { createApi, SESSION_EXPIRED_MESSAGE, type ApiError } from './lib/api.js';
import { authProviderFor, loadConfig, SignInError, takeSignOutReason, type SignedIn as SignInAnswer, type WebConfig } from './lib/auth.js';
import { matchPath, useHashPath } from './lib/router.js';
import { ACTIVITY_EVENTS, DEFAULT_IDLE_SECONDS, nextSessionStep, REFRESH_RETRY_MS, sessionFrom, shareActivity, sharedActivity, type Session } from './lib/session.js';
import { countRo } from '../../shared/platform/i18n/plural.js';
import { LoginPage } from './pages/login.js';
import { menuFor, menuGroups, menuParent, pages, type PageKey } from './routes.js';
import { MainMenu } from './ui/menu.js';
import { Banner, Denied, Loading, NotFound } from './ui/page.js';

const SIGNED_OUT_MESSAGE = 'Ați ieșit din cont.';

/** „Sesiunea s-a închis după 30 de minute fără activitate. …” */
export function idleMessage(idleSeconds: number): string {
  const span = idleSeconds < 120 ? countRo(idleSeconds, { one: 'secundă', many: 'secunde' }) : countRo(Math.round(idleSeconds / 60), { one: 'minut', many: 'minute' });
  return `Sesiunea s-a închis după ${span} fără activitate. Vă rugăm să vă autentificați din nou.`;
}

/** What the login page says when a session could not be resumed or refreshed. */
function endMessage(e: unknown): string {
  return e instanceof SignInError && e.code === 'REFRESH_REVOKED' ? SIGNED_OUT_MESSAGE : SESSION_EXPIRED_MESSAGE;
}

export function App() {
  const [config, setConfig] = useState<WebConfig | undefined>();
  // the session lives here, in memory only; the ref gives the API client the current token without re-rendering
  const [session, setSessionState] = useState<Session | undefined>();
  const sessionRef = useRef<Session | undefined>(undefined);
  const lastActivity = useRef(Date.now());
  const [resuming, setResuming] = useState(true);
  const [loginMessage, setLoginMessage] = useState<string | undefined>();
  const provider = useMemo(() => (config ? authProviderFor(config) : undefined), [config]);
  const idleSeconds = config?.sessionIdleSeconds && config.sessionIdleSeconds > 0 ? config.sessionIdleSeconds : DEFAULT_IDLE_SECONDS;

  const setSession = (s: Session | undefined) => {
    sessionRef.current = s;
    setSessionState(s);
  };
  const begin = (r: SignInAnswer) => {
    lastActivity.current = Date.now();
    setLoginMessage(undefined);
    setSession(sessionFrom(r.idToken, r.expiresIn, Date.now()));
  };

  useEffect(() => {
    loadConfig().then(setConfig);
  }, []);

  // on start (a reload): resume the session the identity provider still holds, without any token in storage
  useEffect(() => {
    if (!config) return;
    // back from the identity provider's sign-out page (cognito): say why once
    const reason = takeSignOutReason(sessionStorage);
    if (reason) setLoginMessage(reason === 'idle' ? idleMessage(idleSeconds) : SIGNED_OUT_MESSAGE);
    let cancelled = false;
    let leaving = false;
    (async () => {
      try {
        if (provider?.kind === 'password') {
          const r = await provider.resume();
          if (!cancelled && r) begin(r);
        } else if (provider?.kind === 'redirect' && !provider.hasCallback()) {
          leaving = await provider.resumeByRedirect();
        }
      } catch (e) {
        if (!cancelled) setLoginMessage(e instanceof SignInError && e.code === 'NETWORK' ? e.message : endMessage(e));
      } finally {
        if (!cancelled && !leaving) setResuming(false);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [provider]);

  const endSession = (message?: string) => {
    setSession(undefined);
    setLoginMessage(message);
  };

  // local: revoke the refresh cookie, back to the login form; cognito: also end the managed-login session
  const signOut = async (reason: 'signed-out' | 'idle' = 'signed-out') => {
    const message = reason === 'idle' ? idleMessage(idleSeconds) : SIGNED_OUT_MESSAGE;
    if (provider?.kind === 'redirect') {
      setSession(undefined);
      provider.signOut(reason);
      return;
    }
    await provider?.signOut();
    endSession(message);
  };

  // keyboard and pointer activity keeps the session; none for the idle limit ends it
  useEffect(() => {
    if (!session) return;
    const seen = () => {
      lastActivity.current = Date.now();
      shareActivity(localStorage, lastActivity.current);
    };
    for (const ev of ACTIVITY_EVENTS) document.addEventListener(ev, seen, { capture: true, passive: true });
    return () => {
      for (const ev of ACTIVITY_EVENTS) document.removeEventListener(ev, seen, { capture: true });
    };
  }, [session !== undefined]);

  // the session keeper: refresh shortly before the token lapses, sign out when idle (lib/session.ts decides)
  useEffect(() => {
    if (!session || !provider) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let retryAfter: number | undefined;
    const tick = async () => {
      if (stopped) return;
      clearTimeout(timer);
      // idle means idle in every tab: the refresh cookie (and so the sign-out) is the browser's, not this tab's
      lastActivity.current = Math.max(lastActivity.current, sharedActivity(localStorage));
      const step = nextSessionStep(session, lastActivity.current, Date.now(), idleSeconds * 1000, retryAfter === undefined ? {} : { retryAfter });
      if (step.kind === 'idle') return void signOut('idle');
      if (step.kind === 'expired') return endSession(SESSION_EXPIRED_MESSAGE);
      if (step.kind === 'wait') {
        timer = setTimeout(tick, step.ms);
        return;
      }
      try {
        const r = await provider.refresh();
        if (!stopped) setSession(sessionFrom(r.idToken, r.expiresIn, Date.now())); // this effect runs again for it
      } catch (e) {
        if (stopped) return;
        if (e instanceof SignInError && e.code === 'NETWORK') {
          retryAfter = Date.now() + REFRESH_RETRY_MS;
          timer = setTimeout(tick, REFRESH_RETRY_MS);
        } else {
          endSession(endMessage(e));
        }
      }
    };
    // a background tab's timers are slowed and a sleeping computer's stopped: look again when the tab is back
    const onVisible = () => {
      if (document.visibilityState === 'visible') void tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [session, provider]);

  if (!config || (resuming && !session)) return <main id="continut" class="narrow"><Loading what="aplicația" /></main>;
  if (!session) {
    return <LoginPage provider={provider} mode={config.auth} message={loginMessage} onSignedIn={begin} />;
  }
  return (
    <SignedIn
      config={config}
      token={() => sessionRef.current?.idToken}
      endSession={(m) => {
        // the API refused this tab's token: the session is over in this tab (other tabs keep theirs; the refresh
        // cookie is refused by the server once it is revoked, expired or idle)
        endSession(m);
      }}
      signOut={() => void signOut()}
    />
  );
}

function SignedIn({ config, token, endSession, signOut }: { config: WebConfig; token: () => string | undefined; endSession: (m?: string) => void; signOut: () => void }) {
  const [me, setMe] = useState<Me | undefined>();
  const [error, setError] = useState<string | undefined>();
  const flashRef = useRef<string | undefined>(undefined);
  const api = useMemo(
    () => createApi({ baseUrl: config.apiBaseUrl, token, onUnauthorized: () => endSession(SESSION_EXPIRED_MESSAGE) }),
    [config.apiBaseUrl],
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

  let content: ComponentChildren;
  if (!page || !match) content = <NotFound />;
  else if (page.action && !app.can(page.action)) content = <Denied />;
  else content = page.render(match.params, query);

  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link: the href is its no-script meaning, the click moves focus to the content (the hash is the router's) */}
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
