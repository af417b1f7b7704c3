/**
 * Sign-in page. The identity provider comes from config.json (local runtime or Cognito), behind AuthProvider: a
 * username/password form for the local runtime, one button to the institution's sign-in page (Cognito managed login)
 * when deployed, which also finishes the return from there.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { SignInError, type AuthProvider, type PasswordAuthProvider, type RedirectAuthProvider, type SignedIn } from '../lib/auth.js';
import { Banner } from '../ui/page.js';

interface Props {
  provider: AuthProvider | undefined;
  mode: string;
  message?: string | undefined;
  onSignedIn: (r: SignedIn) => void;
}

const FAILED = 'Autentificarea nu a reușit. Încercați din nou.';

export function LoginPage(props: Props) {
  useEffect(() => {
    document.title = 'Autentificare — Vatra';
  }, []);
  const { provider } = props;
  return (
    <main id="continut" class="narrow login">
      <h1>Vatra</h1>
      <p class="lead">Managementul cazurilor și al subvențiilor — proiectul „Servicii inovative pentru prevenirea separării copiilor de familie în Timișoara”</p>
      {provider?.kind === 'redirect' ? <RedirectLogin {...props} provider={provider} /> : <PasswordLogin {...props} provider={provider} />}
    </main>
  );
}

/** Cognito: one button to managed login; on the way back (`?code=…`) the sign-in is finished here. */
function RedirectLogin({ provider, message, onSignedIn }: Props & { provider: RedirectAuthProvider }) {
  const [returning] = useState(() => provider.hasCallback());
  const [busy, setBusy] = useState<'leaving' | 'returning' | undefined>(returning ? 'returning' : undefined);
  const [error, setError] = useState<string | undefined>();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  const fail = (err: unknown) => {
    setError(err instanceof SignInError ? err.message : FAILED);
    setBusy(undefined);
    requestAnimationFrame(() => errorRef.current?.focus());
  };

  useEffect(() => {
    if (!returning) {
      buttonRef.current?.focus();
      return;
    }
    provider.completeSignIn().then(onSignedIn, fail);
  }, []);

  const start = () => {
    if (busy) return;
    setError(undefined);
    setBusy('leaving');
    // on success the browser leaves the page; it only comes back here if it could not
    provider.beginSignIn().catch(fail);
  };

  return (
    <section class="card" aria-labelledby="login-title">
      <h2 id="login-title">Autentificare</h2>
      {message && !busy && <Banner kind="info">{message}</Banner>}
      {error && (
        <div ref={errorRef} tabIndex={-1}>
          <Banner kind="error">{error}</Banner>
        </div>
      )}
      {busy === 'returning' ? (
        <p class="loading" role="status">Se finalizează autentificarea…</p>
      ) : (
        <>
          <p>Vă autentificați pe pagina securizată a contului instituției, cu parola și codul din aplicația de autentificare (MFA).</p>
          <div class="buttons">
            <button type="button" ref={buttonRef} onClick={start} disabled={!!busy}>
              {busy === 'leaving' ? 'Se deschide pagina de autentificare…' : 'Autentificare cu contul instituției'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** Local runtime (and an unsupported mode, which gets the form disabled with an explanation). */
function PasswordLogin({ provider, mode, message, onSignedIn }: Props & { provider: PasswordAuthProvider | undefined }) {
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ username?: string; password?: string }>({});
  const userRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    userRef.current?.focus();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!provider || busy) return;
    const fe = { ...(username.trim() ? {} : { username: 'Introduceți numele de utilizator.' }), ...(password ? {} : { password: 'Introduceți parola.' }) };
    setFieldErrors(fe);
    setError(undefined);
    if (fe.username || fe.password) {
      (document.getElementById(fe.username ? 'username' : 'password') as HTMLInputElement | null)?.focus();
      return;
    }
    setBusy(true);
    try {
      onSignedIn(await provider.signIn(username.trim(), password));
    } catch (err) {
      setError(err instanceof SignInError ? err.message : FAILED);
      setBusy(false);
      requestAnimationFrame(() => errorRef.current?.focus());
    }
  };

  return (
    <form class="card" noValidate onSubmit={submit} aria-labelledby="login-title">
      <h2 id="login-title">Autentificare</h2>
      {message && <Banner kind="info">{message}</Banner>}
      {!provider && (
        <Banner kind="error">Modul de autentificare „{mode}” nu este disponibil în această versiune a interfeței. Anunțați administratorul.</Banner>
      )}
      {error && (
        <div ref={errorRef} tabIndex={-1}>
          <Banner kind="error">{error}</Banner>
        </div>
      )}
      <div class={`field${fieldErrors.username ? ' has-error' : ''}`}>
        <label for="username">Utilizator</label>
        {fieldErrors.username && <p class="field-error" id="username-err"><span class="visually-hidden">Eroare: </span>{fieldErrors.username}</p>}
        <input
          id="username"
          ref={userRef}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellcheck={false}
          value={username}
          onInput={(e) => setUsername((e.currentTarget as HTMLInputElement).value)}
          aria-invalid={fieldErrors.username ? 'true' : undefined}
          aria-describedby={fieldErrors.username ? 'username-err' : undefined}
        />
      </div>
      <div class={`field${fieldErrors.password ? ' has-error' : ''}`}>
        <label for="password">Parola</label>
        {fieldErrors.password && <p class="field-error" id="password-err"><span class="visually-hidden">Eroare: </span>{fieldErrors.password}</p>}
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
          aria-invalid={fieldErrors.password ? 'true' : undefined}
          aria-describedby={fieldErrors.password ? 'password-err' : undefined}
        />
      </div>
      <div class="buttons">
        <button type="submit" disabled={busy || !provider}>
          {busy ? 'Se verifică…' : 'Intră în cont'}
        </button>
      </div>
    </form>
  );
}
