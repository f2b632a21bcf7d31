import { App, Button, Checkbox, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';
import { ITEMS, type ItemKind } from './items.js';
import { ResidentSelect } from './ResidentSelect.js';

type Loan =
  paths['/api/v1/station-loans']['get']['responses'][200]['content']['application/json']['items'][number];
type Query = NonNullable<paths['/api/v1/station-loans']['get']['parameters']['query']>;
const PAGE = 50;

/** 便民借用: the loans of the stations in scope; lend, take back (late returns recorded), record lost. */
export function LoansTab({ within }: { within?: string }) {
  const { t, label, lang } = useLang();
  const { can } = useSession();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [overdue, setOverdue] = useState(false);
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<Query['sort']>();
  const [tick, setTick] = useState(0);
  const [form, setForm] = useState<{
    stationId?: number;
    itemKind?: ItemKind;
    residentId?: number;
    days: number;
  }>({
    days: 7,
  });
  const filter = { within, overdue: overdue ? ('true' as const) : undefined, ...search, sort };
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/station-loans', {
          params: { query: { ...filter, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [within, overdue, search.q, search.number, sort, page, tick],
  );
  const reset = (fn: () => void) => (fn(), setPage(1));
  const table = useListTable<Loan>({
    list,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => reset(() => setSort(v as Query['sort'])),
    rowTestId: (l) => `loan-row-${l.id}`,
  });
  const stations = useLoad(
    () => ok(api.GET('/api/v1/stations', { params: { query: { within, limit: 200 } } })),
    [within],
  );
  const lend = can('stations.lend');
  const run = async (p: Promise<unknown>) => {
    try {
      await p;
      setTick((n) => n + 1);
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  const act = (l: Loan, action: 'return' | 'lose') =>
    run(
      ok(
        api.POST('/api/v1/station-loans/{id}/{action}', {
          params: { path: { id: l.id, action } },
          body: { version: l.version },
        }),
      ),
    );

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {lend && (
        <Space wrap data-testid="lend-form">
          <Select<number>
            style={{ width: 220 }}
            placeholder={t('st.station')}
            value={form.stationId}
            onChange={(v) => setForm({ ...form, stationId: v })}
            options={(stations.data?.items ?? [])
              .filter((s) => s.lends)
              .map((s) => ({ value: s.id, label: s.name }))}
            data-testid="lend-station"
          />
          <Select<ItemKind>
            style={{ width: 140 }}
            placeholder={t('st.item')}
            value={form.itemKind}
            onChange={(v) => setForm({ ...form, itemKind: v })}
            options={ITEMS.map((k) => ({ value: k, label: label('st.item', k) }))}
            data-testid="lend-item"
          />
          <ResidentSelect
            value={form.residentId}
            onChange={(residentId) => setForm({ ...form, residentId })}
            within={within}
            testId="lend-resident"
          />
          <InputNumber<number>
            min={1}
            max={90}
            value={form.days}
            onChange={(v) => setForm({ ...form, days: v ?? 7 })}
            addonAfter={t('st.days')}
            data-testid="lend-days"
          />
          <Button
            type="primary"
            disabled={!form.stationId || !form.itemKind || !form.residentId}
            data-testid="lend-save"
            onClick={() =>
              run(
                ok(
                  api.POST('/api/v1/station-loans', {
                    body: {
                      stationId: form.stationId!,
                      itemKind: form.itemKind!,
                      residentId: form.residentId!,
                      days: form.days,
                    },
                  }),
                ),
              )
            }
          >
            {t('st.lend')}
          </Button>
        </Space>
      )}
      <ListToolbar
        testId="loans"
        search={search.number ?? search.q}
        onSearch={(v) => reset(() => setSearch(v))}
        total={list.data?.total}
        canExport={can('stations.export')}
        exportHref={exportUrl('/api/v1/station-loans/export.xlsx', filter)}
      >
        <Checkbox
          checked={overdue}
          onChange={(e) => reset(() => setOverdue(e.target.checked))}
          data-testid="loans-overdue"
        >
          {t('st.onlyOverdue')}
        </Checkbox>
      </ListToolbar>
      <Table<Loan>
        {...table}
        data-testid="loan-table"
        columns={[
          {
            title: t('st.item'),
            dataIndex: 'itemKind',
            width: 110,
            ...sortable(sort, 'item'),
            render: (k: string) => label('st.item', k),
          },
          { title: t('st.resident'), dataIndex: 'residentName', width: 100, ...sortable(sort, 'resident') },
          { title: t('st.station'), dataIndex: 'stationName', width: 200, ...sortable(sort, 'station') },
          {
            title: t('st.lentAt'),
            dataIndex: 'lentAt',
            width: 170,
            ...sortable(sort, 'lentAt'),
            render: (d: string) => new Date(d).toLocaleString(),
          },
          {
            title: t('st.dueAt'),
            dataIndex: 'dueAt',
            width: 170,
            ...sortable(sort, 'dueAt'),
            render: (d: string) => new Date(d).toLocaleString(),
          },
          {
            title: t('st.state'),
            width: 170,
            ...sortable(sort, 'state'),
            render: (_: unknown, l) => (
              <Space size={4}>
                <Tag>{label('st.state', l.state)}</Tag>
                {l.overdue && <Tag color="red">{t('st.overdue')}</Tag>}
                {l.returnedLate && <Tag color="orange">{t('st.late')}</Tag>}
              </Space>
            ),
          },
          {
            title: '',
            width: 170,
            render: (_: unknown, l) =>
              lend && l.state === 'lent' ? (
                <Space>
                  <Button size="small" onClick={() => act(l, 'return')} data-testid={`loan-return-${l.id}`}>
                    {t('st.return')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => act(l, 'lose')}
                    data-testid={`loan-lose-${l.id}`}
                  >
                    {t('st.lose')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
