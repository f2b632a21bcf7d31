import { useSyncExternalStore } from 'react';

/**
 * A tiny history router: `/cases/12?tab=map` → { path: ['cases', '12'], query }. The server answers
 * every path of the centre with its page, so a reload or a shared link opens the same screen.
 * Old hash links (`/#/cases/12`) move to the path when the page opens or the hash changes, and
 * same-origin links to a screen (`<a href="/cases/12">`) are followed without reloading the page.
 */
export type Route = { path: string[]; query: URLSearchParams };

const CHANGE = 'wangge:route';
/** Paths that are not screens of the centre: the API, files, the field app, the API browser. */
const NOT_SCREEN = /^\/(api|open311|assets|docs|health|m)(\/|$)/;

function fromHash(): void {
  if (location.hash.startsWith('#/')) history.replaceState(history.state, '', location.hash.slice(1));
}

function subscribe(cb: () => void): () => void {
  const onHash = () => {
    fromHash();
    cb();
  };
  window.addEventListener('popstate', cb);
  window.addEventListener('hashchange', onHash);
  window.addEventListener(CHANGE, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener('hashchange', onHash);
    window.removeEventListener(CHANGE, cb);
  };
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#?\/?/, '');
  const [p = '', q = ''] = raw.split('?');
  return { path: p.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q) };
}

const here = () => location.pathname + location.search;

export function useRoute(): Route {
  return parseHash(useSyncExternalStore(subscribe, here));
}

/** Go to `/path?query`; `replace` keeps the browser history short (filters). */
export function navigate(path: string, query?: Record<string, string | undefined>, replace = false): void {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') qs.set(k, v);
  const s = qs.toString();
  const url = `${path.startsWith('/') ? path : `/${path}`}${s ? `?${s}` : ''}`;
  if (url === here()) return;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new Event(CHANGE));
}

/** Follow plain left clicks on links to the centre's own screens in the page. */
function onClick(e: MouseEvent): void {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || !a.hasAttribute('href') || (a.target && a.target !== '_self') || a.hasAttribute('download'))
    return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || NOT_SCREEN.test(url.pathname)) return;
  const target = url.hash.startsWith('#/') ? url.hash.slice(1) : url.pathname + url.search;
  if (url.hash && !url.hash.startsWith('#/')) return; // an anchor within the page
  e.preventDefault();
  navigate(target);
}

if (typeof window !== 'undefined') {
  fromHash();
  // capture: a link inside a clickable row stops the click's propagation to keep the row's own handler out
  window.addEventListener('click', onClick, true);
}
