import { useState } from 'react';
import { SearchBar } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { when } from '../cases/bits.js';
import { t } from '../i18n.js';
import { ok, timeout } from '../net.js';
import { QueuePanel } from '../offline/QueuePanel.js';
import { useQueue } from '../offline/queue.js';
import { go } from '../router.js';
import { useFetch } from '../useFetch.js';
import { Choice } from '../Choice.js';
import type { Me } from '../types.js';
import { CareTags, DueBadge } from './bits.js';
import { ListState, ListTitle, LoadMore } from '../ListBits.js';
import type { DueItem } from './types.js';

const PAGE = 30;

/** 入户走访: my grid's households due a visit (never visited first, then the longest overdue), or all, by address. */
export function DueList({ me }: { me: Me }) {
  const [include, setInclude] = useState<'due' | 'all'>('due');
  const [q, setQ] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const { lastVisitSent } = useQueue();
  const list = useFetch(
    q ? null : `${me.username}.visits.${include}`,
    () =>
      ok(
        api.GET('/api/v1/visits/due', {
          params: { query: { include, limit, ...(q ? { q } : {}) } },
          signal: timeout(20_000),
        }),
      ),
    // a visit kept on the phone went out: the list changes
    [include, q, limit, lastVisitSent?.at],
  );
  const items = list.data?.items ?? [];

  return (
    <div className="page" data-testid="visits-due">
      <ListTitle
        title={t('visitsTitle')}
        back="/"
        loading={list.loading}
        onRefresh={() => void list.reload()}
      />
      <QueuePanel />
      <Choice
        label={t('filterLabel')}
        style={{ marginBottom: 12, fontSize: 17 }}
        value={include}
        onChange={(v) => {
          setInclude(v as 'due' | 'all');
          setLimit(PAGE);
        }}
        options={[
          { label: t('visitsDueTab'), value: 'due' },
          { label: t('visitsAllTab'), value: 'all' },
        ]}
      />
      <SearchBar
        placeholder={t('visitsSearch')}
        style={{ marginBottom: 12, '--height': '44px' }}
        onSearch={(v) => setQ(v.trim())}
        onClear={() => setQ('')}
        data-testid="visits-search"
      />
      <ListState list={list} empty={!items.length} emptyText={t('visitsNone')} />
      {list.data && (
        <div className="muted" style={{ margin: '0 4px 8px' }}>
          {t('visitsTotal', { n: list.data.total })}
        </div>
      )}
      <div data-testid="due-list">
        {items.map((h) => (
          <Card key={h.id} h={h} />
        ))}
      </div>
      <LoadMore shown={items.length} limit={limit} onMore={() => setLimit(limit + PAGE)} />
    </div>
  );
}

function Card({ h }: { h: DueItem }) {
  return (
    <button
      type="button"
      className="case-item"
      onClick={() => go(`/households/${h.id}`)}
      data-testid={`due-${h.id}`}
    >
      <div className="row">
        <span className="title grow">{h.address}</span>
        <DueBadge h={h} />
      </div>
      <div className="row" style={{ margin: '6px 0' }}>
        <CareTags tags={h.careTags} />
        <span className="muted">{t('visitsMembers', { n: h.memberCount })}</span>
      </div>
      <div className="muted">
        {t('visitsLast', { when: h.lastVisitAt ? when(h.lastVisitAt) : t('visitsNever') })}
      </div>
    </button>
  );
}
