import { useState } from 'react';
import { isStaffRole } from '../session.js';
import { api } from '../../shared/api.js';
import { pick, t } from '../i18n.js';
import { ok, timeout } from '../net.js';
import { go } from '../router.js';
import { useFetch } from '../useFetch.js';
import { Choice } from '../Choice.js';
import { useLive } from '../messages/live.js';
import type { CaseItem, Me } from '../types.js';
import { ListState, ListTitle, LoadMore } from '../ListBits.js';
import { StateTag, WarningTag, when } from './bits.js';

const PAGE = 30;

/** 我的诉求 (residents) or 待办 (grid workers: waiting for me / all in my grid). */
export function CaseList({ me }: { me: Me }) {
  const worker = isStaffRole(me);
  const [filter, setFilter] = useState<'waiting' | 'all'>('waiting');
  const [limit, setLimit] = useState(PAGE);
  const { tick } = useLive();
  const waiting = worker && filter === 'waiting';
  const list = useFetch(
    `${me.username}.cases.${waiting ? 'waiting' : 'all'}`,
    () =>
      ok(
        api.GET('/api/v1/cases', {
          params: { query: { ...(waiting ? { waiting: 'true' as const } : {}), limit } },
          signal: timeout(20_000),
        }),
      ).then((r) => r.items),
    [waiting, limit, tick],
  );
  const items = list.data ?? [];

  return (
    <div className="page">
      <ListTitle
        title={worker ? t('todoTitle') : t('mineTitle')}
        loading={list.loading}
        onRefresh={() => void list.reload()}
      />
      {worker && (
        <Choice
          label={t('filterLabel')}
          style={{ marginBottom: 12, fontSize: 17 }}
          value={filter}
          onChange={(v) => {
            setFilter(v as 'waiting' | 'all');
            setLimit(PAGE);
          }}
          options={[
            { label: t('filterWaiting'), value: 'waiting' },
            { label: t('filterAll'), value: 'all' },
          ]}
        />
      )}
      <ListState list={list} empty={!items.length} emptyText={t('noCases')} />
      <div data-testid="cases">
        {items.map((c) => (
          <Item key={c.id} c={c} worker={worker} />
        ))}
      </div>
      <LoadMore shown={items.length} limit={limit} onMore={() => setLimit(limit + PAGE)} />
    </div>
  );
}

function Item({ c, worker }: { c: CaseItem; worker: boolean }) {
  return (
    <button
      type="button"
      className="case-item"
      onClick={() => go(`/cases/${c.id}`)}
      data-testid={`case-${c.number}`}
    >
      <div className="row">
        <span className="title grow">{pick(c.categoryName, c.categoryNameEn)}</span>
        {worker && <WarningTag warning={c.warning} />}
        {c.urgency !== 'normal' && <span className="warn red">{t('urgent')}</span>}
      </div>
      <div className="desc">{c.description}</div>
      <div className="row">
        <StateTag state={c.state} />
        <span className="muted grow" style={{ textAlign: 'right' }}>
          {when(c.reportedAt)}
        </span>
      </div>
      <div className="muted">
        {c.number} · {c.address ?? c.gridName}
      </div>
    </button>
  );
}
