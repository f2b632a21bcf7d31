import { Select } from 'antd';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

/**
 * 楼栋/单元/自然屯/村民小组: the grid units of one grid (GET /grid-units?gridCode=), a unit shown
 * under its building. Empty until a grid is chosen; a grid outside the caller's view has none.
 */
export function GridUnitPicker({
  gridCode,
  value,
  onChange,
  testId = 'grid-unit-picker',
}: {
  gridCode?: string;
  value?: number | null;
  onChange?: (id: number | null) => void;
  testId?: string;
}) {
  const { t, label } = useLang();
  const units = useLoad(
    () =>
      gridCode && /^\d{15}$/.test(gridCode)
        ? ok(api.GET('/api/v1/grid-units', { params: { query: { gridCode } } })).catch(() => ({ items: [] }))
        : Promise.resolve({ items: [] }),
    [gridCode],
  );
  const items = units.data?.items ?? [];
  const byId = new Map(items.map((u) => [u.id, u]));
  const options = items
    .map((u) => {
      const parent = u.parentId ? byId.get(u.parentId) : undefined;
      const name = parent ? `${parent.name} · ${u.name}` : u.name;
      return { value: u.id, label: `${name}（${label('gridUnit', u.kind)}）`, sort: name };
    })
    .sort((a, b) => a.sort.localeCompare(b.sort, 'zh-CN'))
    .map(({ value: v, label: l }) => ({ value: v, label: l }));
  return (
    <Select<number>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={units.loading}
      disabled={!gridCode}
      placeholder={gridCode ? t('regf.unitPick') : t('regf.unitNeedsGrid')}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      style={{ width: '100%' }}
      data-testid={testId}
      notFoundContent={t('regf.noUnits')}
    />
  );
}
