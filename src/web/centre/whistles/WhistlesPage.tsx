import { Button, Card, Table, Tabs } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { useSession } from '../session.js';
import { RaiseModal } from './RaiseModal.js';
import { WhistleDrawer } from './WhistleDrawer.js';
import { WhistleList } from './WhistleList.js';

type Figures =
  paths['/api/v1/whistles/comparison']['get']['responses'][200]['content']['application/json']['items'][number];

/** 基层吹哨 · 部门必应: the requests I see (a department: its inbox), raising one, departments compared. */
export function WhistlesPage({ route }: { route: Route }) {
  const { t } = useLang();
  const { can } = useSession();
  const [tab, setTab] = useState(() => (can('whistles.answer') ? 'inbox' : 'list'));
  const [raising, setRaising] = useState(false);
  const [tick, setTick] = useState(0);
  const openId = Number(route.path[1]) || null;
  const cmp = useLoad(
    () => (tab === 'compare' ? ok(api.GET('/api/v1/whistles/comparison')) : Promise.resolve(undefined)),
    [tab, tick],
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
            ? [{ key: 'inbox', label: t('whistles.tab.inbox'), children: <WhistleList inbox tick={tick} /> }]
            : []),
          { key: 'list', label: t('whistles.tab.list'), children: <WhistleList inbox={false} tick={tick} /> },
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
