import { Alert, Input, Select, Space, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { WorkerItem } from './types.js';
import { WorkerDrawer } from './WorkerDrawer.js';

const PAGE = 20;
const DUTIES = [
  'grid_worker',
  'central_household',
  'building_head',
  'unit_head',
  'party_member',
  'volunteer',
] as const;
type Duty = (typeof DUTIES)[number];
type Employment = 'fullTime' | 'partTime';

/**
 * Grid workers in my scope (GET /workers), by place and name. No column sorts
 * by points: 国办函〔2026〕12号 forbids points rankings.
 */
export function RosterTab() {
  const { t, label } = useLang();
  const [within, setWithin] = useState<string | undefined>();
  const [employment, setEmployment] = useState<Employment | undefined>();
  const [duty, setDuty] = useState<Duty | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const res = useLoad(
    () =>
      ok(
        api.GET('/api/v1/workers', {
          params: { query: { within, employment, duty, q, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [within, employment, duty, q, page],
  );
  const first =
    <T,>(set: (v: T) => void) =>
    (v: T) => (set(v), setPage(1));

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('points.rosterNote')} />
      <Space wrap>
        <RegionPicker value={within} onChange={first(setWithin)} testId="workers-region" />
        <Select<Employment>
          allowClear
          style={{ width: 140 }}
          placeholder={t('points.employment')}
          aria-label={t('points.employment')}
          value={employment}
          onChange={first(setEmployment)}
          options={(['fullTime', 'partTime'] as const).map((e) => ({
            value: e,
            label: label('points.employment', e),
          }))}
          data-testid="workers-employment"
        />
        <Select<Duty>
          allowClear
          style={{ width: 140 }}
          placeholder={t('points.duty')}
          aria-label={t('points.duty')}
          value={duty}
          onChange={first(setDuty)}
          options={DUTIES.map((d) => ({ value: d, label: label('points.duty', d) }))}
          data-testid="workers-duty"
        />
        <Input.Search
          allowClear
          style={{ width: 200 }}
          placeholder={t('points.searchName')}
          onSearch={(v) => first(setQ)(v.trim() || undefined)}
          data-testid="workers-search"
        />
      </Space>
      <Table<WorkerItem>
        className="wg-clickable-rows"
        rowKey="id"
        size="small"
        loading={res.loading}
        dataSource={res.data?.items ?? []}
        onRow={(w) =>
          ({
            onClick: () => setOpen(w.id),
            'data-testid': `worker-row-${w.id}`,
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: page,
          pageSize: PAGE,
          total: res.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (n) => t('common.total', { n }),
        }}
        columns={[
          { title: t('points.village'), dataIndex: 'villageName', width: 200 },
          { title: t('points.grid'), dataIndex: 'gridName', width: 200 },
          { title: t('points.name'), dataIndex: 'name', width: 110 },
          {
            title: t('points.employment'),
            dataIndex: 'employment',
            width: 90,
            render: (e: Employment) => (
              <Tag color={e === 'fullTime' ? 'blue' : 'green'}>{label('points.employment', e)}</Tag>
            ),
          },
          {
            title: t('points.duty'),
            dataIndex: 'duty',
            width: 110,
            render: (d: string) => label('points.duty', d),
          },
          {
            title: t('points.balance'),
            dataIndex: 'pointsBalance',
            width: 90,
            render: (b: number, w: WorkerItem) => (w.earnsPoints ? b : '—'),
          },
          {
            title: t('points.account'),
            dataIndex: 'hasAccount',
            width: 90,
            render: (a: boolean) => (a ? t('common.yes') : '—'),
          },
        ]}
      />
      <WorkerDrawer id={open} onClose={() => setOpen(null)} onChanged={res.reload} />
    </Space>
  );
}
