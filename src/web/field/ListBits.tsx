import { Button, DotLoading } from 'antd-mobile';
import { ReloadOutlined } from '@ant-design/icons';
import { t } from './i18n.js';
import { failText } from './net.js';

/** The title row of a list screen, with its refresh button. */
export function ListTitle({ title, loading, onRefresh }: { title: string; loading: boolean; onRefresh: () => void }) {
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
export function ListState({ list, empty, emptyText }: { list: { data?: unknown; error?: unknown; loading: boolean }; empty: boolean; emptyText: string }) {
  return (
    <>
      {list.error !== undefined && list.error !== null && <div className="card error-text">{failText(list.error)}</div>}
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
