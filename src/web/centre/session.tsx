import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../shared/api.js';
import type { Me } from './types.js';

type SessionValue = {
  /** undefined while loading, null when signed out */
  me: Me | null | undefined;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
  can: (ability: string) => boolean;
};

const SessionContext = createContext<SessionValue | null>(null);

let onUnauthenticated: () => void = () => {};
// Any 401 (an expired or revoked session) sends the user back to the sign-in page.
api.use({
  onResponse({ request, response }) {
    if (response.status === 401 && !request.url.includes('/auth/login')) onUnauthenticated();
    return undefined;
  },
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    try {
      const r = await api.GET('/api/v1/me');
      setMe(r.data ?? null);
    } catch {
      setMe(null);
    }
  }, []);
  const signOut = useCallback(async () => {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    setMe(null);
  }, []);
  useEffect(() => {
    onUnauthenticated = () => setMe(null);
    void refresh();
  }, [refresh]);
  const value = useMemo<SessionValue>(
    () => ({ me, refresh, signOut, can: (a) => !!me?.abilities.includes(a) }),
    [me, refresh, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in account (only inside the signed-in shell). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe while signed out');
  return me;
}
