import { getLang, label, STATE_TEXT, t } from '../i18n.js';

const ENDED = new Set(['not_filed', 'cancelled', 'merged']);

export function StateTag({ state }: { state: string }) {
  const cls = state === 'closed' ? 'state closed' : ENDED.has(state) ? 'state ended' : 'state';
  return (
    <span className={cls} data-testid="state" data-state={state}>
      {label(STATE_TEXT, state)}
    </span>
  );
}

/** 已超期 / 快到期 / 临近期限 from the case's `warning`. */
export function WarningTag({ warning }: { warning: string }) {
  if (warning === 'none') return null;
  const text = warning === 'overdue' ? t('warnOverdue') : warning === 'red' ? t('warnRed') : t('warnYellow');
  return (
    <span className={`warn ${warning}`} data-testid={`warning-${warning}`}>
      {text}
    </span>
  );
}

/** A time in the phone's zone, short: "5月3日 14:05" / "May 3, 14:05". */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const sameYear = d.getFullYear() === new Date().getFullYear();
  return d.toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-GB', {
    ...(sameYear ? {} : { year: 'numeric' }),
    month: getLang() === 'zh' ? 'numeric' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}
