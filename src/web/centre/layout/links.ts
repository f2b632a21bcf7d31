import { navigate } from '../router.js';

type About = { type: string; id: number } | null | undefined;

/** Where the command centre shows what a notification (or live event) is about; null when nowhere. */
export function linkOf(n: {
  caseId?: number | null;
  about?: About;
}): { path: string; query?: Record<string, string> } | null {
  if (n.caseId) return { path: `/cases/${n.caseId}` };
  const a = n.about;
  if (!a) return null;
  if (a.type === 'wish' || a.type === 'errand' || a.type === 'disclosure')
    return { path: `/${a.type}s/${a.id}` };
  if (a.type === 'redemption') return { path: '/workers', query: { tab: 'redemptions' } };
  if (a.type === 'points') return { path: '/workers' };
  if (a.type === 'visit') return { path: '/visits' };
  if (a.type === 'dispute') return { path: `/disputes/${a.id}` };
  if (a.type === 'whistle') return { path: `/whistles/${a.id}` };
  if (a.type === 'station_loan') return { path: '/stations', query: { tab: 'loans' } };
  if (a.type === 'campaign') return { path: `/campaigns/${a.id}` };
  if (a.type === 'petition') return { path: `/petitions/register/${a.id}` };
  return null;
}

/** Opens what `n` is about; false when it is about nothing the centre shows. */
export function openLink(n: { caseId?: number | null; about?: About }): boolean {
  const l = linkOf(n);
  if (l) navigate(l.path, l.query);
  return !!l;
}
