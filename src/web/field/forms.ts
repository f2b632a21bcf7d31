import { useEffect, useSyncExternalStore } from 'react';

/**
 * Whether the person is filling in a form (a report, a visit, an action's reason …). While one is
 * open, news about other things waits in the inbox instead of popping up over what they type.
 */
let open = 0;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function formOpen(): boolean {
  return open > 0;
}

/** Marks a form open while the calling component is mounted (and `active`). */
export function useFormOpen(active = true): void {
  useEffect(() => {
    if (!active) return;
    open++;
    emit();
    return () => {
      open--;
      emit();
    };
  }, [active]);
}

export function useAnyFormOpen(): boolean {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, formOpen);
}
