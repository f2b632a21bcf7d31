import { useSyncExternalStore } from 'react';

/**
 * History routing under /m/: `/m/report`, `/m/cases/42` … (the server answers every such path with
 * the app's page, and the service worker with its kept copy, so a deep link survives a reload).
 * route() returns the path after /m, with its query. Old links in the hash (`/m/#/cases/42`,
 * printed invitation QR codes) are moved to the path when the app starts or the hash changes.
 */
const BASE = '/m';
const CHANGE = 'wangge:route';

/** `#/cases/42` left by an old link → `/m/cases/42`, without a new history entry. */
function fromHash(): void {
  if (location.hash.startsWith('#/')) history.replaceState(history.state, '', BASE + location.hash.slice(1));
}
fromHash();

function current(): string {
  const p = location.pathname.startsWith(`${BASE}/`) ? location.pathname.slice(BASE.length) : '/';
  return p + location.search;
}

function subscribe(l: () => void): () => void {
  const onHash = () => {
    fromHash();
    l();
  };
  window.addEventListener('popstate', l);
  window.addEventListener('hashchange', onHash);
  window.addEventListener(CHANGE, l);
  return () => {
    window.removeEventListener('popstate', l);
    window.removeEventListener('hashchange', onHash);
    window.removeEventListener(CHANGE, l);
  };
}

export function useRoute(): string {
  return useSyncExternalStore(subscribe, current);
}

/** The address of a screen (`/cases/42` → `/m/cases/42`), for links and QR codes. */
export const href = (path: string): string => BASE + (path.startsWith('/') ? path : `/${path}`);

function set(path: string, replace: boolean): void {
  if (replace) history.replaceState(null, '', href(path));
  else history.pushState(null, '', href(path));
  window.dispatchEvent(new Event(CHANGE));
}

let depth = 0;

export function go(path: string, replace = false): void {
  if (current() === path) return;
  if (!replace) depth++;
  set(path, replace);
}

/** Back within the app when we came from a page of it, else to `fallback`. */
export function back(fallback = '/'): void {
  if (depth > 0) {
    depth--;
    history.back();
  } else {
    set(fallback, true);
  }
}
