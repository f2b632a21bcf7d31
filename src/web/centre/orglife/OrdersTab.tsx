import { App, Button, DatePicker, Input, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';

/** 点单配送: the branches' orders; the county or township schedules and delivers them. */
export function OrdersTab() {
  const { t, label, lang } = useLang();
  const { can } = useSession();
  const { message } = App.useApp();
  const [tick, setTick] = useState(0);
  const [when, setWhen] = useState(dayjs().add(3, 'day').hour(9).minute(0));
  const [place, setPlace] = useState('村党群服务中心');
  const list = useLoad(
    () => ok(api.GET('/api/v1/lesson-orders', { params: { query: { limit: 100 } } })),
    [tick],
  );
  const step = async (id: number, action: 'schedule' | 'deliver') => {
    try {
      await ok(
        api.POST('/api/v1/lesson-orders/{id}/actions/{action}', {
          params: { path: { id, action } },
          body:
            action === 'schedule'
              ? { scheduledAt: when.toISOString(), place }
              : { deliveredOn: dayjs().format('YYYY-MM-DD'), attendance: [] },
        }),
      );
      message.success(t('ol.saved'));
      setTick((n) => n + 1);
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {can('lessons.deliver') && (
        <Space>
          {t('ol.scheduledAt')}
          <DatePicker showTime value={when} onChange={(d) => d && setWhen(d)} />
          {t('ol.place')}
          <Input data-testid="ol-place" value={place} onChange={(e) => setPlace(e.target.value)} />
        </Space>
      )}
      <Table
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="ol-orders"
        columns={[
          { title: t('ol.topic'), dataIndex: 'topic' },
          { title: t('ol.org'), dataIndex: 'orgName' },
          { title: t('ol.wish'), dataIndex: 'wish' },
          {
            title: t('ol.state'),
            dataIndex: 'state',
            render: (s: string, o) => (
              <Tag data-testid={`ol-order-state-${o.id}`}>{label('ol.orderState', s)}</Tag>
            ),
          },
          {
            title: t('ol.scheduledAt'),
            render: (_, o) =>
              o.scheduledAt ? `${dayjs(o.scheduledAt).format('YYYY-MM-DD HH:mm')} ${o.place ?? ''}` : '',
          },
          {
            title: '',
            render: (_, o) =>
              can('lessons.deliver') &&
              (o.state === 'ordered' ? (
                <Button
                  size="small"
                  data-testid={`ol-schedule-${o.id}`}
                  onClick={() => step(o.id, 'schedule')}
                >
                  {t('ol.schedule')}
                </Button>
              ) : o.state === 'scheduled' ? (
                <Button size="small" data-testid={`ol-deliver-${o.id}`} onClick={() => step(o.id, 'deliver')}>
                  {t('ol.deliver')}
                </Button>
              ) : null),
          },
        ]}
      />
    </Space>
  );
}
