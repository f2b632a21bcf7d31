import { useSyncExternalStore } from 'react';
import type { CallSession } from '../../shared/call-engine.js';

/** The call on screen in the command centre (one at a time), shared by the dock and the buttons. */
let current: CallSession | null = null;
const listeners = new Set<() => void>();

export function setCurrentCall(s: CallSession | null): void {
  current = s;
  listeners.forEach((l) => l());
}

export function currentCall(): CallSession | null {
  return current;
}

export function useCurrentCall(): CallSession | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
