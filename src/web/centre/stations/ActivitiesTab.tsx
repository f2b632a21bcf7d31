import { Button, Space, Table } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';
import { ActivityDrawer } from './ActivityDrawer.js';
import { ActivityForm } from './ActivityForm.js';

type Activity =
  paths['/api/v1/station-activities']['get']['responses'][200]['content']['application/json']['items'][number];
const PAGE = 50;

/** 活动: the stations' activities, newest first; schedule one; open one to book and take attendance. */
export function ActivitiesTab({ within }: { within?: string }) {
  const { t, label } = useLang();
  const { can } = useSession();
  const [page, setPage] = useState(1);
  const [tick, setTick] = useState(0);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/station-activities', {
          params: { query: { within, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [within, page, tick],
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {can('stations.manage') && (
        <Button type="primary" onClick={() => setAdding(true)} data-testid="activity-add">
          {t('st.activityAdd')}
        </Button>
      )}
      <Table<Activity>
        className="wg-clickable-rows"
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        onRow={(a) =>
          ({
            onClick: () => setOpen(a.id),
            'data-testid': `activity-row-${a.id}`,
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
      <ActivityForm
        open={adding}
        within={within}
        onClose={() => setAdding(false)}
        onDone={() => setAdding(false)}
        onSaved={(id) => {
          setAdding(false);
          setTick((n) => n + 1);
          setOpen(id);
        }}
      />
      <ActivityDrawer id={open} onClose={() => setOpen(null)} onChanged={() => setTick((n) => n + 1)} />
    </Space>
  );
}
