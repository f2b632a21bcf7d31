import { useState } from 'react';
import { HeartOutlined } from '@ant-design/icons';
import { api } from '../../shared/api.js';
import { when } from '../cases/bits.js';
import { t } from '../i18n.js';
import { ok, timeout } from '../net.js';
import { go } from '../router.js';
import { useFetch } from '../useFetch.js';
import { Choice } from '../Choice.js';
import { useLive } from '../messages/live.js';
import type { Me } from '../types.js';
import { ListState, ListTitle } from '../ListBits.js';
import { tk, WishStatusTag, type WishItem } from './bits.js';

type Filter = 'all' | 'submitted' | 'published';

/** Residents: my wishes and "make a wish". Grid workers: the wishes of my grid, and the same button. */
export function WishList({ me }: { me: Me }) {
  const resident = me.role === 'resident';
  const [filter, setFilter] = useState<Filter>('all');
  const { tick } = useLive();
  const list = useFetch(
    `${me.username}.wishes.${filter}`,
    () =>
      ok(
        api.GET('/api/v1/wishes', {
          params: { query: { ...(filter === 'all' ? {} : { status: filter }), limit: 100 } },
          signal: timeout(20_000),
        }),
      ).then((r) => r.items),
    [filter, tick],
  );
  const items = list.data ?? [];

  return (
    <div className="page">
      <ListTitle
        back="/"
        title={
          resident
            ? t('wishesMineTitle')
            : me.role === 'in_service_member'
              ? t('isvWishesNearTitle')
              : t('wishesGridTitle')
        }
        loading={list.loading}
        onRefresh={() => void list.reload()}
      />
      {me.abilities.includes('wishes.request') && (
        <button
          type="button"
          className="big-action"
          onClick={() => go('/wishes/new')}
          data-testid="wishes-make"
        >
          <HeartOutlined className="icon" />
          <span>
            {t('wishesMake')}
            <small>{t('wishesMakeHint')}</small>
          </span>
        </button>
      )}
      {!resident && me.role !== 'in_service_member' && (
        <Choice
          label={t('filterLabel')}
          style={{ marginBottom: 12, fontSize: 17 }}
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          options={(['all', 'submitted', 'published'] as const).map((f) => ({
            label: t(
              f === 'all'
                ? 'wishesFilterAll'
                : f === 'submitted'
                  ? 'wishesFilterWaiting'
                  : 'wishesFilterOpen',
            ),
            value: f,
          }))}
        />
      )}
      <ListState list={list} empty={!items.length} emptyText={t('wishesNone')} />
      <div data-testid="wishes">
        {items.map((w) => (
          <Item key={w.id} w={w} />
        ))}
      </div>
    </div>
  );
}

function Item({ w }: { w: WishItem }) {
  return (
    <button
      type="button"
      className="case-item"
      onClick={() => go(`/wishes/${w.id}`)}
      data-testid={`wish-${w.number}`}
    >
      <div className="row">
        <span className="title grow">{w.title}</span>
      </div>
      <div className="desc">
        {w.beneficiary} · {tk('wishesKind', w.beneficiaryKind)}
      </div>
      <div className="row">
        <WishStatusTag status={w.status} />
        <span className="muted grow" style={{ textAlign: 'right' }}>
          {when(w.createdAt)}
        </span>
      </div>
      {w.claimerNames.length > 0 && (
        <div className="muted">
          {t('wishesClaimers')}：{w.claimerNames.join('、')}
        </div>
      )}
    </button>
  );
}
