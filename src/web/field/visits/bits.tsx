import { t, type StringKey } from '../i18n.js';
import { VISITS_S } from './messages.js';
import type { DueItem } from './types.js';

/** A server code as words: 'visitsTag.' + 'elderly-alone' → 孤寡老人 (the code itself when unknown). */
export function words(prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return key in VISITS_S ? t(key as StringKey) : code;
}

/** Care tags in words, as orange chips. */
export function CareTags({ tags }: { tags: string[] }) {
  if (!tags.length) return null;
  return (
    <span className="row" style={{ gap: 6 }}>
      {tags.map((tag) => (
        <span key={tag} className="warn" style={{ background: '#ad4e00' }} data-testid="care-tag">
          {words('visitsTag', tag)}
        </span>
      ))}
    </span>
  );
}

/** 从未走访 / 超期 N 天 / 今天该走访 / N 天后该走访. */
export function DueBadge({ h }: { h: Pick<DueItem, 'dueAt' | 'overdueDays'> }) {
  if (h.dueAt === null)
    return (
      <span className="warn overdue" data-testid="due-never">
        {t('visitsNever')}
      </span>
    );
  const n = h.overdueDays ?? 0;
  if (n > 0)
    return (
      <span className="warn overdue" data-testid="due-overdue">
        {t('visitsOverdue', { n })}
      </span>
    );
  if (n === 0) return <span className="warn red">{t('visitsDueToday')}</span>;
  return <span className="muted">{t('visitsDueIn', { n: -n })}</span>;
}
