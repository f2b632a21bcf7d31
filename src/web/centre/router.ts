import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router: `#/cases/12?tab=map` → { path: ['cases', '12'], query }.
 * The server serves only `/` and `/assets/*`, so every screen lives in the hash.
 */
export type Route = { path: string[]; query: URLSearchParams };

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [p = '', q = ''] = raw.split('?');
  return { path: p.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q) };
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}

/** Go to `#/path?query`; `replace` keeps the browser history short (filters). */
export function navigate(path: string, query?: Record<string, string | undefined>, replace = false): void {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') qs.set(k, v);
  const s = qs.toString();
  const hash = `#${path.startsWith('/') ? path : `/${path}`}${s ? `?${s}` : ''}`;
  if (replace) {
    history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else window.location.hash = hash;
}
