import { Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { RedemptionTable } from './RedemptionTable.js';

type Status = 'requested' | 'handed_over' | 'cancelled';

/** Exchanges of the workers in my scope (GET /redemptions); those waiting to be handed over first by default. */
export function RedemptionsTab() {
  const { t, label } = useLang();
  const [within, setWithin] = useState<string | undefined>();
  const [status, setStatus] = useState<Status | undefined>('requested');
  const res = useLoad(
    () => ok(api.GET('/api/v1/redemptions', { params: { query: { within, status, limit: 200 } } })),
    [within, status],
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <RegionPicker value={within} onChange={setWithin} testId="redemptions-region" />
        <Select<Status>
          allowClear
          style={{ width: 140 }}
          placeholder={t('points.status')}
          aria-label={t('points.status')}
          value={status}
          onChange={setStatus}
          options={(['requested', 'handed_over', 'cancelled'] as const).map((s) => ({
            value: s,
            label: label('points.status', s),
          }))}
          data-testid="redemptions-status"
        />
      </Space>
      <RedemptionTable items={res.data?.items ?? []} loading={res.loading} onChanged={res.reload} />
    </Space>
  );
}
