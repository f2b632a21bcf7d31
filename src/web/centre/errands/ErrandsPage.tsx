import { Button, Card, Col, Row, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { ListFilterBar } from '../common/ListFilterBar.js';
import { useSession } from '../session.js';
import type { paths } from '../../shared/api-schema.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { ErrandDrawer } from './ErrandDrawer.js';
import { WalkInModal } from './WalkInModal.js';
import { StatusTag, type Errand } from './StatusTag.js';

const STATUSES = [
  'requested',
  'accepted',
  'at_township',
  'at_county',
  'returned',
  'done',
  'confirmed',
  'declined',
  'cancelled',
] as const;
type Status = (typeof STATUSES)[number];
const PAGE = 20;

/** 微代办 · 全程代办: the errands of my scope with filters, counts and a drawer with the offered actions. */
type ErrandSort = NonNullable<paths['/api/v1/errands']['get']['parameters']['query']>['sort'];

export function ErrandsPage({ route }: { route: Route }) {
  const { t, label, lang } = useLang();
  const [within, setWithin] = useState<string | undefined>();
  // the workbench links here with ?status= or ?overdue=true
  const [status, setStatus] = useState<Status | undefined>(() =>
    STATUSES.find((x) => x === route.query.get('status')),
  );
  const [overdue, setOverdue] = useState(() => route.query.get('overdue') === 'true');
  const [page, setPage] = useState(1);
  const [tick, setTick] = useState(0);
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<ErrandSort | undefined>();
  const [walkIn, setWalkIn] = useState(false);
  const { can } = useSession();
  const filter = { within, status, ...(overdue ? { overdue: 'true' as const } : {}), ...search, sort };
  const openId = Number(route.path[1]) || null;
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/errands', {
          params: {
            query: {
              ...filter,
              limit: PAGE,
              offset: (page - 1) * PAGE,
            },
          },
        }),
      ),
    [within, status, overdue, page, tick, search.q, search.number, sort],
  );
  const stats = useLoad(
    () => ok(api.GET('/api/v1/errands/stats', { params: { query: { within } } })),
    [within, tick],
  );
  const s = stats.data;
  const rated = s ? s.ratings.satisfied + s.ratings.basically_satisfied + s.ratings.dissatisfied : 0;
  const reset = (fn: () => void) => (fn(), setPage(1));
  const table = useListTable<Errand>({
    list,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => reset(() => setSort(v as ErrandSort | undefined)),
    href: (r) => `/errands/${r.id}`,
    rowTestId: (r) => `errand-row-${r.number}`,
  });

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Row gutter={12}>
        {[
          { key: 'total', value: s?.total },
          { key: 'open', value: s ? (s.byStatus.requested ?? 0) + (s.byStatus.accepted ?? 0) : undefined },
          { key: 'done', value: s?.done },
          { key: 'overdue', value: s?.overdue },
        ].map((x) => (
          <Col span={5} key={x.key}>
            <Card size="small">
              <Statistic
                title={t(`errands.stats.${x.key}` as 'errands.stats.total')}
                value={x.value ?? '—'}
                loading={stats.loading && !s}
                data-testid={`errands-stat-${x.key}`}
              />
            </Card>
          </Col>
        ))}
        <Col span={4}>
          <Card size="small">
            <Statistic
              title={t('errands.stats.satisfaction')}
              value={
                rated && s
                  ? Math.round(((s.ratings.satisfied + s.ratings.basically_satisfied) / rated) * 100)
                  : '—'
              }
              suffix={rated ? '%' : undefined}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('errands.title')}>
        <ListToolbar
          testId="errands"
          search={search.number ?? search.q}
          onSearch={(v) => reset(() => setSearch(v))}
          total={list.data?.total}
          canExport={can('errands.export')}
          exportHref={exportUrl('/api/v1/errands/export.xlsx', filter)}
        >
          <ListFilterBar<Status>
            testId="errands"
            region={{ value: within, onChange: (v) => reset(() => setWithin(v)) }}
            state={{
              param: 'status',
              title: 'errands.status',
              labels: 'errands.status',
              codes: STATUSES,
              value: status,
              onChange: (v) => reset(() => setStatus(v)),
              width: 180,
            }}
            overdue={{
              value: overdue,
              onChange: (v) => reset(() => setOverdue(v)),
              title: 'errands.overdueOnly',
            }}
          />
          {can('errands.register') && (
            <Button onClick={() => setWalkIn(true)} data-testid="errands-walkin">
              {t('errands.walkIn')}
            </Button>
          )}
        </ListToolbar>
        <Table<Errand>
          {...table}
          columns={[
            { title: t('errands.number'), dataIndex: 'number', width: 170, ...sortable(sort, 'number') },
            {
              title: t('errands.service'),
              ...sortable(sort, 'service'),
              render: (_: unknown, e: Errand) => (lang === 'zh' ? e.serviceName : e.serviceNameEn),
            },
            {
              title: t('errands.kind'),
              dataIndex: 'kind',
              width: 100,
              render: (k: string) => label('errands.kind', k),
            },
            { title: t('errands.grid'), dataIndex: 'gridName', width: 160, ...sortable(sort, 'grid') },
            {
              title: t('errands.requester'),
              key: 'who',
              width: 120,
              render: (_: unknown, e: Errand) => e.contactName ?? e.requesterName,
            },
            {
              title: t('errands.status'),
              width: 160,
              ...sortable(sort, 'status'),
              render: (_: unknown, e: Errand) => <StatusTag e={e} />,
            },
            {
              title: t('errands.assignee'),
              dataIndex: 'assigneeName',
              width: 150,
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('errands.createdAt'),
              dataIndex: 'createdAt',
              width: 140,
              ...sortable(sort, 'createdAt'),
              render: (d: string) => fmtTime(d),
            },
            {
              title: t('errands.dueAt'),
              dataIndex: 'dueAt',
              width: 140,
              ...sortable(sort, 'dueAt'),
              render: (d: string | null) => fmtTime(d),
            },
          ]}
        />
      </Card>
      {walkIn && (
        <WalkInModal
          open
          onClose={() => setWalkIn(false)}
          onDone={(id) => {
            setWalkIn(false);
            setTick((n) => n + 1);
            navigate(`/errands/${id}`);
          }}
        />
      )}
      <ErrandDrawer
        id={openId}
        onClose={() => navigate('/errands')}
        onChanged={() => setTick((n) => n + 1)}
      />
    </Space>
  );
}
