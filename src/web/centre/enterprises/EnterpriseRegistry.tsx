import { Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';
import type { EnterpriseItem } from './types.js';

const COVERAGE = ['all', 'party_org', 'instructor', 'none', 'helped'] as const;
type Coverage = (typeof COVERAGE)[number];
type EnterpriseSort = NonNullable<paths['/api/v1/enterprises']['get']['parameters']['query']>['sort'];
const SIZE = 20;
/** A part of a unified social credit code (letters and digits, at least one digit) or else words. */
const CREDIT = /^(?=.*\d)[0-9A-Za-z]{3,18}$/;
function searchOfText(s: ListSearch): ListSearch {
  const v = s.q ?? s.number;
  if (!v) return {};
  return CREDIT.test(v) ? { number: v } : { q: v };
}

/**
 * The register of enterprises and social organisations of a region (GET /enterprises): by party
 * coverage, searched by name, address or credit code, sorted by its columns, the exact total and the
 * export of what is filtered (issue 11).
 */
export function EnterpriseRegistry({
  within,
  tick,
  onOpen,
}: {
  within?: string;
  tick: number;
  onOpen: (id: number) => void;
}) {
  const { t } = useLang();
  const { can } = useSession();
  const [coverage, setCoverage] = useState<Coverage>('all');
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<EnterpriseSort | undefined>();
  const [page, setPage] = useState(1);
  const filter = { within, coverage: coverage === 'all' ? undefined : coverage, ...search, sort };
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/enterprises', {
          params: { query: { ...filter, limit: SIZE, offset: (page - 1) * SIZE } },
        }),
      ),
    [within, coverage, search.q, search.number, sort, page, tick],
  );
  const table = useListTable<EnterpriseItem>({
    list,
    page,
    pageSize: SIZE,
    onPage: setPage,
    onSort: (v) => setSort(v as EnterpriseSort),
    onRowClick: (e) => onOpen(e.id),
    rowTestId: (e) => `ent-row-${e.id}`,
    filter,
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ListToolbar
        testId="ent"
        search={search.number ?? search.q}
        onSearch={(v) => setSearch(searchOfText(v))}
        total={list.data?.total}
        canExport={can('enterprises.export')}
        exportHref={exportUrl('/api/v1/enterprises/export.xlsx', filter)}
      >
        <Segmented
          value={coverage}
          onChange={(v) => setCoverage(v as Coverage)}
          options={COVERAGE.map((c) => ({ value: c, label: t(`ent.coverage.${c}`) }))}
        />
      </ListToolbar>
      <Table<EnterpriseItem>
        {...table}
        data-testid="ent-table"
        columns={[
          { title: t('ent.name'), dataIndex: 'name', ...sortable(sort, 'name') },
          {
            title: t('ent.kind'),
            dataIndex: 'kind',
            width: 90,
            render: (k: EnterpriseItem['kind']) => t(`ent.kind.${k}`),
          },
          {
            title: t('ent.creditCode'),
            dataIndex: 'creditCode',
            width: 180,
            ...sortable(sort, 'creditCode'),
          },
          { title: t('ent.grid'), dataIndex: 'gridName', width: 150, ...sortable(sort, 'grid') },
          { title: t('ent.sector'), dataIndex: 'sector', width: 130 },
          {
            title: t('ent.partyOrg'),
            dataIndex: 'partyOrgName',
            render: (n: string | null) => n ?? '—',
          },
          {
            title: t('ent.instructor'),
            dataIndex: 'instructorName',
            width: 90,
            render: (n: string | null) => n ?? '—',
          },
          {
            title: t('ent.openNeeds'),
            dataIndex: 'openNeeds',
            width: 100,
            ...sortable(sort, 'openNeeds'),
            render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : '—'),
          },
        ]}
      />
    </Space>
  );
}
