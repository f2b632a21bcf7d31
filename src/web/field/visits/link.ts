import { api } from '../../shared/api.js';
import { ok, timeout } from '../net.js';

/**
 * Linking a visit and the case reported during it, in either order, on or
 * off line. Reported first: the case waits here until the visit is sent with
 * it. Visit first (outcome "problem reported"): the visit waits here until the
 * case is made, then POST /visits/{id}/case links them. Kept in localStorage
 * per account and household; a link older than a day is forgotten.
 */
type Pending = { id: number; number?: string; at: number };
const DAY = 86_400_000;
const key = (owner: string, kind: 'case' | 'visit', householdId: number) =>
  `wangge.field.visitLink.${owner}.${kind}.${householdId}`;

function read(k: string): Pending | null {
  try {
    const p = JSON.parse(localStorage.getItem(k) ?? 'null') as Pending | null;
    return p && Date.now() - p.at < DAY ? p : null;
  } catch {
    return null;
  }
}

function write(k: string, p: Pending | null): void {
  if (p) localStorage.setItem(k, JSON.stringify(p));
  else localStorage.removeItem(k);
}

/** The case reported from this household that the next visit should carry. */
export function pendingCase(owner: string, householdId: number): { id: number; number?: string } | null {
  return read(key(owner, 'case', householdId));
}

/** A case was made from a household's report: link it to the visit already saved, else keep it for the visit. */
export async function caseReported(
  owner: string,
  householdId: number,
  c: { id: number; number: string },
): Promise<void> {
  const visit = read(key(owner, 'visit', householdId));
  if (visit) {
    const linked = await ok(
      api.POST('/api/v1/visits/{id}/case', {
        params: { path: { id: visit.id } },
        body: { caseId: c.id },
        signal: timeout(20_000),
      }),
    )
      .then(() => true)
      .catch(() => false);
    if (linked) return write(key(owner, 'visit', householdId), null);
  }
  write(key(owner, 'case', householdId), { ...c, at: Date.now() });
}

/** A visit reached the server: the case it carried is used up; a visit that reported a problem without one waits for it. */
export function visitSent(
  owner: string,
  householdId: number,
  v: { id: number; caseId: number | null; outcome: string },
): void {
  write(key(owner, 'case', householdId), null);
  write(
    key(owner, 'visit', householdId),
    v.caseId === null && v.outcome === 'issue_reported' ? { id: v.id, at: Date.now() } : null,
  );
}
