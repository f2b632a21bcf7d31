import { Alert, Button, Space, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { ListFilterBar } from '../common/ListFilterBar.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { Coverage, useListColumns } from '../campaigns/parts.js';
import { CityDetail } from './CityDetail.js';
import { CityLaunchDrawer } from './CityLaunchDrawer.js';

type Item =
  paths['/api/v1/city-campaigns']['get']['responses'][200]['content']['application/json']['items'][number];
type County = Item['byCounty'][number];
type Query = NonNullable<paths['/api/v1/city-campaigns']['get']['parameters']['query']>;
type State = Item['state'];
const STATES: readonly State[] = ['running', 'closed'];
const PAGE = 50;

/** 全市响应: the city centre's campaigns over its counties (counts only), launching one, one's progress. `/city/<id>` */
export function CityPage({ route }: { route: Route }) {
  const id = Number(route.path[1]) || null;
  if (id) return <CityDetail key={id} id={id} within={route.query.get('within') ?? undefined} />;
  return <CityList />;
}

function CityList() {
  const { t } = useLang();
  const [state, setState] = useState<State | undefined>();
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<Query['sort']>();
  const [page, setPage] = useState(1);
  const columns = useListColumns<Item>(sort ?? '');
  const [launching, setLaunching] = useState(false);
  // campaigns have no number: whatever is typed is searched as words of the title
  const filter = { state, q: search.q ?? search.number, sort };
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/city-campaigns', {
          params: { query: { ...filter, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [state, search.q, search.number, sort, page],
  );
  const reset = (fn: () => void) => (fn(), setPage(1));
  const table = useListTable<Item>({
    list,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => reset(() => setSort(v as Query['sort'])),
    href: (c) => `/city/${c.id}`,
  });
  const running = (list.data?.items ?? []).filter((c) => c.state === 'running');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('city.countsOnly')} />
      <ListToolbar
        testId="city"
        search={filter.q}
        onSearch={(v) => reset(() => setSearch(v))}
        total={list.data?.total}
        canExport
        exportHref={exportUrl('/api/v1/city-campaigns/export.xlsx', filter)}
        extra={
          <Button type="primary" data-testid="city-launch" onClick={() => setLaunching(true)}>
            {t('city.launch')}
          </Button>
        }
      >
        <ListFilterBar<State>
          testId="city"
          state={{
            param: 'state',
            title: 'camp.state',
            labels: 'camp.state',
            codes: STATES,
            value: state,
            onChange: (v) => reset(() => setState(v)),
            width: 110,
          }}
        />
      </ListToolbar>
      <Table<Item>
        {...table}
        data-testid="city-table"
        columns={[{ title: t('camp.title'), dataIndex: 'title', ...sortable(sort, 'title') }, ...columns]}
      />
      {/* the city's indicator: coverage of each running campaign by county (counts only) */}
      {running.map((c) => (
        <Table<County>
          key={c.id}
          rowKey="code"
          size="small"
          pagination={false}
          title={() => `${t('city.counties')} · ${c.title}`}
          dataSource={c.byCounty}
          data-testid={`city-counties-${c.id}`}
          columns={[
            { title: t('city.county'), dataIndex: 'name' },
            { title: t('camp.targets'), dataIndex: 'targets', width: 80 },
            { title: t('camp.open'), dataIndex: 'open', width: 80 },
            {
              title: t('camp.coverage'),
              dataIndex: 'coverage',
              width: 200,
              render: (v: number) => <Coverage percent={v} />,
            },
          ]}
        />
      ))}
      <CityLaunchDrawer
        open={launching}
        onClose={() => setLaunching(false)}
        onLaunched={(id) => {
          setLaunching(false);
          navigate(`/city/${id}`);
        }}
      />
    </Space>
  );
}
