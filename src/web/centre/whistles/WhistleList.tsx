import { Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { ListFilterBar } from '../common/ListFilterBar.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';
import { Clock } from './WhistleDrawer.js';

type Item =
  paths['/api/v1/whistles']['get']['responses'][200]['content']['application/json']['items'][number];
type Query = NonNullable<paths['/api/v1/whistles']['get']['parameters']['query']>;
const STATES = ['raised', 'answered', 'confirmed'] as const;
const PAGE = 50;

/**
 * The whistles I see (a department: its inbox) as a list officials work with: region, state and
 * overdue filters, number or words searched, sorted by its columns on the server, the exact total,
 * and the Excel export of what is filtered.
 */
export function WhistleList({ inbox, tick }: { inbox: boolean; tick: number }) {
  const { t, label } = useLang();
  const { can } = useSession();
  const [within, setWithin] = useState<string | undefined>();
  const [state, setState] = useState<Query['state']>();
  const [overdue, setOverdue] = useState(false);
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<Query['sort']>();
  const [page, setPage] = useState(1);
  const filter = {
    within,
    state,
    ...(overdue ? { overdue: 'true' as const } : {}),
    ...(inbox ? { inbox: 'true' as const } : {}),
    ...search,
    sort,
  };
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/whistles', {
          params: { query: { ...filter, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [inbox, tick, within, state, overdue, search.q, search.number, sort, page],
  );
  const reset = (fn: () => void) => (fn(), setPage(1));
  const table = useListTable<Item>({
    list,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => reset(() => setSort(v as Query['sort'])),
    href: (r) => `/whistles/${r.id}`,
    rowTestId: (r) => `whistle-row-${r.number}`,
  });
  return (
    <>
      <ListToolbar
        testId="whistles"
        search={search.number ?? search.q}
        onSearch={(v) => reset(() => setSearch(v))}
        total={list.data?.total}
        canExport={can('whistles.export')}
        exportHref={exportUrl('/api/v1/whistles/export.xlsx', filter)}
      >
        <ListFilterBar<NonNullable<Query['state']>>
          testId="whistles"
          region={inbox ? undefined : { value: within, onChange: (v) => reset(() => setWithin(v)) }}
          state={{
            param: 'state',
            title: 'whistles.state',
            labels: 'whistles.state',
            codes: STATES,
            value: state,
            onChange: (v) => reset(() => setState(v)),
            width: 150,
          }}
          overdue={{
            value: overdue,
            onChange: (v) => reset(() => setOverdue(v)),
            title: 'whistles.overdueOnly',
          }}
        />
      </ListToolbar>
      <Table<Item>
        {...table}
        data-testid="whistle-table"
        columns={[
          { title: t('whistles.number'), dataIndex: 'number', ...sortable(sort, 'number') },
          { title: t('whistles.subject'), dataIndex: 'subject' },
          { title: t('whistles.region'), dataIndex: 'regionName', ...sortable(sort, 'region') },
          {
            title: t('whistles.department'),
            dataIndex: 'departmentName',
            ...sortable(sort, 'department'),
          },
          {
            title: t('whistles.state'),
            ...sortable(sort, 'state'),
            render: (_, w) => (
              <Space size={4}>
                <Tag>{label('whistles.state', w.state)}</Tag>
                {w.kind === 'enterprise' ? <Tag color="purple">{label('whistles.kind', w.kind)}</Tag> : null}
              </Space>
            ),
          },
          { title: t('whistles.clock'), ...sortable(sort, 'dueAt'), render: (_, w) => <Clock w={w} /> },
          { title: t('whistles.handOnCount'), dataIndex: 'handOnCount' },
        ]}
      />
    </>
  );
}
