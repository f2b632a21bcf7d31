import { Button, Card, Space, Table, Tabs, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { useSession } from '../session.js';
import { RaiseModal } from './RaiseModal.js';
import { Clock, WhistleDrawer } from './WhistleDrawer.js';

type Item =
  paths['/api/v1/whistles']['get']['responses'][200]['content']['application/json']['items'][number];
type Figures =
  paths['/api/v1/whistles/comparison']['get']['responses'][200]['content']['application/json']['items'][number];

/** 基层吹哨 · 部门必应: the requests I see (a department: its inbox), raising one, departments compared. */
export function WhistlesPage({ route }: { route: Route }) {
  const { t, label } = useLang();
  const { can } = useSession();
  const [tab, setTab] = useState(() => (can('whistles.answer') ? 'inbox' : 'list'));
  const [raising, setRaising] = useState(false);
  const [tick, setTick] = useState(0);
  const openId = Number(route.path[1]) || null;
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/whistles', {
          params: { query: { limit: 100, ...(tab === 'inbox' ? { inbox: 'true' as const } : {}) } },
        }),
      ),
    [tab, tick],
  );
  const cmp = useLoad(
    () => (tab === 'compare' ? ok(api.GET('/api/v1/whistles/comparison')) : Promise.resolve(undefined)),
    [tab, tick],
  );
  const table = (
    <Table<Item>
      className="wg-clickable-rows"
      rowKey="id"
      size="small"
      loading={list.loading}
      dataSource={list.data?.items ?? []}
      onRow={(w) =>
        ({
          onClick: () => navigate(`/whistles/${w.id}`),
          'data-testid': `whistle-row-${w.number}`,
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        { title: t('whistles.number'), dataIndex: 'number' },
        { title: t('whistles.subject'), dataIndex: 'subject' },
        { title: t('whistles.region'), dataIndex: 'regionName' },
        { title: t('whistles.department'), dataIndex: 'departmentName' },
        {
          title: t('whistles.state'),
          render: (_, w) => (
            <Space size={4}>
              <Tag>{label('whistles.state', w.state)}</Tag>
              {w.kind === 'enterprise' ? <Tag color="purple">{label('whistles.kind', w.kind)}</Tag> : null}
            </Space>
          ),
        },
        { title: t('whistles.clock'), render: (_, w) => <Clock w={w} /> },
        { title: t('whistles.handOnCount'), dataIndex: 'handOnCount' },
      ]}
    />
  );
  const num = (k: keyof Figures) => ({
    title: t(`whistles.cmp.${k}` as 'whistles.cmp.received'),
    dataIndex: k,
    sorter: (a: Figures, b: Figures) => Number(a[k] ?? -1) - Number(b[k] ?? -1),
  });
  return (
    <Card
      size="small"
      title={t('whistles.title')}
      extra={
        can('whistles.raise') ? (
          <Button type="primary" onClick={() => setRaising(true)} data-testid="whistle-raise">
            {t('whistles.raise')}
          </Button>
        ) : null
      }
    >
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          ...(can('whistles.answer')
            ? [{ key: 'inbox', label: t('whistles.tab.inbox'), children: table }]
            : []),
          { key: 'list', label: t('whistles.tab.list'), children: table },
          {
            key: 'compare',
            label: t('whistles.tab.compare'),
            children: (
              <Table<Figures>
                rowKey="departmentId"
                size="small"
                loading={cmp.loading}
                dataSource={cmp.data?.items ?? []}
                pagination={false}
                data-testid="whistle-comparison"
                columns={[
                  { title: t('whistles.department'), dataIndex: 'departmentName' },
                  num('received'),
                  num('answered'),
                  { ...num('onTimeRate'), render: (v: number | null) => (v === null ? '—' : `${v}%`) },
                  { ...num('avgResponseHours'), render: (v: number | null) => v ?? '—' },
                  num('handedOn'),
                  num('openNow'),
                  num('overdueNow'),
                ]}
              />
            ),
          },
        ]}
      />
      <RaiseModal
        open={raising}
        onClose={() => setRaising(false)}
        onRaised={(id) => (setRaising(false), setTick((n) => n + 1), navigate(`/whistles/${id}`))}
      />
      <WhistleDrawer
        id={openId}
        onClose={() => navigate('/whistles')}
        onChanged={() => setTick((n) => n + 1)}
      />
    </Card>
  );
}
