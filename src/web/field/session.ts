import { api } from '../shared/api.js';
import { ApiFailure, ok } from './net.js';
import type { Me } from './types.js';

const KEY = 'wangge.field.me';

/** The account last seen signed in on this phone (lets the app start offline). */
export function cachedMe(): Me | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

function remember(me: Me | null): void {
  if (me) localStorage.setItem(KEY, JSON.stringify(me));
  else localStorage.removeItem(KEY);
}

export type Session = { me: Me | null; offline: boolean };

/** Who is signed in: from the server, or from the phone when there is no network. */
export async function loadSession(): Promise<Session> {
  try {
    const me = await ok(api.GET('/api/v1/me'));
    remember(me);
    return { me, offline: false };
  } catch (err) {
    if (err instanceof ApiFailure && err.status === 401) {
      remember(null);
      return { me: null, offline: false };
    }
    return { me: cachedMe(), offline: true };
  }
}

export async function signIn(username: string, password: string): Promise<Me> {
  await ok(api.POST('/api/v1/auth/login', { body: { username, password } }));
  const me = await ok(api.GET('/api/v1/me'));
  remember(me);
  return me;
}

/** Signs out and forgets the copies of cases and messages kept for offline viewing (a phone may be shared). */
export async function signOut(): Promise<void> {
  await ok(api.POST('/api/v1/auth/logout')).catch(() => undefined);
  remember(null);
  for (const k of Object.keys(localStorage))
    if (k.startsWith('wangge.field.cache.')) localStorage.removeItem(k);
}

/**
 * Who gets the field app: residents, grid workers and village staff (the village's screening,
 * disputes, record sheets, visits and petition agency happen on the spot). Township staff keep the
 * command centre: their work — assigning lead and assisting offices, the weekly dispatch and
 * report, petition decisions under statutory limits, rewards — is desk work over a whole township,
 * and the centre's record-sheet form serves their mediations. Every screen's rights are the server's.
 */
export function isFieldRole(me: Me): boolean {
  // 在职党员: their registration, the wishes and errands near home
  return me.role === 'resident' || me.role === 'in_service_member' || isStaffRole(me);
}

/** Staff working in the field (a patrol's reports, the to-do list of cases). */
export function isStaffRole(me: Me): boolean {
  return me.role === 'grid_worker' || me.role === 'village_staff';
}
