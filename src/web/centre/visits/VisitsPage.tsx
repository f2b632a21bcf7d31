import { Button, Card, Progress, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { ListToolbar, exportUrl, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { useSession } from '../session.js';
import type { paths } from '../../shared/api-schema.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { HouseholdDrawer } from '../people/HouseholdDrawer.js';
import { CareTags } from '../people/residentColumns.js';
import { navigate, type Route } from '../router.js';
import { VisitTable, type Visit, type VisitSort } from './VisitTable.js';

type Json<P extends keyof paths> = paths[P]['get'] extends {
  responses: { 200: { content: { 'application/json': infer R } } };
}
  ? R
  : never;
type SummaryRow = Json<'/api/v1/visits/summary'>['items'][number];
type DueRow = Json<'/api/v1/visits/due'>['items'][number];
type VisitQuery = NonNullable<paths['/api/v1/visits']['get']['parameters']['query']>;
const KINDS = ['routine', 'care', 'follow_up', 'campaign'] as const;
const OUTCOMES = ['all_well', 'needs_help', 'issue_reported', 'not_home'] as const;

const PAGE = 20;
/** The region above `code` inside the county (division codes nest by prefix: 6, 9, 12, 15 digits). */
const parentOf = (code: string) => (code.length > 6 ? code.slice(0, code.length - 3) : null);

/** 入户走访: coverage per region with drill-down (county → township → village → grid), households due, recent visits. */
export function VisitsPage({ route }: { route: Route }) {
  const l = useLang();
  const { t, label } = l;
  const within = route.query.get('within') ?? undefined;
  const [duePage, setDuePage] = useState(1);
  const [recentPage, setRecentPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const [kind, setKind] = useState<VisitQuery['kind']>();
  const [outcome, setOutcome] = useState<VisitQuery['outcome']>();
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<VisitSort>();
  const { can } = useSession();
  const filter = { within, kind, outcome, ...search, sort };
  const summary = useLoad(
    () => ok(api.GET('/api/v1/visits/summary', { params: { query: { within } } })),
    [within],
  );
  const due = useLoad(
    () =>
      ok(
        api.GET('/api/v1/visits/due', {
          params: { query: { within, limit: PAGE, offset: (duePage - 1) * PAGE } },
        }),
      ),
    [within, duePage],
  );
  const recent = useLoad(
    () =>
      ok(
        api.GET('/api/v1/visits', {
          params: { query: { ...filter, limit: PAGE, offset: (recentPage - 1) * PAGE } },
        }),
      ),
    [within, recentPage, kind, outcome, search.q, search.number, sort],
  );
  const dueTable = useListTable<DueRow>({
    list: due,
    page: duePage,
    pageSize: PAGE,
    onPage: setDuePage,
    onRowClick: (h) => setOpen(h.id),
    rowTestId: (h) => `visits-due-row-${h.id}`,
    filter: within,
  });
  const recentTable = useListTable<Visit>({
    list: recent,
    page: recentPage,
    pageSize: PAGE,
    onPage: setRecentPage,
    onSort: (v) => setSort(v as VisitSort),
    rowTestId: (v) => `visit-row-${v.id}`,
    filter,
  });
  // a new region starts both lists at page 1 (their `filter`)
  const go = (code: string | null) => navigate('/visits', { within: code ?? undefined });
  const node = summary.data?.code;
  const up = node ? parentOf(node) : null;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={t('visits.coverage')}
        extra={
          up && (
            <Button onClick={() => go(up)} data-testid="visits-up">
              {t('visits.up')}
            </Button>
          )
        }
      >
        <Typography.Text type="secondary">{t('visits.drillHint')}</Typography.Text>
        <Table<SummaryRow>
          className="wg-clickable-rows"
          rowKey="code"
          size="small"
          loading={summary.loading}
          dataSource={summary.data?.items ?? []}
          pagination={false}
          data-testid="visits-summary"
          onRow={(r) =>
            ({
              onClick: () => r.code !== node && go(r.code),
              'data-testid': `summary-${r.code}`,
            }) as HTMLAttributes<HTMLElement>
          }
          columns={[
            { title: t('visits.region'), dataIndex: 'name' },
            { title: t('visits.households'), dataIndex: 'households', width: 110, align: 'right' },
            { title: t('visits.dueNow'), dataIndex: 'dueNow', width: 110, align: 'right' },
            { title: t('visits.visited30d'), dataIndex: 'visited30d', width: 140, align: 'right' },
            {
              title: t('visits.coveragePct'),
              dataIndex: 'coverage',
              width: 200,
              render: (c: number) => (
                <Progress percent={c} size="small" aria-label={`${t('visits.coveragePct')} ${c}%`} />
              ),
            },
          ]}
        />
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'due',
              label: `${t('visits.dueList')}${due.data ? ` (${due.data.total})` : ''}`,
              children: (
                <Table<DueRow>
                  {...dueTable}
                  data-testid="visits-due"
                  columns={[
                    { title: t('visits.address'), dataIndex: 'address' },
                    { title: t('visits.grid'), dataIndex: 'gridName', width: 180 },
                    {
                      title: t('visits.careTags'),
                      dataIndex: 'careTags',
                      width: 240,
                      render: (tags: string[]) => <CareTags tags={tags} l={l} />,
                    },
                    {
                      title: t('visits.lastVisit'),
                      dataIndex: 'lastVisitAt',
                      width: 150,
                      render: (d: string | null) => fmtTime(d),
                    },
                    {
                      title: t('visits.overdue'),
                      dataIndex: 'overdueDays',
                      width: 120,
                      render: (n: number | null, h: DueRow) =>
                        h.dueAt === null ? (
                          <Tag color="red">{t('visits.never')}</Tag>
                        ) : (
                          <Tag color={n && n > 0 ? 'orange' : 'default'}>
                            {t('visits.overdueDays', { n: n ?? 0 })}
                          </Tag>
                        ),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'recent',
              label: `${t('visits.recent')}${recent.data ? ` (${recent.data.total})` : ''}`,
              children: (
                <>
                  <ListToolbar
                    testId="visits"
                    search={search.number ?? search.q}
                    onSearch={setSearch}
                    total={recent.data?.total}
                    canExport={can('visits.export')}
                    exportHref={exportUrl('/api/v1/visits/export.xlsx', filter)}
                    placeholder={t('visits.searchHint')}
                  >
                    <Select<VisitQuery['kind']>
                      allowClear
                      style={{ width: 140 }}
                      placeholder={t('visits.kindCol')}
                      aria-label={t('visits.kindCol')}
                      value={kind}
                      onChange={setKind}
                      options={KINDS.map((v) => ({ value: v, label: label('visits.kind', v) }))}
                      data-testid="visits-kind"
                    />
                    <Select<VisitQuery['outcome']>
                      allowClear
                      style={{ width: 160 }}
                      placeholder={t('visits.outcomeCol')}
                      aria-label={t('visits.outcomeCol')}
                      value={outcome}
                      onChange={setOutcome}
                      options={OUTCOMES.map((v) => ({ value: v, label: label('visits.outcome', v) }))}
                      data-testid="visits-outcome"
                    />
                  </ListToolbar>
                  <VisitTable table={recentTable} sort={{ current: sort }} />
                </>
              ),
            },
          ]}
        />
      </Card>
      <HouseholdDrawer id={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
