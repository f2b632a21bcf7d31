import { Button, DotLoading } from 'antd-mobile';
import { LeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { when } from './cases/bits.js';
import { t } from './i18n.js';
import { failText } from './net.js';
import { back } from './router.js';

/** The title row of a list screen, with its refresh button. */
export function ListTitle({
  title,
  loading,
  onRefresh,
}: {
  title: string;
  loading: boolean;
  onRefresh: () => void;
}) {
  return (
    <div className="page-title">
      <span className="grow">{title}</span>
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
        <Button
          size="small"
          fill="none"
          onClick={() => back(fallback)}
          data-testid="back"
          style={{ minHeight: 48 }}
        >
          <LeftOutlined /> {t('back')}
        </Button>
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
