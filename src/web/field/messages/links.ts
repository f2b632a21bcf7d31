import { go } from '../router.js';

type About = { type: string; id: number } | null | undefined;

/** Where the field app shows what a notification (or live event) is about; null when nowhere. */
export function linkOf(n: { caseId?: number | null; about?: About }): string | null {
  if (n.caseId) return `/cases/${n.caseId}`;
  const a = n.about;
  if (!a) return null;
  if (a.type === 'wish' || a.type === 'errand' || a.type === 'disclosure') return `/${a.type}s/${a.id}`;
  if (a.type === 'redemption' || a.type === 'points') return '/points';
  if (a.type === 'visit') return '/visits';
  if (a.type === 'station_loan') return '/loans';
  return null;
}

export function openLink(n: { caseId?: number | null; about?: About }): void {
  const l = linkOf(n);
  if (l) go(l);
}
