/** The staff SPA shell: login (local identity or Cognito) and the caller's profile. Pages plug into the router. */
import { useEffect, useState } from 'preact/hooks';

interface Me { displayName: string; institution: string; roles: { id: string; label: string }[] }

async function login(username: string, password: string): Promise<string> {
  const r = await fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await r.json()) as { idToken?: string; error?: { message: string } };
  if (!r.ok || !body.idToken) throw new Error(body.error?.message ?? 'Autentificare eșuată.');
  return body.idToken;
}

export function App() {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem('vatra.token'));
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!token) return;
    fetch('/api/me', { headers: { authorization: `Bearer ${token}` } })
      .then(async (r) => {
        if (r.status === 401) { sessionStorage.removeItem('vatra.token'); setToken(null); return; }
        setMe((await r.json()) as Me);
      })
      .catch(() => setError('Serverul nu răspunde.'));
  }, [token]);

  if (!token) {
    return (
      <main>
        <h1>Vatra</h1>
        <form class="card" onSubmit={async (e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget as HTMLFormElement);
          try {
            const t = await login(String(f.get('username')), String(f.get('password')));
            sessionStorage.setItem('vatra.token', t);
            setToken(t);
            setError(null);
          } catch (err) { setError((err as Error).message); }
        }}>
          <h2>Autentificare</h2>
          <label for="username">Utilizator</label>
          <input id="username" name="username" autocomplete="username" required />
          <label for="password">Parolă</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          {error && <p class="error" role="alert">{error}</p>}
          <p><button type="submit">Intră în cont</button></p>
        </form>
      </main>
    );
  }
  return (
    <>
      <header class="top"><strong>Vatra</strong><span>{me?.displayName}</span>
        <button onClick={() => { sessionStorage.removeItem('vatra.token'); setToken(null); setMe(null); }}>Ieșire</button>
      </header>
      <main>{me ? <p>Instituția: {me.institution} · Roluri: {me.roles.map((r) => r.label).join(', ')}</p> : <p>Se încarcă…</p>}</main>
    </>
  );
}
