import { Button, Checkbox, DatePicker, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { loadCategories } from '../common/data.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { CASE_STATES, SOURCES, TIERS, type Category } from '../types.js';
import type { CaseFilters } from './filters.js';

/** State, category, tier, source, overdue/open, reported dates and region. */
export function CaseFilterBar({
  value,
  onChange,
}: {
  value: CaseFilters;
  onChange: (f: CaseFilters) => void;
}) {
  const { t, label, lang } = useLang();
  const [cats, setCats] = useState<Category[]>([]);
  useEffect(() => {
    void loadCategories().then(setCats, () => undefined);
  }, []);
  const set = (patch: Partial<CaseFilters>) => onChange({ ...value, ...patch, page: undefined });
  const opts = (prefix: string, codes: readonly string[]) =>
    codes.map((c) => ({ value: c, label: label(prefix, c) }));
  const majors = [...new Set(cats.map((c) => c.majorName))];
  const catOptions = majors.map((m) => ({
    label: m,
    title: m,
    options: cats
      .filter((c) => c.majorName === m)
      .map((c) => ({ value: c.code, label: `${c.code} ${lang === 'zh' ? c.name : c.nameEn}` })),
  }));

  return (
    <Space wrap size={[8, 8]}>
      <Select
        allowClear
        style={{ width: 120 }}
        placeholder={t('case.state')}
        aria-label={t('case.state')}
        value={value.state}
        onChange={(v) => set({ state: v })}
        options={opts('state', CASE_STATES)}
        data-testid="filter-state"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 200 }}
        placeholder={t('case.category')}
        aria-label={t('case.category')}
        value={value.categoryCode}
        onChange={(v) => set({ categoryCode: v })}
        options={catOptions}
        data-testid="filter-category"
      />
      <Select
        allowClear
        style={{ width: 100 }}
        placeholder={t('case.tier')}
        aria-label={t('case.tier')}
        value={value.tier}
        onChange={(v) => set({ tier: v })}
        options={opts('tier', TIERS)}
        data-testid="filter-tier"
      />
      <Select
        allowClear
        style={{ width: 120 }}
        placeholder={t('case.source')}
        aria-label={t('case.source')}
        value={value.source}
        onChange={(v) => set({ source: v })}
        options={opts('source', SOURCES)}
        data-testid="filter-source"
      />
      <span data-testid="filter-dates">
        <DatePicker.RangePicker
          style={{ width: 240 }}
          placeholder={[t('case.dates'), '']}
          aria-label={t('case.dates')}
          value={value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null}
          onChange={(_d, s) => set({ from: s[0] || undefined, to: s[1] || undefined })}
        />
      </span>
      <RegionPicker value={value.within} onChange={(within) => set({ within })} testId="filter-region" />
      <Checkbox
        checked={value.overdue === 'true'}
        onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}
        data-testid="filter-overdue"
      >
        {t('case.overdueOnly')}
      </Checkbox>
      <Checkbox
        checked={value.open === 'true'}
        onChange={(e) => set({ open: e.target.checked ? 'true' : undefined })}
        data-testid="filter-open"
      >
        {t('case.openOnly')}
      </Checkbox>
      <Button onClick={() => onChange({})}>{t('common.reset')}</Button>
    </Space>
  );
}
