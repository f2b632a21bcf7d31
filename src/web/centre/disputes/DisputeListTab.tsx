import { Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { exportUrl, ListToolbar, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';

type Get = paths['/api/v1/disputes']['get'];
type Item = Get['responses'][200]['content']['application/json']['items'][number];
type Sort = NonNullable<Get['parameters']['query']>['sort'];
const PAGE = 20;

/** 矛盾纠纷台账: the list with the shared toolbar (search, total, export) and server-sorted columns. */
export function DisputeListTab() {
  const { t, label } = useLang();
  const { can } = useSession();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<Sort | undefined>();
  const filter = { ...search, sort };
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/disputes', {
          params: { query: { ...filter, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [page, search.q, search.number, sort],
  );
  const table = useListTable<Item>({
    list,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => setSort(v as Sort),
    href: (r) => `/disputes/${r.id}`,
    rowTestId: (r) => `dispute-row-${r.id}`,
    filter,
  });
  return (
    <>
      <ListToolbar
        testId="disputes"
        search={search.number ?? search.q}
        onSearch={setSearch}
        total={list.data?.total}
        canExport={can('disputes.export')}
        exportHref={exportUrl('/api/v1/disputes/export.xlsx', filter)}
      />
      <Table<Item>
        {...table}
        data-testid="disputes-table"
        columns={[
          { title: t('disputes.number'), dataIndex: 'number', ...sortable(sort, 'number') },
          {
            title: t('disputes.type'),
            render: (_, r) => label('disputes.type', r.type),
            ...sortable(sort, 'type'),
          },
          { title: t('disputes.summary'), dataIndex: 'summary', ellipsis: true },
          {
            title: t('disputes.risk'),
            render: (_, r) => label('disputes.risk', r.riskLevel),
            ...sortable(sort, 'risk'),
          },
          {
            title: t('disputes.tier'),
            render: (_, r) => label('disputes.tier', r.tier),
            ...sortable(sort, 'tier'),
          },
          {
            title: t('disputes.state'),
            render: (_, r) => (
              <Tag color={r.overdue ? 'red' : undefined}>{label('disputes.state', r.state)}</Tag>
            ),
            ...sortable(sort, 'state'),
          },
          {
            title: t('disputes.deadline'),
            render: (_, r) => fmtTime(r.deadlineAt),
            ...sortable(sort, 'deadlineAt'),
          },
        ]}
      />
    </>
  );
}
