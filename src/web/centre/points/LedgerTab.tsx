import { Select, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';
import type { LedgerItem } from './types.js';

type Query = NonNullable<paths['/api/v1/points/ledger']['get']['parameters']['query']>;
type Direction = NonNullable<Query['direction']>;
const PAGE = 50;

/** 积分明细 (GET /points/ledger): every entry of the workers in my scope, newest first; never a ranking. */
export function LedgerTab() {
  const { t, label, lang } = useLang();
  const { can } = useSession();
  const [within, setWithin] = useState<string | undefined>();
  const [direction, setDirection] = useState<Direction | undefined>();
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<Query['sort']>();
  const [page, setPage] = useState(1);
  const filter = { within, direction, ...search, sort };
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/points/ledger', {
          params: { query: { ...filter, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [within, direction, search.q, search.number, sort, page],
  );
  const reset = (fn: () => void) => (fn(), setPage(1));
  const table = useListTable<LedgerItem>({
    list,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => reset(() => setSort(v as Query['sort'])),
    rowTestId: (e) => `ledger-row-${e.id}`,
  });
  return (
    <>
      <ListToolbar
        testId="ledger"
        search={search.number ?? search.q}
        onSearch={(v) => reset(() => setSearch(v))}
        total={list.data?.total}
        canExport={can('points.export')}
        exportHref={exportUrl('/api/v1/points/ledger/export.xlsx', filter)}
      >
        <RegionPicker value={within} onChange={(v) => reset(() => setWithin(v))} testId="ledger-region" />
        <Select<Direction>
          allowClear
          style={{ width: 120 }}
          placeholder={t('points.direction')}
          aria-label={t('points.direction')}
          value={direction}
          onChange={(v) => reset(() => setDirection(v))}
          options={(['earned', 'spent'] as const).map((d) => ({
            value: d,
            label: label('points.direction', d),
          }))}
          data-testid="ledger-direction"
        />
      </ListToolbar>
      <Table<LedgerItem>
        {...table}
        data-testid="ledger-table"
        columns={[
          {
            title: t('points.at'),
            dataIndex: 'at',
            width: 150,
            ...sortable(sort, 'at'),
            render: (a: string) => fmtTime(a),
          },
          { title: t('points.name'), dataIndex: 'workerName', width: 100, ...sortable(sort, 'worker') },
          { title: t('points.village'), dataIndex: 'villageName', width: 130 },
          { title: t('points.grid'), dataIndex: 'gridName', width: 130, ...sortable(sort, 'grid') },
          {
            title: t('points.reason'),
            ...sortable(sort, 'reason'),
            render: (_: unknown, e: LedgerItem) => (lang === 'zh' ? e.reasonZh : e.reasonEn),
          },
          {
            title: t('points.delta'),
            dataIndex: 'delta',
            width: 90,
            ...sortable(sort, 'delta'),
            render: (d: number) => (d > 0 ? `+${d}` : String(d)),
          },
          { title: t('points.note'), dataIndex: 'note', ellipsis: true },
        ]}
      />
    </>
  );
}
