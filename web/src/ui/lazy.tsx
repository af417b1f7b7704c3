/**
 * Pages load their code on demand: the first page ships only the shell (router, sign-in, menu); a page's module (and
 * zod with its Romanian messages — lib/form.ts configures it —, the shared schemas, labels) arrives when the page is
 * first opened. esbuild splits each dynamic import into its
 * own chunk (scripts/build-web.ts, `splitting: true`); web/budget.json caps what the first page downloads.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Banner, Loading } from './page.js';

const cache = new Map<() => Promise<unknown>, unknown>();

/** Load `load()` once (cached for the session), then render `children(module)`. */
export function Lazy<M>({ load, children }: { load: () => Promise<M>; children: (m: M) => ComponentChildren }) {
  // the same component instance may be handed another page's loader (navigation): the module is looked up per loader
  const [, setLoaded] = useState(0);
  const [failed, setFailed] = useState(false);
  const mod = cache.get(load) as M | undefined;
  useEffect(() => {
    if (mod) return;
    let alive = true;
    setFailed(false);
    load()
      .then((m) => {
        cache.set(load, m);
        if (alive) setLoaded((n) => n + 1);
      })
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
    };
  }, [load]);
  if (failed) {
    return (
      <Banner kind="error" title="Pagina nu a putut fi încărcată">
        <p>Verificați conexiunea la internet și reîncărcați pagina.</p>
      </Banner>
    );
  }
  if (!mod) return <Loading what="pagina" />;
  return children(mod) as ComponentChildren;
}
