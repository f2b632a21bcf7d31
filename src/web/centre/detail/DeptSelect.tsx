import { Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { CaseDetail } from '../types.js';
import { holderAt } from './actionSpecs.js';

type Tier = 'township' | 'county';

/**
 * A department for dispatch: GET /departments?tier=…&within=<the holding region>,
 * the tier defaulting to the case's tier (a case is dispatched where it is held).
 */
export function DeptSelect({
  c,
  value,
  onChange,
}: {
  c: CaseDetail;
  value?: number;
  onChange?: (id: number | undefined) => void;
}) {
  const { t, label } = useLang();
  const [tier, setTier] = useState<Tier>(c.tier === 'county' ? 'county' : 'township');
  const holder = holderAt(c.gridCode, tier);
  const depts = useLoad(
    () =>
      ok(api.GET('/api/v1/departments', { params: { query: { tier, within: holder } } })).then((r) =>
        r.items.filter((d) => d.regionCode === holder),
      ),
    [tier, holder],
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Radio.Group
        value={tier}
        onChange={(e) => {
          setTier(e.target.value as Tier);
          onChange?.(undefined);
        }}
        optionType="button"
        size="small"
        options={(['township', 'county'] as const).map((x) => ({ value: x, label: label('tier', x) }))}
        data-testid="dept-tier"
      />
      <Select
        style={{ width: '100%' }}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('act.deptRequired')}
        aria-label={t('act.deptRequired')}
        loading={depts.loading}
        value={value}
        onChange={(v: number) => onChange?.(v)}
        options={(depts.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        data-testid="dept-select"
      />
    </Space>
  );
}
