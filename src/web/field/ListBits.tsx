import { Button, DotLoading } from 'antd-mobile';
import { LeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { when } from './cases/bits.js';
import { t } from './i18n.js';
import { failText } from './net.js';
import { back } from './router.js';

/**
 * The way back of a screen that no tab leads to: a named button of at least 44×44 px, to the
 * previous screen of the app, or to `to` when the screen was opened directly (a link, a reload).
 */
export function BackButton({ to, onClick }: { to: string; onClick?: () => void }) {
  return (
    <Button fill="none" className="back-btn" onClick={onClick ?? (() => back(to))} data-testid="back">
      <LeftOutlined aria-hidden="true" /> {t('back')}
    </Button>
  );
}

/** The title row of a list screen, with its refresh button (and its way back, when `back` names where to). */
export function ListTitle({
  title,
  loading,
  onRefresh,
  back: to,
}: {
  title: string;
  loading: boolean;
  onRefresh: () => void;
  back?: string;
}) {
  return (
    <div className="page-title">
      {to && <BackButton to={to} />}
      <h1 className="grow">{title}</h1>
      <Button size="small" fill="outline" onClick={onRefresh} loading={loading} data-testid="refresh">
        <ReloadOutlined /> {t('refresh')}
      </Button>
    </div>
  );
}

/** A list's error, its first load, or "nothing here". */
export function ListState({
  list,
  empty,
  emptyText,
}: {
  list: { data?: unknown; error?: unknown; loading: boolean };
  empty: boolean;
  emptyText: string;
}) {
  return (
    <>
      {list.error !== undefined && list.error !== null && (
        <div className="card error-text">{failText(list.error)}</div>
      )}
      {list.loading && !list.data && <DotLoading />}
      {!!list.data && empty && <div className="card muted">{emptyText}</div>}
    </>
  );
}

/** "More" under a list cut at `limit` rows (never past 200 on a phone). */
export function LoadMore({ shown, limit, onMore }: { shown: number; limit: number; onMore: () => void }) {
  if (shown < limit || limit >= 200) return null;
  return (
    <Button block onClick={onMore} data-testid="load-more">
      {t('loadMore')}
    </Button>
  );
}

/** The top of a detail screen: back (to `fallback` when opened directly), loading, and the load's error. */
export function DetailHead({
  fallback,
  loading,
  error,
}: {
  fallback: string;
  loading: boolean;
  error: unknown;
}) {
  return (
    <>
      <div className="page-title">
        <BackButton to={fallback} />
        <span className="grow" />
        {loading && <DotLoading />}
      </div>
      {error !== undefined && error !== null && <div className="card error-text">{failText(error)}</div>}
    </>
  );
}

/** The steps of a wish or an errand: what was done, when, by whom, with the note. */
export function StepList({
  title,
  testId,
  steps,
}: {
  title: string;
  testId: string;
  steps: Array<{ id: number; label: string; at: string; actorName: string | null; note: string | null }>;
}) {
  return (
    <div className="card">
      <h3>{title}</h3>
      <ul className="timeline" data-testid={testId}>
        {steps.map((s) => (
          <li key={s.id}>
            <b>{s.label}</b> <span className="muted">{when(s.at)}</span>
            <div className="muted">
              {s.actorName}
              {s.note && ` — ${s.note}`}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
