import { Card, Col, Row, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { ListFilterBar } from '../common/ListFilterBar.js';
import { useSession } from '../session.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { WishDrawer } from './WishDrawer.js';
import { WishStatusTag } from './WishStatusTag.js';

export type Wish =
  paths['/api/v1/wishes']['get']['responses'][200]['content']['application/json']['items'][number];
const STATUSES = [
  'submitted',
  'published',
  'claimed',
  'fulfilled',
  'closed',
  'rejected',
  'withdrawn',
] as const;
type Status = (typeof STATUSES)[number];
type WishSort = NonNullable<paths['/api/v1/wishes']['get']['parameters']['query']>['sort'];
const PAGE = 20;

/** 微心愿墙: the wishes of my scope (claimers: the published ones) with counts, filters and a drawer offering the API's actions. */
export function WishesPage({ route }: { route: Route }) {
  const { t, label } = useLang();
  const [within, setWithin] = useState<string | undefined>();
  const [status, setStatus] = useState<Status | undefined>(() =>
    STATUSES.find((s) => s === route.query.get('status')),
  );
  const [page, setPage] = useState(1);
  const [tick, setTick] = useState(0);
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<WishSort | undefined>();
  const { can } = useSession();
  const openId = Number(route.path[1]) || null;
  const filter = { within, status, ...search, sort };
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/wishes', {
          params: { query: { ...filter, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [within, status, page, tick, search.q, search.number, sort],
  );
  const stats = useLoad(
    () => ok(api.GET('/api/v1/wishes/stats', { params: { query: { within } } })),
    [within, tick],
  );
  const s = stats.data;
  const reset = (fn: () => void) => (fn(), setPage(1));
  const table = useListTable<Wish>({
    list,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => reset(() => setSort(v as WishSort | undefined)),
    href: (r) => `/wishes/${r.id}`,
    rowTestId: (r) => `wish-row-${r.number}`,
  });

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Row gutter={12}>
        {[
          { key: 'submitted', value: s?.submitted },
          { key: 'published', value: s?.published },
          { key: 'claimedEver', value: s?.claimedEver },
          { key: 'done', value: s ? s.fulfilled + s.closed : undefined },
        ].map((x) => (
          <Col span={6} key={x.key}>
            <Card size="small">
              <Statistic
                title={t(`wishes.stats.${x.key}` as 'wishes.stats.submitted')}
                value={x.value ?? '—'}
                loading={stats.loading && !s}
                data-testid={`wishes-stat-${x.key}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('wishes.title')}>
        <ListToolbar
          testId="wishes"
          search={search.number ?? search.q}
          onSearch={(v) => reset(() => setSearch(v))}
          total={list.data?.total}
          canExport={can('wishes.export')}
          exportHref={exportUrl('/api/v1/wishes/export.xlsx', filter)}
        >
          <ListFilterBar<Status>
            testId="wishes"
            region={{ value: within, onChange: (v) => reset(() => setWithin(v)) }}
            state={{
              param: 'status',
              title: 'wishes.status',
              labels: 'wishes.status',
              codes: STATUSES,
              value: status,
              onChange: (v) => reset(() => setStatus(v)),
              width: 180,
            }}
          />
        </ListToolbar>
        <Table<Wish>
          {...table}
          columns={[
            { title: t('wishes.number'), dataIndex: 'number', width: 150, ...sortable(sort, 'number') },
            { title: t('wishes.wish'), dataIndex: 'title', ...sortable(sort, 'title') },
            { title: t('wishes.beneficiary'), dataIndex: 'beneficiary', width: 100 },
            {
              title: t('wishes.kind'),
              dataIndex: 'beneficiaryKind',
              width: 120,
              render: (k: string) => label('wishes.kind', k),
            },
            { title: t('wishes.grid'), dataIndex: 'gridName', width: 160, ...sortable(sort, 'grid') },
            {
              title: t('wishes.status'),
              width: 110,
              ...sortable(sort, 'status'),
              render: (_: unknown, w: Wish) => <WishStatusTag status={w.status} />,
            },
            {
              title: t('wishes.claimers'),
              key: 'claimers',
              render: (_: unknown, w: Wish) => (
                <span>
                  {w.claimerNames.join('、') || '—'}
                  {w.maxClaimers > 1 && (
                    <Tag style={{ marginLeft: 6 }}>
                      {t('wishes.share', { n: w.activeClaims, max: w.maxClaimers })}
                    </Tag>
                  )}
                </span>
              ),
            },
            {
              title: t('wishes.createdAt'),
              dataIndex: 'createdAt',
              width: 140,
              ...sortable(sort, 'createdAt'),
              render: (d: string) => fmtTime(d),
            },
          ]}
        />
      </Card>
      <WishDrawer id={openId} onClose={() => navigate('/wishes')} onChanged={() => setTick((n) => n + 1)} />
    </Space>
  );
}
