import { Card, Descriptions, Drawer, Space, Table, Tabs, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { CoverageTab } from './CoverageTab.js';
import { LoansTab } from './LoansTab.js';

type Station =
  paths['/api/v1/stations']['get']['responses'][200]['content']['application/json']['items'][number];
type Activity =
  paths['/api/v1/station-activities']['get']['responses'][200]['content']['application/json']['items'][number];
const PAGE = 50;

/** 党群服务站 (issue 14, J9/J12): stations, their activities, lending, and the 500 m circle. */
export function StationsPage({ route }: { route: Route }) {
  const { t } = useLang();
  const tab = route.query.get('tab') ?? 'stations';
  const [within, setWithin] = useState<string | undefined>();
  return (
    <Card size="small" title={t('menu.stations')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <RegionPicker value={within} onChange={setWithin} testId="stations-region" />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate('/stations', { tab: k })}
        items={[
          {
            key: 'stations',
            label: t('st.tab.stations'),
            children: <StationList route={route} within={within} />,
          },
          { key: 'coverage', label: t('st.tab.coverage'), children: <CoverageTab within={within} /> },
          { key: 'activities', label: t('st.tab.activities'), children: <ActivityList within={within} /> },
          { key: 'loans', label: t('st.tab.loans'), children: <LoansTab within={within} /> },
        ]}
      />
    </Card>
  );
}

function StationList({ route, within }: { route: Route; within?: string }) {
  const { t, label } = useLang();
  const [page, setPage] = useState(1);
  const openId = Number(route.path[1]) || null;
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/stations', {
          params: { query: { within, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [within, page],
  );
  const one = useLoad(
    () =>
      openId
        ? ok(api.GET('/api/v1/stations/{id}', { params: { path: { id: openId } } }))
        : Promise.resolve(undefined),
    [openId],
  );
  return (
    <>
      <Table<Station>
        className="wg-clickable-rows"
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        onRow={(x) =>
          ({
            onClick: () => navigate(`/stations/${x.id}`),
            'data-testid': `station-row-${x.id}`,
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: t('st.name'), dataIndex: 'name', width: 200 },
          {
            title: '',
            dataIndex: 'kind',
            width: 140,
            render: (k: string) => <Tag>{label('st.kind', k)}</Tag>,
          },
          { title: t('st.region'), dataIndex: 'regionName', width: 140 },
          { title: t('st.hours'), dataIndex: 'openingHours', width: 200 },
          {
            title: t('st.services'),
            dataIndex: 'services',
            render: (s: string[]) => s.map((x) => label('st.service', x)).join('、'),
          },
          { title: t('st.staff'), dataIndex: 'staff', width: 80 },
          { title: t('st.volunteers'), dataIndex: 'volunteers', width: 80 },
        ]}
      />
      <Drawer
        open={openId !== null}
        onClose={() => navigate('/stations')}
        size={560}
        title={one.data?.name ?? ''}
      >
        {one.data && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="station-detail">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('st.region')}>{one.data.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('st.address')}>{one.data.address}</Descriptions.Item>
              <Descriptions.Item label={t('st.hours')}>{one.data.openingHours}</Descriptions.Item>
              <Descriptions.Item label={t('st.services')}>
                {one.data.services.map((x) => label('st.service', x)).join('、')}
              </Descriptions.Item>
            </Descriptions>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={one.data.people}
              columns={[
                { title: t('st.name'), dataIndex: 'name' },
                {
                  title: '',
                  dataIndex: 'role',
                  render: (r: string) => t(r === 'staff' ? 'st.staff' : 'st.volunteers'),
                },
                { title: '', dataIndex: 'duty' },
              ]}
            />
            <Table
              rowKey="itemKind"
              size="small"
              pagination={false}
              dataSource={one.data.stock}
              columns={[
                { title: t('st.item'), dataIndex: 'itemKind', render: (k: string) => label('st.item', k) },
                { title: t('st.onHand'), dataIndex: 'onHand' },
                { title: t('st.total'), dataIndex: 'total' },
              ]}
            />
          </Space>
        )}
      </Drawer>
    </>
  );
}

function ActivityList({ within }: { within?: string }) {
  const { t, label } = useLang();
  const [page, setPage] = useState(1);
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/station-activities', {
          params: { query: { within, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [within, page],
  );
  return (
    <Table<Activity>
      rowKey="id"
      size="small"
      loading={list.loading}
      dataSource={list.data?.items ?? []}
      pagination={{
        current: page,
        pageSize: PAGE,
        total: list.data?.total ?? 0,
        showSizeChanger: false,
        onChange: setPage,
      }}
      columns={[
        {
          title: t('st.startsAt'),
          dataIndex: 'startsAt',
          width: 170,
          render: (d: string) => new Date(d).toLocaleString(),
        },
        { title: t('st.title'), dataIndex: 'title' },
        {
          title: t('st.services'),
          dataIndex: 'service',
          width: 120,
          render: (s: string) => label('st.service', s),
        },
        { title: t('st.station'), dataIndex: 'stationName', width: 200 },
        { title: t('st.booked'), width: 110, render: (_: unknown, a) => `${a.booked}/${a.capacity}` },
        { title: t('st.attended'), dataIndex: 'attended', width: 80 },
      ]}
    />
  );
}
