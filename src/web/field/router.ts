import { useSyncExternalStore } from 'react';

/**
 * Hash routing (the server serves only /m/): `#/report`, `#/cases/42` …
 * route() returns the path without the '#'.
 */
function current(): string {
  return location.hash.replace(/^#/, '') || '/';
}

export function useRoute(): string {
  return useSyncExternalStore((l) => {
    window.addEventListener('hashchange', l);
    return () => window.removeEventListener('hashchange', l);
  }, current);
}

let depth = 0;

export function go(path: string): void {
  if (current() === path) return;
  depth++;
  location.hash = path;
}

/** Back within the app when we came from a page of it, else to `fallback`. */
export function back(fallback = '/'): void {
  if (depth > 0) {
    depth--;
    history.back();
  } else {
    location.replace(`#${fallback}`);
  }
}
