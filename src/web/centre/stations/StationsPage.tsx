import { Button, Card, Space, Table, Tabs, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { useSession } from '../session.js';
import { ActivitiesTab } from './ActivitiesTab.js';
import { CoverageTab } from './CoverageTab.js';
import { LoansTab } from './LoansTab.js';
import { StationDrawer } from './StationDrawer.js';
import { StationForm } from './StationForm.js';

type Station =
  paths['/api/v1/stations']['get']['responses'][200]['content']['application/json']['items'][number];
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
          { key: 'activities', label: t('st.tab.activities'), children: <ActivitiesTab within={within} /> },
          { key: 'loans', label: t('st.tab.loans'), children: <LoansTab within={within} /> },
        ]}
      />
    </Card>
  );
}

function StationList({ route, within }: { route: Route; within?: string }) {
  const { t, label } = useLang();
  const [page, setPage] = useState(1);
  const { can } = useSession();
  const [tick, setTick] = useState(0);
  const [adding, setAdding] = useState(false);
  const openId = Number(route.path[1]) || null;
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/stations', {
          params: { query: { within, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [within, page, tick],
  );
  return (
    <>
      {can('stations.manage') && (
        <Button
          type="primary"
          onClick={() => setAdding(true)}
          style={{ marginBottom: 8 }}
          data-testid="station-add"
        >
          {t('st.add')}
        </Button>
      )}
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
      <StationDrawer
        id={openId}
        onClose={() => navigate('/stations')}
        onChanged={() => setTick((n) => n + 1)}
      />
      <StationForm
        open={adding}
        onClose={() => setAdding(false)}
        onDone={() => setAdding(false)}
        onSaved={(id) => {
          setAdding(false);
          setTick((n) => n + 1);
          navigate(`/stations/${id}`);
        }}
      />
    </>
  );
}
