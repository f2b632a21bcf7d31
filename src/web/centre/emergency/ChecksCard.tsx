import { Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { ListFilterBar } from '../common/ListFilterBar.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';

type Check =
  paths['/api/v1/emergency-events/{id}/checks']['get']['responses'][200]['content']['application/json']['items'][number];
type Query = NonNullable<paths['/api/v1/emergency-events/{id}/checks']['get']['parameters']['query']>;
type Status = Check['status'];
const STATUSES: readonly Status[] = ['pending', 'safe', 'evacuated', 'needs_help', 'unreachable'];
const PAGE = 20;

/**
 * 核查名单: an event's households with their status, on the shared list toolbar (region, status,
 * words, the exact total, export) with server sorting and paging; `stamp` reloads it with the live map.
 */
export function ChecksCard({
  id,
  stamp,
  colours,
}: {
  id: number;
  stamp: number;
  colours: Record<string, string>;
}) {
  const { t, label } = useLang();
  const { can } = useSession();
  const [within, setWithin] = useState<string | undefined>();
  const [status, setStatus] = useState<Status | undefined>();
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<Query['sort']>();
  const [page, setPage] = useState(1);
  // checks have no number: whatever is typed is searched as words
  const filter = { within, status, q: search.q ?? search.number, sort };
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/emergency-events/{id}/checks', {
          params: { path: { id }, query: { ...filter, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [id, within, status, search.q, search.number, sort, page, stamp],
  );
  const reset = (fn: () => void) => (fn(), setPage(1));
  const table = useListTable<Check>({
    list,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => reset(() => setSort(v as Query['sort'])),
  });
  return (
    <Card size="small" title={t('emg.checks')}>
      <ListToolbar
        testId="emg-checks"
        search={filter.q}
        onSearch={(v) => reset(() => setSearch(v))}
        total={list.data?.total}
        canExport={can('emergency.export')}
        exportHref={exportUrl(`/api/v1/emergency-events/${id}/checks/export.xlsx`, filter)}
      >
        <ListFilterBar<Status>
          testId="emg-checks"
          region={{ value: within, onChange: (v) => reset(() => setWithin(v)) }}
          state={{
            param: 'status',
            title: 'emg.checkStatus',
            labels: 'emg.status',
            codes: STATUSES,
            value: status,
            onChange: (v) => reset(() => setStatus(v)),
            width: 130,
          }}
        />
      </ListToolbar>
      <Table<Check>
        {...table}
        data-testid="emg-checks-table"
        columns={[
          { title: t('emg.head'), dataIndex: 'name', width: 110, ...sortable(sort, 'name') },
          { title: t('emg.address'), dataIndex: 'address', ...sortable(sort, 'address') },
          { title: t('emg.grid'), dataIndex: 'gridName', width: 170, ...sortable(sort, 'grid') },
          {
            title: t('emg.care'),
            dataIndex: 'careTags',
            width: 160,
            render: (tags: string[]) => tags.map((c) => label('care', c)).join('、'),
          },
          {
            title: t('emg.checkStatus'),
            dataIndex: 'status',
            width: 100,
            ...sortable(sort, 'status'),
            render: (s: string) => <Tag color={colours[s]}>{label('emg.status', s)}</Tag>,
          },
          {
            title: t('emg.reportedAt'),
            dataIndex: 'reportedAt',
            width: 150,
            ...sortable(sort, 'reportedAt'),
            render: (v: string | null) => (v ? fmtTime(v) : ''),
          },
        ]}
      />
    </Card>
  );
}
