/** Page frame: the document title, one h1 that receives focus after navigation, and the one-shot notice. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../lib/app-context.js';

export function Page({ title, children, actions }: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  const { takeFlash } = useApp();
  const [notice] = useState(() => takeFlash());
  useEffect(() => {
    document.title = `${title} — Vatra`;
  }, [title]);
  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>{title}</h1>
        {actions && <div class="page-actions">{actions}</div>}
      </div>
      {notice && <Banner kind="success">{notice}</Banner>}
      {children}
    </>
  );
}

export function Banner({ kind, title, children }: { kind: 'error' | 'warning' | 'success' | 'info'; title?: string; children: ComponentChildren }) {
  const live = kind === 'error' || kind === 'warning';
  return (
    <div class={`banner banner-${kind}`} role={live ? 'alert' : 'status'}>
      {title && <p class="banner-title">{title}</p>}
      {children}
    </div>
  );
}

export function Loading({ what = 'datele' }: { what?: string }) {
  return <p class="loading" role="status">Se încarcă {what}…</p>;
}

/** The answer to a page the user may not open (policy) or that does not exist for them. */
export function Denied({ message }: { message?: string }) {
  useEffect(() => {
    document.title = 'Nu aveți acces — Vatra';
  }, []);
  return (
    <section class="denied" aria-labelledby="denied-title">
      <h1 id="denied-title" tabIndex={-1}>Nu aveți acces</h1>
      <p>{message ?? 'Contul dumneavoastră nu are drept de acces la această pagină.'}</p>
      <p>Dacă aveți nevoie de acces, adresați-vă coordonatorului instituției dumneavoastră.</p>
      <p><a href="#/">Înapoi la pagina principală</a></p>
    </section>
  );
}

export function NotFound() {
  useEffect(() => {
    document.title = 'Pagina nu există — Vatra';
  }, []);
  return (
    <section aria-labelledby="nf-title">
      <h1 id="nf-title" tabIndex={-1}>Pagina nu există</h1>
      <p>Adresa deschisă nu corespunde niciunei pagini din Vatra sau pagina nu este încă disponibilă.</p>
      <p><a href="#/">Înapoi la pagina principală</a></p>
    </section>
  );
}
