import { Button, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { RegionPicker } from '../common/RegionPicker.js';
import type { paths } from '../../shared/api-schema.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { CARE_TAGS, type CareTag, type Household } from '../types.js';
import { HouseholdDrawer } from './HouseholdDrawer.js';
import { ExcelPanel } from './ExcelPanel.js';
import { CareTags } from './residentColumns.js';
import { NewHousehold } from './HouseholdForms.js';
import { useSession } from '../session.js';

const PAGE = 20;
type HouseholdSort = NonNullable<paths['/api/v1/households']['get']['parameters']['query']>['sort'];

/**
 * Households in my scope (GET /households), filtered by region and care tag, searched by number or
 * words, sorted by its columns; the toolbar shows the exact total and exports what is filtered.
 */
export function HouseholdsTab() {
  const l = useLang();
  const { t, label } = l;
  const [within, setWithin] = useState<string | undefined>();
  const [careTag, setCareTag] = useState<CareTag | undefined>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<HouseholdSort | undefined>();
  const { can } = useSession();
  const filter = { within, careTag, ...search, sort };
  const res = useLoad(
    () =>
      ok(
        api.GET('/api/v1/households', {
          params: { query: { ...filter, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [within, careTag, page, search.q, search.number, sort],
  );
  const table = useListTable<Household>({
    list: res,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => setSort(v as HouseholdSort),
    onRowClick: (h) => setOpen(h.id),
    rowTestId: (h) => `household-row-${h.id}`,
    filter,
  });

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ListToolbar
        testId="households"
        search={search.number ?? search.q}
        onSearch={setSearch}
        total={res.data?.total}
        canExport={can('people.export')}
        exportHref={exportUrl('/api/v1/households/list.xlsx', filter)}
        extra={
          <>
            <ExcelPanel onImported={res.reload} />
            {can('people.edit') && (
              <Button type="primary" onClick={() => setAdding(true)} data-testid="hh-new-open">
                {t('regf.newHousehold')}
              </Button>
            )}
          </>
        }
      >
        <RegionPicker value={within} onChange={setWithin} testId="households-region" />
        <Select<CareTag>
          allowClear
          style={{ width: 200 }}
          placeholder={t('people.careTags')}
          aria-label={t('people.careTags')}
          value={careTag}
          onChange={setCareTag}
          options={CARE_TAGS.map((c) => ({ value: c, label: label('care', c) }))}
          data-testid="households-care"
        />
      </ListToolbar>
      <NewHousehold
        open={adding}
        onClose={() => setAdding(false)}
        onDone={(id) => (setAdding(false), res.reload(), id && setOpen(id))}
      />
      <Table<Household>
        {...table}
        data-testid="households-table"
        columns={[
          { title: t('people.address'), dataIndex: 'address', ...sortable(sort, 'address') },
          { title: t('case.grid'), dataIndex: 'gridName', width: 180, ...sortable(sort, 'grid') },
          { title: t('people.members'), dataIndex: 'memberCount', width: 90, ...sortable(sort, 'members') },
          {
            title: t('people.careTags'),
            dataIndex: 'careTags',
            width: 260,
            render: (tags: string[]) => <CareTags tags={tags} l={l} />,
          },
          {
            title: t('people.lastVisit'),
            dataIndex: 'lastVisitAt',
            width: 150,
            ...sortable(sort, 'lastVisitAt'),
            render: (d: string | null) => fmtTime(d),
          },
        ]}
      />
      <HouseholdDrawer id={open} onClose={() => (setOpen(null), res.reload())} />
    </Space>
  );
}
