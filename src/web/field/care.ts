import { useSyncExternalStore } from 'react';

/**
 * 关怀模式 (长辈版): larger type and touch targets for elderly villagers, as Chinese government
 * apps offer. Kept on the phone; a class on <html> scales the whole app (see field.css).
 */
const KEY = 'wangge.field.care';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

let on = read();
document.documentElement.classList.toggle('care', on);

export function setCare(next: boolean): void {
  on = next;
  try {
    if (next) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // private mode: the switch holds until the page is closed
  }
  document.documentElement.classList.toggle('care', next);
  listeners.forEach((l) => l());
}

export function useCare(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => on,
  );
}
