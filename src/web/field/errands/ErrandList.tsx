import { useState } from 'react';
import { PlusCircleOutlined } from '@ant-design/icons';
import { api } from '../../shared/api.js';
import { when } from '../cases/bits.js';
import { pick, t } from '../i18n.js';
import { ok, timeout } from '../net.js';
import { go } from '../router.js';
import { useFetch } from '../useFetch.js';
import { Choice } from '../Choice.js';
import { useLive } from '../messages/live.js';
import type { Me } from '../types.js';
import { ListState, ListTitle } from '../ListBits.js';
import { ErrandStatusTag, type ErrandItem } from './bits.js';

type Filter = 'waiting' | 'mine' | 'all';

/** Residents: my errands and "ask for help". Grid workers and staff: the errands of my grid to take and finish. */
export function ErrandList({ me }: { me: Me }) {
  const resident = me.abilities.includes('errands.request');
  const [filter, setFilter] = useState<Filter>('waiting');
  const { tick } = useLive();
  const query = resident
    ? {}
    : filter === 'waiting'
      ? { status: 'requested' as const }
      : filter === 'mine'
        ? { mine: 'true' as const }
        : {};
  const list = useFetch(
    `${me.username}.errands.${resident ? 'own' : filter}`,
    () =>
      ok(
        api.GET('/api/v1/errands', { params: { query: { ...query, limit: 100 } }, signal: timeout(20_000) }),
      ).then((r) => r.items),
    [filter, tick],
  );
  const items = list.data ?? [];

  return (
    <div className="page">
      <ListTitle
        back="/"
        title={resident ? t('errandsMineTitle') : t('errandsWorkTitle')}
        loading={list.loading}
        onRefresh={() => void list.reload()}
      />
      {resident && (
        <button
          type="button"
          className="big-action"
          onClick={() => go('/errands/new')}
          data-testid="errands-ask"
        >
          <PlusCircleOutlined className="icon" />
          <span>
            {t('errandsAsk')}
            <small>{t('errandsAskHint')}</small>
          </span>
        </button>
      )}
      {!resident && (
        <Choice
          label={t('filterLabel')}
          style={{ marginBottom: 12, fontSize: 17 }}
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          options={(['waiting', 'mine', 'all'] as const).map((f) => ({
            label: t(
              f === 'waiting'
                ? 'errandsFilterWaiting'
                : f === 'mine'
                  ? 'errandsFilterMine'
                  : 'errandsFilterAll',
            ),
            value: f,
          }))}
        />
      )}
      <ListState list={list} empty={!items.length} emptyText={t('errandsNone')} />
      <div data-testid="errands">
        {items.map((e) => (
          <Item key={e.id} e={e} resident={resident} />
        ))}
      </div>
    </div>
  );
}

function Item({ e, resident }: { e: ErrandItem; resident: boolean }) {
  return (
    <button
      type="button"
      className="case-item"
      onClick={() => go(`/errands/${e.id}`)}
      data-testid={`errand-${e.number}`}
    >
      <div className="row">
        <span className="title grow">{pick(e.serviceName, e.serviceNameEn)}</span>
        {e.overdue && <span className="warn overdue">{t('errandsOverdue')}</span>}
      </div>
      <div className="desc">{e.detail}</div>
      <div className="row">
        <ErrandStatusTag status={e.status} />
        <span className="muted grow" style={{ textAlign: 'right' }}>
          {when(e.createdAt)}
        </span>
      </div>
      <div className="muted">
        {e.number}
        {!resident && ` · ${e.requesterName} · ${e.gridName}`}
        {e.assigneeName && ` · ${t('errandsDoer')}：${e.assigneeName}`}
      </div>
    </button>
  );
}
