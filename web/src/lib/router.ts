/**
 * Hash router: '#/cazuri/<caseId>' style addresses, because the e-mails link to them and a static host serves one
 * index.html. Only hashes starting with '#/' are routes; anything else (e.g. an in-page anchor) is ignored.
 */
import { useEffect, useState } from 'preact/hooks';

export interface RouteMatch<K extends string = string> {
  key: K;
  params: Record<string, string>;
}

export interface RoutePattern<K extends string = string> {
  key: K;
  /** e.g. '/cazuri/:caseId' */
  pattern: string;
}

/** '#/cazuri/01ABC?x=1' → { path: '/cazuri/01ABC', query: URLSearchParams('x=1') }; undefined when not a route. */
export function parseHash(hash: string): { path: string; query: URLSearchParams } | undefined {
  if (hash === '' || hash === '#') return { path: '/', query: new URLSearchParams() };
  if (!hash.startsWith('#/')) return undefined;
  const raw = hash.slice(1);
  const q = raw.indexOf('?');
  const path = (q >= 0 ? raw.slice(0, q) : raw).replace(/\/+$/, '') || '/';
  return { path, query: new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '') };
}

export function matchPath<K extends string>(patterns: readonly RoutePattern<K>[], path: string): RouteMatch<K> | undefined {
  const segs = path.split('/').filter(Boolean);
  for (const r of patterns) {
    const tpl = r.pattern.split('/').filter(Boolean);
    if (tpl.length !== segs.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < tpl.length; i++) {
      const t = tpl[i]!;
      let s: string;
      try {
        s = decodeURIComponent(segs[i]!);
      } catch {
        ok = false;
        break;
      }
      if (t.startsWith(':')) params[t.slice(1)] = s;
      else if (t !== s) { ok = false; break; }
    }
    if (ok) return { key: r.key, params };
  }
  return undefined;
}

/** Build a hash address from a pattern: href('/cazuri/:caseId', { caseId }) → '#/cazuri/…'. */
export function href(pattern: string, params: Record<string, string> = {}, query?: Record<string, string | undefined>): string {
  const path = pattern.replace(/:([A-Za-z]+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
  const qs = query ? new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')).toString() : '';
  return `#${path}${qs ? `?${qs}` : ''}`;
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) {
    history.replaceState(null, '', to);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = to.startsWith('#') ? to.slice(1) : to;
  }
}

/** The current route address; ignores non-route hashes (keeps the last route). */
export function useHashPath(): { path: string; query: URLSearchParams } {
  const [loc, setLoc] = useState(() => parseHash(location.hash) ?? { path: '/', query: new URLSearchParams() });
  useEffect(() => {
    const on = () => {
      const next = parseHash(location.hash);
      if (next) setLoc(next);
    };
    window.addEventListener('hashchange', on);
    // a child may have navigated before this listener existed (children's effects run first)
    on();
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return loc;
}
