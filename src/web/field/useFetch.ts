import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiFailure } from './net.js';

type State<T> = { data: T | null; error: ApiFailure | null; loading: boolean; stale: boolean };

/**
 * Fetch with the phone's last copy: what was seen last time shows at once (and
 * stays when the network fails, marked stale); `deps` changes refetch.
 * `cacheKey` null: no copy kept (e.g. data that must be fresh).
 */
export function useFetch<T>(cacheKey: string | null, fetcher: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<State<T>>(() => ({
    data: read<T>(cacheKey),
    error: null,
    loading: true,
    stale: true,
  }));
  const seq = useRef(0);
  const fn = useRef(fetcher);
  fn.current = fetcher;

  const reload = useCallback(async () => {
    const n = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await fn.current();
      if (n !== seq.current) return;
      if (cacheKey) write(cacheKey, data);
      setState({ data, error: null, loading: false, stale: false });
    } catch (err) {
      if (n !== seq.current) return;
      setState((s) => ({
        ...s,
        error: err instanceof ApiFailure ? err : new ApiFailure(0, undefined),
        loading: false,
      }));
    }
  }, [cacheKey]);

  useEffect(() => {
    void reload();
    // refetch when the caller's inputs change
  }, [reload, ...deps]);

  return { ...state, reload };
}

function read<T>(key: string | null): T | null {
  if (!key) return null;
  try {
    return JSON.parse(localStorage.getItem(`wangge.field.cache.${key}`) ?? 'null') as T | null;
  } catch {
    return null;
  }
}

function write(key: string, data: unknown): void {
  try {
    localStorage.setItem(`wangge.field.cache.${key}`, JSON.stringify(data));
  } catch {
    // storage full: the copy is only a convenience
  }
}
