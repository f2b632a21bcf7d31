import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { RegionPicker } from '../common/RegionPicker.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';
import { CARE_TAGS, type Resident, type ResidentQuery } from '../types.js';
import { HouseholdDrawer } from './HouseholdDrawer.js';
import { residentColumns } from './residentColumns.js';

const PAGE = 50;
type Search = Pick<ResidentQuery, 'name' | 'idNumber' | 'phone' | 'reason' | 'within' | 'careTag'>;
type ResidentSort = NonNullable<paths['/api/v1/residents']['get']['parameters']['query']>['sort'];
/** The columns the server sorts by: the table's field → the list's sort key. */
const SORTS: Record<string, string> = { name: 'name', birthYear: 'birthDate' };

/**
 * Residents (GET /residents): search by name; exact ID number or phone only for those who may
 * reveal, with a reason (the server audits and rate-limits it); masked, reveal on demand.
 */
export function ResidentsTab() {
  const l = useLang();
  const { t, label, lang } = l;
  const { can } = useSession();
  const [search, setSearch] = useState<Search>({});
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<ResidentSort | undefined>();
  const [words, setWords] = useState<ListSearch>({});
  const [household, setHousehold] = useState<number | null>(null);
  const res = useLoad(
    () =>
      ok(
        api.GET('/api/v1/residents', {
          params: { query: { ...search, ...words, sort, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [JSON.stringify(search), page, sort, words.q, words.number],
  );
  // the export is what is filtered, never an exact search (that is a reveal, not a list)
  const { idNumber: _id, phone: _phone, reason: _reason, ...listed } = search;
  const exact = Boolean(search.idNumber || search.phone);
  const table = useListTable<Resident>({
    list: res,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => setSort(v as ResidentSort),
    rowTestId: (r) => `resident-row-${r.id}`,
    filter: [search, words],
  });

  function submit(v: Search) {
    const clean = Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x.trim() || undefined : x]),
    ) as Search;
    setSearch(clean);
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Form layout="inline" onFinish={submit} style={{ rowGap: 8 }}>
        <Form.Item name="name">
          <Input
            placeholder={t('people.searchName')}
            allowClear
            style={{ width: 150 }}
            data-testid="resident-name"
          />
        </Form.Item>
        {can('people.reveal') && (
          <>
            <Form.Item name="idNumber">
              <Input
                placeholder={t('people.searchId')}
                allowClear
                style={{ width: 200 }}
                data-testid="resident-id"
              />
            </Form.Item>
            <Form.Item name="phone">
              <Input
                placeholder={t('people.searchPhone')}
                allowClear
                style={{ width: 160 }}
                data-testid="resident-phone"
              />
            </Form.Item>
            <Form.Item name="reason">
              <Input
                placeholder={t('people.searchReason')}
                allowClear
                maxLength={200}
                style={{ width: 240 }}
                data-testid="resident-reason"
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="within">
          <RegionPicker onChange={() => undefined} testId="resident-region" />
        </Form.Item>
        <Form.Item name="careTag">
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('people.careTags')}
            aria-label={t('people.careTags')}
            options={CARE_TAGS.map((c) => ({ value: c, label: label('care', c) }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="resident-search">
          {t('common.search')}
        </Button>
      </Form>
      <ListToolbar
        testId="residents"
        search={words.number ?? words.q}
        onSearch={setWords}
        total={res.data?.total}
        canExport={can('people.export') && !exact}
        exportHref={exportUrl('/api/v1/residents/export.xlsx', { ...listed, ...words, sort })}
      />
      {res.error !== undefined && <Alert type="error" showIcon title={errorText(res.error, lang)} />}
      <Table<Resident>
        {...table}
        data-testid="residents-table"
        columns={residentColumns(l, can('people.reveal'), setHousehold).map((c) => {
          const key = 'dataIndex' in c ? SORTS[String(c.dataIndex)] : undefined;
          return key ? { ...c, ...sortable(sort, key) } : c;
        })}
        scroll={{ x: 1100 }}
      />
      <HouseholdDrawer id={household} onClose={() => setHousehold(null)} />
    </Space>
  );
}
